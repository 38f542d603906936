import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatToolbar } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { Auth } from '../core/auth';
import type { Role } from '../core/api-types';
import { I18n } from '../core/i18n';
import type { MessageKey } from '../core/messages';

/** A main navigation entry and the roles that see it (none: everyone). */
interface NavItem {
  path: string;
  label: MessageKey;
  testId: string;
  roles?: Role[];
}

/** The main navigation, in the order of a working day; each screen checks access again through the API. */
const NAV: NavItem[] = [
  { path: '/inbox', label: 'shell.inbox', testId: 'nav-inbox' },
  { path: '/incoming/new', label: 'shell.incoming', testId: 'nav-incoming', roles: ['clerk', 'paper-registrar'] },
  { path: '/mail-review', label: 'shell.mailReview', testId: 'nav-mail-review', roles: ['clerk'] },
  {
    path: '/compose',
    label: 'shell.compose',
    testId: 'nav-compose',
    roles: ['staff', 'clerk', 'supervisor', 'signer'],
  },
  {
    path: '/drafts',
    label: 'shell.drafts',
    testId: 'nav-drafts',
    roles: ['staff', 'clerk', 'supervisor', 'signer'],
  },
  {
    path: '/circulars',
    label: 'shell.circulars',
    testId: 'nav-circulars',
    roles: ['clerk', 'supervisor', 'signer', 'executive'],
  },
  { path: '/search', label: 'shell.search', testId: 'nav-search' },
  {
    path: '/registers',
    label: 'shell.registers',
    testId: 'nav-registers',
    roles: ['clerk', 'paper-registrar', 'supervisor', 'signer', 'executive', 'admin'],
  },
  {
    path: '/supervisor',
    label: 'shell.supervisor',
    testId: 'nav-supervisor',
    roles: ['supervisor', 'executive', 'paper-registrar'],
  },
  {
    path: '/dashboards',
    label: 'shell.dashboards',
    testId: 'nav-dashboards',
    roles: ['supervisor', 'signer', 'executive', 'admin'],
  },
  { path: '/admin', label: 'shell.admin', testId: 'nav-admin', roles: ['admin'] },
];

/** The signed-in frame: top bar with the user, language toggle and sign-out; the main navigation; the page. */
@Component({
  selector: 'app-shell',
  imports: [MatToolbar, MatButton, RouterLink, RouterLinkActive, RouterOutlet],
  templateUrl: './shell.html',
  styleUrl: './shell.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18n);
  protected readonly user = this.auth.user;
  protected readonly navItems = computed(() => {
    const roles = this.user()?.roles ?? [];
    return NAV.filter((item) => !item.roles || item.roles.some((role) => roles.includes(role)));
  });

  protected toggleLanguage(): void {
    this.i18n.toggle();
  }

  protected signOut(): void {
    this.auth.clear();
    void this.router.navigate(['/login']);
  }
}
