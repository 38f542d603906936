import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

import type { RolloutDashboard, StagesDashboard } from '../api-types';
import type { QueryParams } from './http';

/** The managers' dashboards: the rollout by phase and unit, and the time documents spend in each stage. */
@Injectable({ providedIn: 'root' })
export class DashboardsApi {
  private readonly http = inject(HttpClient);

  /** Per phase its capabilities; per unit and capability, documents electronic vs on paper. */
  rollout(params: QueryParams<'/api/dashboard/rollout'>): Observable<RolloutDashboard> {
    return this.http.get<RolloutDashboard>('/api/dashboard/rollout', { params });
  }

  /** Per stage: open now, overdue now, median and p90 time spent, also per unit. */
  stages(params: QueryParams<'/api/dashboard/stages'>): Observable<StagesDashboard> {
    return this.http.get<StagesDashboard>('/api/dashboard/stages', { params });
  }
}
