import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
// The module itself, not domain/index.ts (see core/labels.ts): the plan is pure data.
import { defaultRolloutPlan } from '@domain/policy/plan';

import { AdminApi } from '../core/api/admin-api';
import { I18n, injectMessages } from '../core/i18n';
import { ThaiPipe } from '../core/thai-pipe';
import { FieldControl, FormField } from '../shared/form-field';
import { ADMIN_MESSAGES } from './admin.messages';
import { type AdminColumn, AdminList, AdminRow } from './admin-list';
import { AdminLinkCell } from './link-cell';
import { type AdminUnit, AdminStore, type SaveState } from './admin-store';
import { AdminSaveStatus } from './save-status';

/**
 * The rollout plan: the memo's four phases as domain/ holds them (read only: they are the memo's), and the units
 * that adopted a phase before its date, which the administrator sets (PATCH /api/admin/units/:id earlyPhase).
 */
@Component({
  selector: 'app-admin-plan',
  imports: [MatButton, ThaiPipe, FormField, FieldControl, AdminSaveStatus, AdminList, AdminRow, AdminLinkCell],
  templateUrl: './admin-plan.html',
  styleUrl: './admin.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminPlan {
  protected readonly store = inject(AdminStore);
  private readonly api = inject(AdminApi);
  protected readonly t = injectMessages(ADMIN_MESSAGES);
  protected readonly i18n = inject(I18n);
  protected readonly plan = defaultRolloutPlan();
  protected readonly current = computed(() => {
    const today = this.store.today();
    return [...this.plan.phases].reverse().find((p) => p.from <= today)?.number ?? 1;
  });
  protected readonly early = computed(() => this.store.units().filter((u) => u.earlyPhase !== null));
  protected readonly columns = computed((): AdminColumn[] => [
    { label: this.t('unit') },
    { label: this.t('phase') },
    { label: this.t('backToPlan'), hidden: true },
  ]);
  protected readonly unitKey = (u: AdminUnit) => u.id;
  /** Registry units (those that keep registers) can adopt a phase. */
  protected readonly candidates = computed(() => this.store.units().filter((u) => u.kind !== 'section'));
  protected readonly unitId = signal('');
  protected readonly phase = signal(4);
  protected readonly save = signal<SaveState>({ state: 'idle' });

  protected setEarly(unitId: string, phase: number | null): void {
    this.store.run(
      this.save,
      this.store.change(this.api.changeUnit(unitId, { earlyPhase: phase })),
      undefined,
      this.t('saved'),
    );
  }
}
