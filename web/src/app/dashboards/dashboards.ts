import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { injectMessages } from '../core/i18n';
import { DASHBOARD_MESSAGES } from './dashboards.messages';

/** The manager's dashboards: rollout progress and stages of the work, one tab each. */
@Component({
  selector: 'app-dashboards',
  imports: [RouterLink, RouterLinkActive, RouterOutlet],
  template: `
    <nav class="tabs" [attr.aria-label]="t('dash.tabs')">
      <a routerLink="rollout" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="dash-tab-rollout">{{
        t('dash.rollout')
      }}</a>
      <a routerLink="stages" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="dash-tab-stages">{{
        t('dash.stages')
      }}</a>
    </nav>
    <router-outlet />
  `,
  styles: `
    .tabs {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin-bottom: 1rem;
      border-bottom: 2px solid var(--saraban-border);
    }
    .tabs a {
      padding: 0.45rem 1rem;
      text-decoration: none;
      color: #1a1c1e;
      border-radius: 6px 6px 0 0;
    }
    .tabs a.active {
      background: #fff;
      font-weight: 700;
      box-shadow: inset 0 -3px 0 #1d3b6f;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Dashboards {
  protected readonly t = injectMessages(DASHBOARD_MESSAGES);
}
