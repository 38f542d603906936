import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import type { Category } from '@domain/enums';

import { AdminApi } from '../core/api/admin-api';
import { injectMessages } from '../core/i18n';
import { ENUM_IDS } from '../core/labels';
import { ThaiPipe } from '../core/thai-pipe';
import { FieldControl, FormField } from '../shared/form-field';
import { ADMIN_MESSAGES } from './admin.messages';
import { type AdminColumn, AdminList, AdminRow } from './admin-list';
import { AdminFormActions } from './form-actions';
import { type AdminActing, AdminStore, type SaveState } from './admin-store';

const ACTING = 'รักษาราชการแทน';
const DELEGATED = 'ปฏิบัติราชการแทน';

interface ActingDraft {
  positionUnitId: string;
  positionId: string;
  userUnitId: string;
  actingUserId: string;
  kind: typeof ACTING | typeof DELEGATED;
  matters: Set<Category>;
  validFrom: string;
  validTo: string;
  note: string;
}

/**
 * Acting appointments (รักษาราชการแทน) and delegations (ปฏิบัติราชการแทน) with their dates: appoint one, end one on a
 * day (never deleted). The signature blocks and the chain of command follow them from the day they are in force.
 */
@Component({
  selector: 'app-admin-acting',
  imports: [MatButton, ThaiPipe, FormField, FieldControl, AdminList, AdminRow, AdminFormActions],
  templateUrl: './admin-acting.html',
  styleUrl: './admin.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminActingTab {
  protected readonly store = inject(AdminStore);
  private readonly api = inject(AdminApi);
  protected readonly t = injectMessages(ADMIN_MESSAGES);
  protected readonly kinds = [ACTING, DELEGATED] as const;
  protected readonly delegated = DELEGATED;
  protected readonly categories = ENUM_IDS.category;
  protected readonly showEnded = signal(false);
  protected readonly draft = signal<ActingDraft>({
    positionUnitId: 'district-1011',
    positionId: '',
    userUnitId: 'district-1011',
    actingUserId: '',
    kind: ACTING,
    matters: new Set(),
    validFrom: this.store.today(),
    validTo: '',
    note: '',
  });
  protected readonly save = signal<SaveState>({ state: 'idle' });
  protected readonly endDays = signal<Record<number, string>>({});
  protected readonly endSaves = signal<Record<number, SaveState>>({});

  protected readonly positionsOfUnit = computed(() =>
    this.store
      .positions()
      .filter((p) => p.unitId === this.draft().positionUnitId)
      .sort((a, b) => a.level - b.level),
  );
  protected readonly usersOfUnit = computed(() => {
    const positions = new Set(
      this.store
        .positions()
        .filter((p) => p.unitId === this.draft().userUnitId)
        .map((p) => p.id),
    );
    return this.store.users().filter((u) => u.active && positions.has(u.positionId));
  });
  protected readonly columns = computed((): AdminColumn[] => [
    { label: this.t('forPosition') },
    { label: this.t('actingUser') },
    { label: this.t('actingKind') },
    { label: this.t('validFrom') },
    { label: this.t('endOn') },
    { label: this.t('state') },
    { label: this.t('end'), hint: this.t('endHint') },
  ]);
  protected readonly actingKey = (a: AdminActing) => a.id;
  protected readonly rows = computed(() =>
    this.store.acting().filter((a) => this.showEnded() || a.state === 'in_force' || a.state === 'upcoming'),
  );

  protected set<K extends keyof ActingDraft>(field: K, value: ActingDraft[K]): void {
    this.draft.update((d) => {
      const next = { ...d, [field]: value };
      // A new unit of the position is usually the acting official's unit too (an assistant acts for the director).
      if (field === 'positionUnitId') Object.assign(next, { positionId: '', userUnitId: value, actingUserId: '' });
      if (field === 'userUnitId') next.actingUserId = '';
      return next;
    });
  }

  protected toggleMatter(matter: Category): void {
    const matters = new Set(this.draft().matters);
    if (!matters.delete(matter)) matters.add(matter);
    this.set('matters', matters);
  }

  protected appoint(): void {
    const d = this.draft();
    this.store.run(
      this.save,
      this.store.change(
        this.api.appointActing({
          positionId: d.positionId,
          actingUserId: d.actingUserId,
          kind: d.kind,
          ...(d.kind === DELEGATED && d.matters.size ? { matters: [...d.matters] } : {}),
          validFrom: d.validFrom,
          ...(d.validTo ? { validTo: d.validTo } : {}),
          ...(d.note.trim() ? { note: d.note.trim() } : {}),
        }),
      ),
      () => this.draft.update((x) => ({ ...x, actingUserId: '', note: '', validTo: '' })),
      this.t('saved'),
    );
  }

  protected endDay(a: AdminActing): string {
    return this.endDays()[a.id] ?? this.store.today();
  }

  protected setEndDay(a: AdminActing, day: string): void {
    this.endDays.update((all) => ({ ...all, [a.id]: day }));
  }

  protected end(a: AdminActing): void {
    const target = { set: (s: SaveState) => this.endSaves.update((all) => ({ ...all, [a.id]: s })) };
    this.store.run(
      target,
      this.store.change(this.api.endActing(a.id, { validTo: this.endDay(a) })),
      undefined,
      this.t('saved'),
    );
  }
}
