import type { Routes } from '@angular/router';

/** /admin and its tabs; every tab is its own lazy chunk under the shell that holds the shared AdminStore. */
export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    loadComponent: () => import('./admin').then((m) => m.Admin),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'units' },
      {
        path: 'units',
        title: 'title.admin',
        loadComponent: () => import('./admin-units').then((m) => m.AdminUnits),
      },
      {
        path: 'positions',
        title: 'title.admin',
        loadComponent: () => import('./admin-positions').then((m) => m.AdminPositions),
      },
      {
        path: 'users',
        title: 'title.admin',
        loadComponent: () => import('./admin-users').then((m) => m.AdminUsers),
      },
      {
        path: 'acting',
        title: 'title.admin',
        loadComponent: () => import('./admin-acting').then((m) => m.AdminActingTab),
      },
      {
        path: 'plan',
        title: 'title.admin',
        loadComponent: () => import('./admin-plan').then((m) => m.AdminPlan),
      },
      {
        path: 'holidays',
        title: 'title.admin',
        loadComponent: () => import('./admin-holidays').then((m) => m.AdminHolidays),
      },
      {
        path: 'outside-bodies',
        title: 'title.admin',
        loadComponent: () => import('./admin-outside-bodies').then((m) => m.AdminOutsideBodies),
      },
    ],
  },
];
