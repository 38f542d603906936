import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import type { ChartConfiguration } from 'chart.js';

import { DashboardsApi } from '../core/api/dashboards-api';
import type { RolloutDashboard as Rollout } from '../core/api-types';
import { I18n, injectMessages, mergeMessages } from '../core/i18n';
import { formatValue, ThaiPipe } from '../core/thai-pipe';
import { WORK_MESSAGES } from '../shared/work-messages';
import { ChartView } from './chart';
import { DashboardFilters, filterParams } from './dashboard-filters';
import { dashboardState } from './dashboard-state';
import { DASHBOARD_MESSAGES } from './dashboards.messages';
import { DocDrilldown } from './doc-drilldown';
import { isKnown } from './known';

/** Units drawn in the chart (the table beside it lists every one). */
const CHART_UNITS = 15;
const ELECTRONIC = '#1d6fd1';
const PAPER = '#b26a00';

/**
 * The manager's view of the rollout: what each phase of the plan made electronic (and what stays on paper), the
 * units that adopted early, and documents handled electronically or on paper by unit and capability, with the
 * paper reasons. Numbers are `GET /api/dashboard/rollout`'s, unchanged.
 */
@Component({
  selector: 'app-rollout-dashboard',
  imports: [ThaiPipe, ChartView, DashboardFilters, DocDrilldown],
  templateUrl: './rollout-dashboard.html',
  styleUrl: './dashboards.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RolloutDashboard {
  private readonly api = inject(DashboardsApi);
  private readonly i18n = inject(I18n);
  protected readonly t = injectMessages(mergeMessages(WORK_MESSAGES, DASHBOARD_MESSAGES));

  /** The filter, the answer and the open row (./dashboard-state.ts). */
  protected readonly board = dashboardState(
    (params) => this.api.rollout(params),
    () => this.t('dash.error'),
  );

  protected readonly share = computed(() => {
    const totals = this.board.data()?.totals;
    const all = totals ? totals.electronic + totals.paper : 0;
    return all ? Math.round((1000 * totals!.electronic) / all) / 10 : 0;
  });

  protected readonly totalsChart = computed<ChartConfiguration>(() => {
    const totals = this.board.data()?.totals ?? { electronic: 0, paper: 0 };
    return {
      type: 'doughnut',
      data: {
        labels: [this.t('dash.electronic'), this.t('dash.paper')],
        datasets: [{ data: [totals.electronic, totals.paper], backgroundColor: [ELECTRONIC, PAPER] }],
      },
      options: { plugins: { legend: { position: 'bottom' } } },
    };
  });

  protected readonly unitChart = computed<ChartConfiguration>(() => {
    const units = new Map<string, { name: string; electronic: number; paper: number }>();
    for (const row of this.board.data()?.byUnit ?? []) {
      const unit = units.get(row.unitId) ?? { name: row.unitName, electronic: 0, paper: 0 };
      unit.electronic += row.electronic;
      unit.paper += row.paper;
      units.set(row.unitId, unit);
    }
    const top = [...units.values()]
      .sort((a, b) => b.electronic + b.paper - (a.electronic + a.paper))
      .slice(0, CHART_UNITS);
    return {
      type: 'bar',
      data: {
        labels: top.map((u) => shorten(u.name)),
        datasets: [
          { label: this.t('dash.electronic'), data: top.map((u) => u.electronic), backgroundColor: ELECTRONIC },
          { label: this.t('dash.paper'), data: top.map((u) => u.paper), backgroundColor: PAPER },
        ],
      },
      options: {
        indexAxis: 'y',
        scales: {
          x: { stacked: true, ticks: { precision: 0, callback: (v) => formatValue(v, 'digits', this.i18n.lang()) } },
          y: { stacked: true },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    };
  });

  protected capabilityLabel(id: string, thai?: string): string {
    return this.i18n.lang() === 'en' || !thai ? id.replace(/_/g, ' ') : thai;
  }

  /** An exclusion id is a secrecy or a category; shown with domain/'s label. */
  protected exclusionFormat(id: string): 'secrecy' | 'category' {
    return isKnown('secrecy', id) ? 'secrecy' : 'category';
  }

  protected phaseTitle(phase: Rollout['phases'][number]): string {
    return (this.i18n.lang() === 'en' ? phase.titleEn : phase.title) ?? '';
  }

  protected drillParams(unitId: string): Record<string, string> {
    const f = this.board.filter();
    return filterParams({ ...f, unitId });
  }

  protected percent(electronic: number, paper: number): number {
    return electronic + paper ? Math.round((100 * electronic) / (electronic + paper)) : 0;
  }
}

/** Unit names are long ("สำนักงานเขต…"): the chart's axis shows the distinctive part. */
function shorten(name: string): string {
  return name.replace(/^สำนักงานเขต/, 'เขต').replace(/^สำนักงาน/, 'สนง.');
}
