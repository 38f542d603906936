import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import type { ChartConfiguration } from 'chart.js';
import { catchError, EMPTY, finalize, switchMap, tap } from 'rxjs';

import { DashboardsApi } from '../core/api/dashboards-api';
import { toApiError } from '../core/api-error';
import type { StagesDashboard as Stages } from '../core/api-types';
import { I18n, injectMessages, mergeMessages } from '../core/i18n';
import { formatValue, ThaiPipe } from '../core/thai-pipe';
import { WORK_MESSAGES } from '../shared/work-messages';
import { ChartView } from './chart';
import { type DashboardFilter, DashboardFilters, filterParams } from './dashboard-filters';
import { DASHBOARD_MESSAGES } from './dashboards.messages';
import { DocDrilldown } from './doc-drilldown';

const OPEN = '#1d6fd1';
const OVERDUE = '#c8102e';
const MEDIAN = '#5b8def';
const P90 = '#1d3b6f';

/**
 * The manager's view of the stages of the work: documents open in each stage now, overdue now, and the median and
 * 90th-percentile time spent in it, overall and by unit (`GET /api/dashboard/stages`), with the documents of a
 * stage one click away and each linked to its workflow in the Temporal UI.
 */
@Component({
  selector: 'app-stages-dashboard',
  imports: [ThaiPipe, ChartView, DashboardFilters, DocDrilldown],
  templateUrl: './stages-dashboard.html',
  styleUrl: './dashboards.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StagesDashboard {
  private readonly api = inject(DashboardsApi);
  private readonly i18n = inject(I18n);
  protected readonly t = injectMessages(mergeMessages(WORK_MESSAGES, DASHBOARD_MESSAGES));

  protected readonly filterDraft = signal<DashboardFilter>({ unitId: '', from: '', to: '' });
  protected readonly filter = signal<DashboardFilter>({ unitId: '', from: '', to: '' });
  protected readonly data = signal<Stages | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly open = signal<string | null>(null);

  private readonly labels = computed(() =>
    (this.data()?.stages ?? []).map((s) => this.t.or(`stage.${s.stage}`, s.stage)),
  );

  protected readonly countChart = computed<ChartConfiguration>(() => {
    const stages = this.data()?.stages ?? [];
    return {
      type: 'bar',
      data: {
        labels: this.labels(),
        datasets: [
          { label: this.t('dash.open'), data: stages.map((s) => s.open), backgroundColor: OPEN },
          { label: this.t('dash.overdue'), data: stages.map((s) => s.overdue), backgroundColor: OVERDUE },
        ],
      },
      options: {
        scales: { y: { ticks: { precision: 0, callback: (v) => this.digits(v) } } },
        plugins: { legend: { position: 'bottom' } },
      },
    };
  });

  protected readonly timeChart = computed<ChartConfiguration>(() => {
    const stages = this.data()?.stages ?? [];
    // Hours for a working office; minutes when every stay is short (a new system, a demo).
    const longest = Math.max(0, ...stages.map((s) => s.p90Seconds ?? 0));
    const perUnit = longest < 2 * 3600 ? 60 : 3600;
    const hours = (s: number | null) => (s === null ? null : Math.round((s / perUnit) * 10) / 10);
    return {
      type: 'bar',
      data: {
        labels: this.labels(),
        datasets: [
          { label: this.t('dash.median'), data: stages.map((s) => hours(s.medianSeconds)), backgroundColor: MEDIAN },
          { label: this.t('dash.p90'), data: stages.map((s) => hours(s.p90Seconds)), backgroundColor: P90 },
        ],
      },
      options: {
        scales: {
          y: {
            title: { display: true, text: this.t(perUnit === 60 ? 'dash.minutes' : 'dash.hours') },
            ticks: { callback: (v) => this.digits(v) },
          },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    };
  });

  constructor() {
    toObservable(this.filter)
      .pipe(
        switchMap((filter) => {
          this.loading.set(true);
          return this.api.stages(filterParams(filter)).pipe(
            tap(() => this.error.set(null)),
            catchError((failure: unknown) => {
              const error = toApiError(failure);
              this.error.set(`${this.t('dash.error')}: ${error.message || error.code}`);
              return EMPTY;
            }),
            finalize(() => this.loading.set(false)),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((data) => this.data.set(data));
  }

  /** Axis numbers in the reader's digits. */
  private digits(value: string | number): string {
    return formatValue(value, 'digits', this.i18n.lang());
  }

  protected toggle(key: string): void {
    this.open.set(this.open() === key ? null : key);
  }

  protected drillParams(stage: string, unitId?: string): Record<string, string> {
    const f = this.filter();
    return filterParams({ ...f, unitId: unitId ?? f.unitId, stage });
  }
}
