import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { catchError, concatMap, EMPTY, forkJoin, type Observable, of, switchMap, tap } from 'rxjs';

import { DocumentsApi, type SavedDraft } from '../core/api/documents-api';
import { toApiError } from '../core/api-error';
import type { DocumentDetail, HistoryEntry, UnitUser, VersionDetail } from '../core/api-types';
import { personName } from '../core/api-types';
import { Auth } from '../core/auth';
import { I18n, injectMessages, mergeMessages } from '../core/i18n';
import { newIdempotencyKey } from '../core/idempotency';
import { ENUM_IDS } from '../core/labels';
import { Org } from '../core/org';
import { ThaiPipe, formatValue } from '../core/thai-pipe';
import { LetterPreview } from '../shared/letter-preview';
import { RecipientPicker } from '../shared/recipient-picker';
import { WORK_MESSAGES } from '../shared/work-messages';
import { COMPOSE_MESSAGES, FIELD_ENGLISH } from './compose.messages';
import {
  type AttachedFile,
  authorFields,
  type DraftForm,
  emptyDraft,
  formOf,
  isShort,
  missingParts,
  previewOf,
  requestOf,
  systemFields,
} from './draft-model';

/** Where an unsaved new draft is kept between visits. */
const LOCAL_DRAFT_KEY = 'saraban.compose.new';
/** The largest attachment the client sends, in bytes. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Stages in which the author may still change the draft. */
const EDITABLE = ['draft', 'returned'];

/**
 * Compose: a form per kind with the regulation's parts (domain/kinds.ts), recipients from the org tree or outside
 * bodies, attachments, a live preview of the printed letter, drafts saved as versions; a returned draft shows the
 * reviewers' comments and its earlier versions.
 */
