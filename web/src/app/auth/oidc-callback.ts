import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';

import { Auth } from '../core/auth';
import { I18n } from '../core/i18n';
import { OIDC_RETURN_KEY, safeReturnUrl } from './oidc-return';

/**
 * Where the API sends the browser after a sign-in through the identity provider: `/login/oidc#token=…` (a fragment,
 * so no server or Referer sees the token). Adopts the session, removes the token from the address bar and history,
 * and goes on to where the user was going (else the inbox).
 */
@Component({
  selector: 'app-oidc-callback',
  imports: [RouterLink],
  templateUrl: './oidc-callback.html',
  styleUrl: './login.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OidcCallback {
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18n);
  protected readonly failed = signal(false);

  constructor() {
    const fragment = inject(ActivatedRoute).snapshot.fragment ?? window.location.hash.replace(/^#/, '');
    const token = new URLSearchParams(fragment).get('token');
    history.replaceState(history.state, '', '/login/oidc');
    if (!token) {
      this.failed.set(true);
      return;
    }
    this.auth.adopt(token).subscribe({
      next: () => void this.router.navigateByUrl(takeReturnUrl() ?? '/inbox', { replaceUrl: true }),
      error: () => this.failed.set(true),
    });
  }
}

function takeReturnUrl(): string | undefined {
  try {
    const target = sessionStorage.getItem(OIDC_RETURN_KEY);
    sessionStorage.removeItem(OIDC_RETURN_KEY);
    return safeReturnUrl(target);
  } catch {
    return undefined;
  }
}
