import { ChangeDetectionStrategy, Component, computed, inject, model, output } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { catchError, of } from 'rxjs';

import { injectMessages } from '../core/i18n';
import { Org, type OrgUnit } from '../core/org';
import { DASHBOARD_MESSAGES } from './dashboards.messages';

/** The filters both dashboards take: one unit, and a window of days (Bangkok). */
export interface DashboardFilter {
  unitId: string;
  from: string;
  to: string;
}

/** Query parameters of a filter, empty ones left out. */
export function filterParams(filter: DashboardFilter | Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as Record<string, string>;
}

/** The unit and date filters above a dashboard; `applied` fires with the values when the user asks. */
@Component({
  selector: 'app-dashboard-filters',
  imports: [MatButton],
  template: `
    <form
      class="filters"
      (submit)="$event.preventDefault(); applied.emit(value())"
      [attr.aria-label]="t('dash.filters')"
    >
      <label class="field">
        <span>{{ t('dash.unit') }}</span>
        <select data-testid="dash-unit" [value]="value().unitId" (change)="set('unitId', $any($event.target).value)">
          <option value="">{{ t('dash.allUnits') }}</option>
          @for (unit of units(); track unit.id) {
            <option [value]="unit.id" [selected]="unit.id === value().unitId">{{ unit.name }}</option>
          }
        </select>
      </label>
      <label class="field">
        <span>{{ t('dash.from') }}</span>
        <input
          type="date"
          data-testid="dash-from"
          [value]="value().from"
          (change)="set('from', $any($event.target).value)"
        />
      </label>
      <label class="field">
        <span>{{ t('dash.to') }}</span>
        <input type="date" data-testid="dash-to" [value]="value().to" (change)="set('to', $any($event.target).value)" />
      </label>
      <button matButton="filled" type="submit" data-testid="dash-apply">{{ t('dash.apply') }}</button>
    </form>
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.5rem 0.75rem;
      margin-bottom: 1rem;
    }
    .field {
      display: grid;
      gap: 0.15rem;
      font-size: 0.9rem;
    }
    select,
    input {
      font: inherit;
      padding: 0.3rem 0.45rem;
      border: 1px solid #8a94a3;
      border-radius: 4px;
      background: #fff;
      max-width: 22rem;
    }
    button {
      height: 2.4rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardFilters {
  private readonly org = inject(Org);
  protected readonly t = injectMessages(DASHBOARD_MESSAGES);
  readonly value = model<DashboardFilter>({ unitId: '', from: '', to: '' });
  readonly applied = output<DashboardFilter>();

  private readonly loaded = toSignal(this.org.load().pipe(catchError(() => of([] as OrgUnit[]))), {
    initialValue: [] as OrgUnit[],
  });
  protected readonly units = computed(() => {
    this.loaded();
    return this.org.registryUnits().filter((u) => u.kind !== 'city');
  });

  protected set(key: keyof DashboardFilter, value: string): void {
    this.value.update((v) => ({ ...v, [key]: value }));
  }
}
