import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { catchError, map, of, startWith, Subject, switchMap } from 'rxjs';

import { AdminApi, type AdminOutsideBody as OutsideBody } from '../core/api/admin-api';
import { toApiError } from '../core/api-error';
import { injectMessages } from '../core/i18n';
import { FieldControl, FormField } from '../shared/form-field';
import { ADMIN_MESSAGES } from './admin.messages';
import { type AdminColumn, AdminList, AdminRow } from './admin-list';
import { AdminSearch } from './admin-search';
import { AdminFormActions } from './form-actions';
import { AdminStore, type SaveState } from './admin-store';

const KINDS = ['ministry', 'agency', 'company', 'person', 'other'] as const;

/** The fields of the form, as strings the inputs hold. */
interface BodyDraft {
  name: string;
  email: string;
  kind: OutsideBody['kind'];
  note: string;
}

const draftOf = (b: OutsideBody | null): BodyDraft => ({
  name: b?.name ?? '',
  email: b?.email ?? '',
  kind: b?.kind ?? 'agency',
  note: b?.note ?? '',
});

/**
 * The directory of outside bodies (หน่วยงานภายนอก): drafters pick them as recipients (GET /api/directory) and the
 * central mail intake registers their letters at once. Add, edit, switch off (never delete: letters name them) or on.
 */
@Component({
  selector: 'app-admin-outside-bodies',
  imports: [MatButton, FormField, FieldControl, AdminList, AdminRow, AdminSearch, AdminFormActions],
  templateUrl: './admin-outside-bodies.html',
  styleUrl: './admin.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminOutsideBodies {
  private readonly api = inject(AdminApi);
  private readonly store = inject(AdminStore);
  protected readonly t = injectMessages(ADMIN_MESSAGES);
  protected readonly kinds = KINDS;
  private readonly reload = new Subject<void>();
  private readonly answer = toSignal(
    this.reload.pipe(
      startWith(undefined),
      switchMap(() =>
        this.api.outsideBodies().pipe(
          map((a) => ({ items: a.items, error: null as string | null })),
          catchError((failure: unknown) => of({ items: [] as OutsideBody[], error: toApiError(failure).message })),
        ),
      ),
    ),
    { initialValue: null },
  );
  protected readonly loadError = computed(() => this.answer()?.error ?? null);
  protected readonly query = signal('');
  protected readonly showInactive = signal(false);
  protected readonly bodies = computed(() => {
    const items = this.answer()?.items;
    if (!items) return null;
    const q = this.query().trim().toLowerCase();
    return items.filter(
      (b) =>
        (this.showInactive() || b.active) && (!q || `${b.name} ${b.email} ${b.note ?? ''}`.toLowerCase().includes(q)),
    );
  });
  protected readonly total = computed(() => this.answer()?.items.length ?? 0);
  protected readonly columns = computed((): AdminColumn[] => [
    { label: this.t('bodyName') },
    { label: this.t('bodyEmail') },
    { label: this.t('bodyKind') },
    { label: this.t('edit'), hidden: true },
  ]);
  protected readonly bodyKey = (b: OutsideBody) => b.id;
  /** The entry being edited (its id), 'new' for a new one, or null. */
  protected readonly editing = signal<string | null>(null);
  protected readonly draft = signal<BodyDraft>(draftOf(null));
  protected readonly save = signal<SaveState>({ state: 'idle' });
  protected readonly switching = signal<Record<string, SaveState>>({});

  protected startNew(): void {
    this.editing.set('new');
    this.draft.set(draftOf(null));
    this.save.set({ state: 'idle' });
  }

  protected startEdit(body: OutsideBody): void {
    this.editing.set(body.id);
    this.draft.set(draftOf(body));
    this.save.set({ state: 'idle' });
  }

  protected close(): void {
    this.editing.set(null);
  }

  protected set(field: keyof BodyDraft, value: string): void {
    this.draft.update((d) => ({ ...d, [field]: value }));
  }

  protected submit(): void {
    const d = this.draft();
    const body = { name: d.name.trim(), email: d.email.trim(), kind: d.kind, note: d.note.trim() || null };
    const editing = this.editing();
    const call =
      editing === 'new'
        ? this.store.change(this.api.createOutsideBody(body))
        : this.store.change(this.api.changeOutsideBody(editing ?? '', body));
    this.store.run(
      this.save,
      call,
      (saved) => {
        this.editing.set(saved.id);
        this.reload.next();
      },
      this.t('saved'),
    );
  }

  /** Switches an entry off (after a confirmation) or on again. */
  protected setActive(body: OutsideBody, active: boolean): void {
    if (!active && !confirm(`${this.t('deactivateConfirm')}\n${body.name}`)) return;
    const target = { set: (s: SaveState) => this.switching.update((all) => ({ ...all, [body.id]: s })) };
    const call = active
      ? this.store.change(this.api.changeOutsideBody(body.id, { active: true }))
      : this.store.change(this.api.deactivateOutsideBody(body.id));
    this.store.run(target, call, () => this.reload.next());
  }
}
