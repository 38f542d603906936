import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { injectMessages } from '../core/i18n';
import { ADMIN_MESSAGES } from './admin.messages';
import { AdminStore } from './admin-store';

const TABS = ['units', 'positions', 'users', 'acting', 'plan', 'holidays', 'outside-bodies'] as const;

/**
 * Administration (admin role): one tab per part — units, positions, users, acting appointments and delegations,
 * the rollout plan with early adoption, holidays, the directory of outside bodies — each a child route sharing one AdminStore (GET /api/admin/org).
 */
@Component({
  selector: 'app-admin',
  imports: [RouterLink, RouterLinkActive, RouterOutlet],
  providers: [AdminStore],
  template: `
    <header class="head">
      <h1>{{ t('heading') }}</h1>
      <p class="lead">{{ t('lead') }}</p>
    </header>
    <nav class="tabs" [attr.aria-label]="t('tabs')">
      @for (tab of tabs; track tab) {
        <a
          [routerLink]="tab"
          routerLinkActive="active"
          ariaCurrentWhenActive="page"
          [attr.data-testid]="'admin-tab-' + tab"
          >{{ t.or('tab.' + tab) }}</a
        >
      }
    </nav>
    @if (store.loadError(); as error) {
      <p class="note-error" role="alert">{{ t('loadFailed') }}: {{ error }}</p>
    }
    <router-outlet />
  `,
  styles: `
    .head {
      margin-bottom: 0.5rem;
    }
    .lead {
      margin: 0;
      color: var(--saraban-muted);
    }
    .tabs {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin-bottom: 1rem;
      border-bottom: 2px solid var(--saraban-border);
    }
    .tabs a {
      padding: 0.45rem 0.9rem;
      text-decoration: none;
      color: #1a1c1e;
      border-radius: 6px 6px 0 0;
    }
    .tabs a.active {
      background: #fff;
      font-weight: 700;
      box-shadow: inset 0 -3px 0 #1d3b6f;
    }
    .tabs a:focus-visible {
      outline: 2px solid var(--saraban-focus);
      outline-offset: 1px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Admin {
  protected readonly t = injectMessages(ADMIN_MESSAGES);
  protected readonly store = inject(AdminStore);
  protected readonly tabs = TABS;
}
