import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';

import { AdminApi } from '../core/api/admin-api';
import { injectMessages } from '../core/i18n';
import { ThaiPipe } from '../core/thai-pipe';
import { FieldControl, FormField } from '../shared/form-field';
import { AdminActiveSwitch } from './active-switch';
import { ADMIN_MESSAGES } from './admin.messages';
import { type AdminColumn, AdminList, AdminRow } from './admin-list';
import { AdminLinkCell } from './link-cell';
import { AdminFormActions } from './form-actions';
import { type ActiveFilter, type AdminPosition, AdminStore, passesActiveFilter, type SaveState } from './admin-store';
import { AdminStatusFilter } from './status-filter';

interface PositionDraft {
  id: string;
  unitId: string;
  title: string;
  level: number;
  headOfUnit: boolean;
  executive: boolean;
}

/**
 * Positions of a unit: title, level, head of unit, executive, with who holds each; add or edit one; switch an
 * empty one off (greyed) or on again, with a filter by that flag.
 */
@Component({
  selector: 'app-admin-positions',
  imports: [
    ThaiPipe,
    FormField,
    FieldControl,
    AdminList,
    AdminRow,
    AdminLinkCell,
    AdminFormActions,
    AdminStatusFilter,
    AdminActiveSwitch,
  ],
  templateUrl: './admin-positions.html',
  styleUrl: './admin.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminPositions {
  protected readonly store = inject(AdminStore);
  private readonly api = inject(AdminApi);
  protected readonly t = injectMessages(ADMIN_MESSAGES);
  protected readonly unitId = signal('district-1011');
  protected readonly status = signal<ActiveFilter>('all');
  protected readonly rows = computed(() =>
    this.store
      .positions()
      .filter((p) => p.unitId === this.unitId() && passesActiveFilter(this.status(), p.active))
      .sort((a, b) => a.level - b.level || a.title.localeCompare(b.title)),
  );
  protected readonly columns = computed((): AdminColumn[] => [
    { label: this.t('title') },
    { label: this.t('level'), class: 'center' },
    { label: this.t('headOfUnit'), class: 'center' },
    { label: this.t('executive'), class: 'center' },
    { label: this.t('holder') },
    { label: this.t('status') },
    { label: this.t('edit'), hidden: true },
  ]);
  protected readonly positionKey = (p: AdminPosition) => p.id;
  protected readonly editing = signal<string | null>(null);
  protected readonly draft = signal<PositionDraft>(this.blank());
  protected readonly save = signal<SaveState>({ state: 'idle' });

  private blank(): PositionDraft {
    return { id: '', unitId: this.unitId(), title: '', level: 9, headOfUnit: false, executive: false };
  }

  protected startNew(): void {
    this.editing.set('new');
    this.draft.set(this.blank());
    this.save.set({ state: 'idle' });
  }

  protected startEdit(p: AdminPosition): void {
    this.editing.set(p.id);
    this.draft.set({ ...p, id: '' });
    this.save.set({ state: 'idle' });
  }

  protected set<K extends keyof PositionDraft>(field: K, value: PositionDraft[K]): void {
    this.draft.update((d) => ({ ...d, [field]: value }));
  }

  protected submit(): void {
    const d = this.draft();
    const body = {
      unitId: d.unitId,
      title: d.title.trim(),
      level: Number(d.level),
      headOfUnit: d.headOfUnit,
      executive: d.executive,
    };
    const editing = this.editing();
    const call =
      editing === 'new'
        ? this.store.change(this.api.createPosition({ ...(d.id.trim() ? { id: d.id.trim() } : {}), ...body }))
        : this.store.change(this.api.changePosition(editing ?? '', body));
    this.store.run(
      this.save,
      call,
      (p) => {
        this.editing.set(p.id);
        this.unitId.set(p.unitId);
      },
      this.t('saved'),
    );
  }
}
