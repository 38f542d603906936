import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import type { ChartConfiguration } from 'chart.js';

import { DashboardsApi } from '../core/api/dashboards-api';
import { I18n, injectMessages, mergeMessages } from '../core/i18n';
import { formatValue, ThaiPipe } from '../core/thai-pipe';
import { WORK_MESSAGES } from '../shared/work-messages';
import { ChartView } from './chart';
import { DashboardFilters, filterParams } from './dashboard-filters';
import { dashboardState } from './dashboard-state';
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

  /** The filter, the answer and the open row (./dashboard-state.ts). */
  protected readonly board = dashboardState(
    (params) => this.api.stages(params),
    () => this.t('dash.error'),
  );

  private readonly labels = computed(() =>
    (this.board.data()?.stages ?? []).map((s) => this.t.or(`stage.${s.stage}`, s.stage)),
  );

  protected readonly countChart = computed<ChartConfiguration>(() => {
    const stages = this.board.data()?.stages ?? [];
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
    const stages = this.board.data()?.stages ?? [];
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

  /** Axis numbers in the reader's digits. */
  private digits(value: string | number): string {
    return formatValue(value, 'digits', this.i18n.lang());
  }

  protected drillParams(stage: string, unitId?: string): Record<string, string> {
    const f = this.board.filter();
    return filterParams({ ...f, unitId: unitId ?? f.unitId, stage });
  }
}