@Component({
  selector: 'app-compose',
  imports: [MatButton, RouterLink, ThaiPipe, LetterPreview, RecipientPicker],
  templateUrl: './compose.html',
  styleUrl: './compose.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Compose {
  private readonly documents = inject(DocumentsApi);
  private readonly router = inject(Router);
  private readonly location = inject(Location);
  private readonly auth = inject(Auth);
  private readonly org = inject(Org);
  private readonly i18n = inject(I18n);
  protected readonly t = injectMessages(mergeMessages(WORK_MESSAGES, COMPOSE_MESSAGES));
  protected readonly options = ENUM_IDS;
  protected readonly personName = personName;

  /** The draft being edited (route `/compose/:id`), or none for a new one. */
  readonly id = input<string>();

  protected readonly form = signal<DraftForm>(emptyDraft());
  protected readonly attachments = signal<AttachedFile[]>([]);
  protected readonly doc = signal<DocumentDetail | null>(null);
  protected readonly loadedVersion = signal<VersionDetail | null>(null);
  protected readonly viewing = signal<VersionDetail | null>(null);
  protected readonly loading = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});
  protected readonly notice = signal<string | null>(null);
  protected readonly paperNote = signal<string | null>(null);
  protected readonly paperNumber = signal<string | null>(null);
  protected readonly restored = signal(false);
  protected readonly showPreview = signal(true);
  protected readonly submitTo = signal('');

  protected readonly fields = computed(() => authorFields(this.form().kind));
  protected readonly systemParts = computed(() => systemFields(this.form().kind));
  protected readonly preview = computed(() => previewOf(this.form()));
  protected readonly editable = computed(() => {
    const d = this.doc();
    return !d || EDITABLE.includes(d.stage);
  });
  protected readonly returnedComments = computed(() =>
    (this.doc()?.history ?? []).filter(
      (h) => h.action === 'document.returned' || (h.comment && h.action.includes('return')),
    ),
  );
  protected readonly minutes = computed(() => this.doc()?.minutes ?? []);
  protected readonly isShort = isShort;
  private readonly savedSnapshot = signal<string | null>(null);
  protected readonly dirty = computed(
    () => JSON.stringify([this.form(), this.attachments().map((a) => a.name)]) !== this.savedSnapshot(),
  );

  /** Superiors in the caller's unit a draft may be submitted to (the API checks the chain). */
  private readonly users = toSignal(
    this.org.usersOf(this.auth.user()?.registryUnit.id ?? '').pipe(catchError(() => of([] as UnitUser[]))),
    { initialValue: [] as UnitUser[] },
  );
  protected readonly superiors = computed(() => {
    const level = this.auth.user()?.position.level ?? 99;
    const byPosition = new Map<string, UnitUser>();
    for (const user of this.users()) {
      const p = user.position;
      if (p && (p.level ?? 99) < level && !byPosition.has(p.id)) byPosition.set(p.id, user);
    }
    return [...byPosition.values()].sort((a, b) => (b.position?.level ?? 0) - (a.position?.level ?? 0));
  });

  private idempotency: { fingerprint: string; key: string } | null = null;
  /** The id this page itself just created (the URL was updated in place). */
  private createdId: string | null = null;

  constructor() {
    toObservable(this.id)
      .pipe(
        switchMap((id) => {
          if (!id) {
            this.startNew();
            return EMPTY;
          }
          return this.loadDraft(id);
        }),
        takeUntilDestroyed(),
      )
      .subscribe();

    // An unsaved new draft survives a reload or a closed tab.
    effect(() => {
      const form = this.form();
      if (this.id() || this.createdId) return;
      try {
        localStorage.setItem(LOCAL_DRAFT_KEY, JSON.stringify(form));
      } catch {
        // Storage may be full or refused; the draft is still on the page.
      }
    });
  }

  protected fieldLabel(field: { id: string; th: string }): string {
    return this.i18n.lang() === 'en' ? (FIELD_ENGLISH[field.id] ?? field.th) : field.th;
  }

  protected set<K extends keyof DraftForm>(key: K, value: DraftForm[K]): void {
    this.form.update((f) => ({ ...f, [key]: value }));
    this.clearFieldError(key === 'unitIds' || key === 'outsiders' ? 'to' : key);
  }

  protected setPart(id: string, value: string): void {
    this.form.update((f) => ({ ...f, body: { ...f.body, [id]: value } }));
    this.clearFieldError(`body.${id}`);
  }

  protected attach(files: FileList | null): void {
    for (const file of Array.from(files ?? [])) {
      if (file.size > MAX_FILE_BYTES) {
        this.error.set(`${file.name}: > 20 MB`);
        continue;
      }
      const reader = new FileReader();
      reader.onload = () => {
        const url = String(reader.result ?? '');
        const contentBase64 = url.slice(url.indexOf(',') + 1);
        this.attachments.update((list) => [...list, { name: file.name, size: file.size, contentBase64 }]);
      };
      reader.readAsDataURL(file);
    }
  }

  protected detach(index: number): void {
    this.attachments.update((list) => list.filter((_, i) => i !== index));
  }

  protected discardRestored(): void {
    localStorage.removeItem(LOCAL_DRAFT_KEY);
    this.restored.set(false);
    this.form.set(emptyDraft());
  }

  protected viewVersion(version: number): void {
    const d = this.doc();
    if (!d) return;
    this.documents
      .version(d.id, version)
      .subscribe({ next: (v) => this.viewing.set(v), error: (e: unknown) => this.showError(e) });
  }

  protected useVersion(version: VersionDetail): void {
    this.form.set(formOf(version));
    this.viewing.set(null);
  }

  protected partsOf(version: VersionDetail): { id: string; th: string; text: string }[] {
    return authorFields(version.kind)
      .map((f) => {
        const value = version.body?.[f.id];
        return { id: f.id, th: f.th, text: Array.isArray(value) ? value.join('\n') : String(value ?? '') };
      })
      .filter((p) => p.text);
  }

  /** Saves the draft (a new document, or a new version of this one). */
  protected save(): void {
    this.persist().subscribe();
  }

  /** Saves if needed, then proposes the draft up the chain (or to the chosen superior) and opens the document. */
  protected submit(): void {
    this.persist()
      .pipe(
        concatMap((saved) => {
          // A ลับที่สุด draft was registered on paper by the save itself: nothing to propose, and the page shows
          // the number to write on the paper letter (proposing would only fail with TASK_NOT_OPEN).
          if (saved.stage === 'paper' || this.paperNumber()) return EMPTY;
          this.saving.set(true);
          const body = this.submitTo() ? { toPositionId: this.submitTo() } : {};
          return this.documents.submit(saved.id, body, newIdempotencyKey()).pipe(
            tap(() => {
              this.saving.set(false);
              void this.router.navigate(['/documents', saved.id]);
            }),
          );
        }),
        catchError((failure: unknown) => {
          this.saving.set(false);
          this.showError(failure);
          return EMPTY;
        }),
      )
      .subscribe();
  }

  private persist(): Observable<SavedDraft> {
    if (this.saving()) return EMPTY;
    this.error.set(null);
    this.notice.set(null);
    const missing = missingParts(this.form());
    if (missing.length > 0) {
      const errors: Record<string, string> = {};
      for (const path of missing) {
        errors[path] = path === 'to' ? this.t('compose.needRecipient') : this.t('compose.needField');
      }
      this.fieldErrors.set(errors);
      this.error.set(this.t('compose.fixFields'));
      this.focusFirstError();
      return EMPTY;
    }
    const d = this.doc();
    if (d && !this.dirty()) return of({ id: d.id, version: d.version ?? 1, stage: d.stage });
    const body = requestOf(this.form(), this.attachments());
    const key = this.keyFor(body);
    this.saving.set(true);
    return this.documents.saveDraft(d ? d.id : null, body, key).pipe(
      tap((saved) => {
        this.saving.set(false);
        this.idempotency = null;
        this.savedSnapshot.set(JSON.stringify([this.form(), this.attachments().map((a) => a.name)]));
        this.notice.set(`${this.t('compose.saved')} ${formatValue(saved.version, 'digits', this.i18n.lang())}`);
        this.paperNote.set(saved.medium === 'paper' ? (saved.paperReason ?? this.t('compose.paper')) : null);
        this.paperNumber.set(saved.number?.text ?? null);
        this.fieldErrors.set({});
        if (!d) {
          localStorage.removeItem(LOCAL_DRAFT_KEY);
          this.createdId = saved.id;
          this.doc.set({ id: saved.id, stage: saved.stage, version: saved.version } as DocumentDetail);
          // The URL names the draft now, without a navigation that would rebuild the page (and drop its files).
          this.location.replaceState(`/compose/${saved.id}`);
        } else {
          this.doc.update((doc) => (doc ? { ...doc, version: saved.version, stage: saved.stage ?? doc.stage } : doc));
        }
      }),
      catchError((failure: unknown) => {
        this.saving.set(false);
        this.showError(failure);
        return EMPTY;
      }),
    );
  }

  private startNew(): void {
    this.doc.set(null);
    this.createdId = null;
    let stored: DraftForm | null = null;
    try {
      stored = JSON.parse(localStorage.getItem(LOCAL_DRAFT_KEY) ?? 'null') as DraftForm | null;
    } catch {
      stored = null;
    }
    const meaningful = stored && (stored.subject || Object.values(stored.body ?? {}).some(Boolean));
    this.form.set(meaningful ? { ...emptyDraft(), ...stored! } : emptyDraft());
    this.restored.set(Boolean(meaningful));
    this.savedSnapshot.set(null);
  }

  private loadDraft(id: string): Observable<unknown> {
    this.loading.set(true);
    return this.documents.get(id).pipe(
      switchMap((doc) => forkJoin({ doc: of(doc), version: this.documents.version(id, doc.version ?? 1) })),
      tap(({ doc, version }) => {
        this.loading.set(false);
        this.doc.set(doc);
        this.loadedVersion.set(version);
        this.form.set(formOf(version));
        this.attachments.set([]);
        this.savedSnapshot.set(JSON.stringify([this.form(), []]));
      }),
      catchError((failure: unknown) => {
        this.loading.set(false);
        this.showError(failure);
        return EMPTY;
      }),
    );
  }

  private keyFor(body: unknown): string {
    const fingerprint = JSON.stringify(body);
    if (this.idempotency?.fingerprint !== fingerprint) this.idempotency = { fingerprint, key: newIdempotencyKey() };
    return this.idempotency.key;
  }

  private showError(failure: unknown): void {
    const error = toApiError(failure);
    if (error.status === 401) return;
    const summary = error.status === 0 ? this.t('error.network') : error.message || error.code;
    this.error.set(`${this.t('compose.failed')}: ${summary} (${error.code})`);
    if (Object.keys(error.fields).length) {
      const errors: Record<string, string> = {};
      for (const [path, message] of Object.entries(error.fields)) errors[path.replace(/^to\.\d+.*/, 'to')] = message;
      this.fieldErrors.set(errors);
      this.focusFirstError();
    }
  }

  private clearFieldError(path: string): void {
    if (this.fieldErrors()[path]) {
      const { [path]: _gone, ...rest } = this.fieldErrors();
      this.fieldErrors.set(rest);
    }
  }

  private focusFirstError(): void {
    setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid=true]')?.focus());
  }

  protected historyWho(entry: HistoryEntry): string {
    return personName(entry.actor);
  }
}
