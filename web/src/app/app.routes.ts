import type { Routes } from '@angular/router';

import { authGuard } from './core/auth-guard';

/** Every screen is a lazy chunk; `title` holds an i18n key that I18nTitleStrategy translates. */
export const routes: Routes = [
  {
    path: 'login/oidc',
    title: 'title.login',
    loadComponent: () => import('./auth/oidc-callback').then((m) => m.OidcCallback),
  },
  {
    path: 'login',
    title: 'title.login',
    loadComponent: () => import('./auth/login').then((m) => m.Login),
  },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'inbox' },
      {
        path: 'inbox',
        title: 'title.inbox',
        loadComponent: () => import('./inbox/inbox').then((m) => m.Inbox),
      },
      {
        path: 'incoming/new',
        title: 'title.incoming',
        loadComponent: () => import('./incoming/incoming-new').then((m) => m.IncomingNew),
      },
      {
        path: 'mail-review',
        title: 'title.mailReview',
        loadComponent: () => import('./mail-review/mail-review').then((m) => m.MailReview),
      },
      {
        path: 'compose',
        title: 'title.compose',
        loadComponent: () => import('./compose/compose').then((m) => m.Compose),
      },
      {
        path: 'drafts',
        title: 'title.drafts',
        loadComponent: () => import('./compose/my-documents').then((m) => m.MyDocuments),
      },
      {
        path: 'compose/:id',
        title: 'title.compose',
        loadComponent: () => import('./compose/compose').then((m) => m.Compose),
      },
      {
        path: 'circulars',
        title: 'title.circulars',
        loadComponent: () => import('./circulars/circular-list').then((m) => m.CircularList),
      },
      {
        path: 'circulars/new',
        title: 'title.circularNew',
        loadComponent: () => import('./circulars/circular-new').then((m) => m.CircularNew),
      },
      {
        path: 'supervisor',
        title: 'title.supervisor',
        loadComponent: () => import('./supervisor/supervisor').then((m) => m.Supervisor),
      },
      {
        path: 'dashboards',
        loadComponent: () => import('./dashboards/dashboards').then((m) => m.Dashboards),
        children: [
          { path: '', pathMatch: 'full', redirectTo: 'rollout' },
          {
            path: 'rollout',
            title: 'title.rollout',
            loadComponent: () => import('./dashboards/rollout-dashboard').then((m) => m.RolloutDashboard),
          },
          {
            path: 'stages',
            title: 'title.stages',
            loadComponent: () => import('./dashboards/stages-dashboard').then((m) => m.StagesDashboard),
          },
        ],
      },
      {
        path: 'search',
        title: 'title.search',
        loadComponent: () => import('./search/search').then((m) => m.Search),
      },
      {
        path: 'registers',
        title: 'title.registers',
        loadComponent: () => import('./registers/registers').then((m) => m.Registers),
      },
      {
        path: 'admin',
        loadChildren: () => import('./admin/admin.routes').then((m) => m.ADMIN_ROUTES),
      },
      {
        path: 'documents/:id',
        title: 'title.document',
        loadComponent: () => import('./documents/document-page').then((m) => m.DocumentPage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
