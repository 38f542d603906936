import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';

import { AdminApi } from '../core/api/admin-api';
import { injectMessages } from '../core/i18n';
import { ThaiPipe } from '../core/thai-pipe';
import { FieldControl, FormField } from '../shared/form-field';
import { AdminActiveSwitch } from './active-switch';
import { ADMIN_MESSAGES } from './admin.messages';
import { type AdminColumn, AdminList, AdminRow } from './admin-list';
import { AdminLinkCell } from './link-cell';
import { AdminSearch } from './admin-search';
import { AdminFormActions } from './form-actions';
import { type ActiveFilter, type AdminUnit, AdminStore, passesActiveFilter, type SaveState } from './admin-store';
import { AdminStatusFilter } from './status-filter';

const KINDS = ['city', 'office', 'division', 'department', 'district', 'section'] as const;

/** The fields of the unit form, as strings the inputs hold. */
interface UnitDraft {
  id: string;
  name: string;
  kind: AdminUnit['kind'];
  parentId: string;
  letterCode: string;
  phone: string;
  centralEmail: string;
  earlyPhase: string;
}

function draftOf(u: AdminUnit | null, parentId = 'bma'): UnitDraft {
  return {
    id: '',
    name: u?.name ?? '',
    kind: u?.kind ?? 'section',
    parentId: u ? (u.parentId ?? '') : parentId,
    letterCode: u?.letterCode ?? '',
    phone: u?.phone ?? '',
    centralEmail: u?.centralEmail ?? '',
    earlyPhase: u?.earlyPhase ? String(u.earlyPhase) : '',
  };
}

/**
 * Units: the tree with letter codes, central e-mail and early adoption; add one, or edit one in place; switch one
 * off (greyed, kept for the documents that name it) or on again, with a filter by that flag.
 */
@Component({
  selector: 'app-admin-units',
  imports: [
    ThaiPipe,
    FormField,
    FieldControl,
    AdminList,
    AdminRow,
    AdminLinkCell,
    AdminSearch,
    AdminFormActions,
    AdminStatusFilter,
    AdminActiveSwitch,
  ],
  templateUrl: './admin-units.html',
  styleUrl: './admin.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminUnits {
  protected readonly store = inject(AdminStore);
  private readonly api = inject(AdminApi);
  protected readonly t = injectMessages(ADMIN_MESSAGES);
  protected readonly kinds = KINDS;
  protected readonly phases = [1, 2, 3, 4];
  protected readonly query = signal('');
  protected readonly columns = computed((): AdminColumn[] => [
    { label: this.t('unitName') },
    { label: this.t('unitKind') },
    { label: this.t('letterCode') },
    { label: this.t('centralEmail') },
    { label: this.t('earlyPhase') },
    { label: this.t('status') },
    { label: this.t('edit'), hidden: true },
  ]);
  protected readonly unitKey = (row: { unit: AdminUnit }) => row.unit.id;
  protected readonly status = signal<ActiveFilter>('all');
  protected readonly rows = computed(() => {
    const q = this.query().trim().toLowerCase();
    const status = this.status();
    const all = this.store.unitTree().filter(({ unit }) => passesActiveFilter(status, unit.active));
    return q
      ? all.filter(({ unit: u }) =>
          `${u.name} ${u.letterCode} ${u.id} ${u.centralEmail ?? ''}`.toLowerCase().includes(q),
        )
      : all;
  });
  /** The unit being edited (its id), 'new' for a new one, or null. */
  protected readonly editing = signal<string | null>(null);
  protected readonly draft = signal<UnitDraft>(draftOf(null));
  protected readonly save = signal<SaveState>({ state: 'idle' });

  protected startNew(): void {
    this.editing.set('new');
    this.draft.set(draftOf(null));
    this.save.set({ state: 'idle' });
  }

  protected startEdit(unit: AdminUnit): void {
    this.editing.set(unit.id);
    this.draft.set(draftOf(unit));
    this.save.set({ state: 'idle' });
  }

  protected close(): void {
    this.editing.set(null);
  }

  protected set(field: keyof UnitDraft, value: string): void {
    this.draft.update((d) => ({ ...d, [field]: value }));
  }

  protected submit(): void {
    const d = this.draft();
    const body = {
      name: d.name.trim(),
      kind: d.kind,
      parentId: d.parentId || null,
      letterCode: d.letterCode.trim(),
      phone: d.phone.trim() || null,
      centralEmail: d.centralEmail.trim() || null,
      earlyPhase: d.earlyPhase ? Number(d.earlyPhase) : null,
    };
    const editing = this.editing();
    const call =
      editing === 'new'
        ? this.store.change(this.api.createUnit({ ...(d.id.trim() ? { id: d.id.trim() } : {}), ...body }))
        : this.store.change(this.api.changeUnit(editing ?? '', body));
    this.store.run(this.save, call, (unit) => this.editing.set(unit.id), this.t('saved'));
  }
}
