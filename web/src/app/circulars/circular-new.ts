import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { Router } from '@angular/router';

import { CircularsApi } from '../core/api/circulars-api';
import { toApiError } from '../core/api-error';
import { Auth } from '../core/auth';
import { I18n, injectMessages, mergeMessages } from '../core/i18n';
import { newIdempotencyKey } from '../core/idempotency';
import { ENUM_IDS } from '../core/labels';
import { ThaiPipe } from '../core/thai-pipe';
import { FIELD_ENGLISH } from '../compose/compose.messages';
import { authorFields, bodyOf, type DraftForm, emptyDraft, isShort } from '../compose/draft-model';
import { LetterPreview, type LetterPreviewRequest } from '../shared/letter-preview';
import { RecipientPicker } from '../shared/recipient-picker';
import { WORK_MESSAGES } from '../shared/work-messages';
import { CIRCULAR_MESSAGES } from './circulars.messages';

/** The kinds a circular is usually written as. */
const CIRCULAR_KINDS = ['memo', 'external'];
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * A new circular (หนังสือเวียน): the text in the parts of its kind, the receiving units picked one by one or by
 * group, an optional PDF; numbered in the ว series on sending, then watched on its document page.
 */
@Component({
  selector: 'app-circular-new',
  imports: [MatButton, ThaiPipe, LetterPreview, RecipientPicker],
  templateUrl: './circular-new.html',
  styleUrl: './circular-new.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CircularNew {
  private readonly api = inject(CircularsApi);
  private readonly router = inject(Router);
  private readonly auth = inject(Auth);
  private readonly i18n = inject(I18n);
  protected readonly t = injectMessages(mergeMessages(WORK_MESSAGES, CIRCULAR_MESSAGES));
  protected readonly kinds = CIRCULAR_KINDS;
  protected readonly options = ENUM_IDS;
  protected readonly isShort = isShort;
  protected readonly ownUnit = computed(() => this.auth.user()?.registryUnit.id ?? null);

  protected readonly form = signal<DraftForm>({ ...emptyDraft(), kind: 'memo' });
  protected readonly file = signal<{ name: string; contentBase64: string } | null>(null);
  protected readonly sending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly missing = signal<ReadonlySet<string>>(new Set());
  protected readonly fields = computed(() => authorFields(this.form().kind));
  protected readonly preview = computed<LetterPreviewRequest>(() => {
    const f = this.form();
    return { kind: f.kind, circular: true, subject: f.subject, urgency: f.urgency, secrecy: 'none', body: bodyOf(f) };
  });
  private idempotencyKey: string | null = null;

  protected set<K extends keyof DraftForm>(key: K, value: DraftForm[K]): void {
    this.form.update((f) => ({ ...f, [key]: value }));
    this.idempotencyKey = null;
  }

  protected setPart(id: string, value: string): void {
    this.form.update((f) => ({ ...f, body: { ...f.body, [id]: value } }));
    this.idempotencyKey = null;
  }

  protected fieldLabel(field: { id: string; th: string }): string {
    return this.i18n.lang() === 'en' ? (FIELD_ENGLISH[field.id] ?? field.th) : field.th;
  }

  protected pickFile(files: FileList | null): void {
    const picked = files?.[0];
    if (!picked || picked.size > MAX_FILE_BYTES) return;
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      this.file.set({ name: picked.name, contentBase64: url.slice(url.indexOf(',') + 1) });
    };
    reader.readAsDataURL(picked);
  }

  protected send(): void {
    if (this.sending()) return;
    const f = this.form();
    const missing = new Set<string>();
    if (!f.subject.trim()) missing.add('subject');
    if (f.unitIds.length === 0) missing.add('to');
    if (!(f.body['body'] ?? '').trim()) missing.add('body');
    this.missing.set(missing);
    if (missing.size > 0) {
      this.error.set(
        [...missing]
          .map((m) => this.t(m === 'to' ? 'circ.needTo' : m === 'subject' ? 'circ.needSubject' : 'circ.needBody'))
          .join(' · '),
      );
      return;
    }
    const file = this.file();
    const body = {
      subject: f.subject.trim(),
      urgency: f.urgency,
      category: f.category,
      kind: f.kind,
      to: f.unitIds,
      body: bodyOf(f),
      ...(file ? { file } : {}),
    };
    this.idempotencyKey ??= newIdempotencyKey();
    this.sending.set(true);
    this.error.set(null);
    this.api.send(body, this.idempotencyKey).subscribe({
      next: (created) => {
        this.sending.set(false);
        void this.router.navigate(['/documents', created.id]);
      },
      error: (failure: unknown) => {
        this.sending.set(false);
        const error = toApiError(failure);
        if (error.status !== 401)
          this.error.set(`${this.t('circ.failed')}: ${error.message || error.code} (${error.code})`);
      },
    });
  }
}
