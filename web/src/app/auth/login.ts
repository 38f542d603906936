import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { ActivatedRoute, Router } from '@angular/router';

import { toApiError } from '../core/api-error';
import { Auth } from '../core/auth';
import { OIDC_RETURN_KEY, safeReturnUrl } from './oidc-return';
import { I18n } from '../core/i18n';

/**
 * The sign-in page: username and password, the API's error, a hint about the demo users, and — when the API has an
 * identity provider configured (`GET /api/auth/options`) — "Sign in with BMA account" through it, with the reason
 * when that sign-in came back refused (`/login?error=oidc&reason=…`).
 */
@Component({
  selector: 'app-login',
  imports: [FormsModule, MatButton],
  templateUrl: './login.html',
  styleUrl: './login.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Login {
  private readonly auth = inject(Auth);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18n);

  /** Where to go after signing in (set by the guard or the 401 handler). */
  readonly returnUrl = input<string>();

  protected readonly username = signal('');
  protected readonly password = signal('');
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  /** True when the API offers sign-in through the BMA identity provider. */
  protected readonly oidc = signal(false);

  constructor() {
    const query = inject(ActivatedRoute).snapshot.queryParamMap;
    if (query.get('error') === 'oidc') this.error.set(this.i18n.t(oidcMessageKey(query.get('reason'))));
    this.auth.options().subscribe({
      next: (options) => this.oidc.set(options.oidc),
      error: () => this.oidc.set(false), // the password form works without it
    });
  }

  /** Leaves for the identity provider through the API (a full page load: the API answers with a redirect). */
  protected signInWithOidc(): void {
    try {
      const target = safeReturnUrl(this.returnUrl());
      if (target) sessionStorage.setItem(OIDC_RETURN_KEY, target);
    } catch {
      // Without storage the user lands on the inbox.
    }
    window.location.assign('/api/auth/oidc/start');
  }

  protected signIn(): void {
    if (this.submitting()) return;
    const username = this.username().trim();
    if (!username || !this.password()) {
      this.error.set(this.i18n.t('login.required'));
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    this.auth.login(username, this.password()).subscribe({
      next: () => {
        void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()) ?? '/inbox');
      },
      error: (failure: unknown) => {
        const error = toApiError(failure);
        this.submitting.set(false);
        if (error.status === 401) this.error.set(error.message || this.i18n.t('login.failed'));
        else if (error.status === 0) this.error.set(this.i18n.t('error.network'));
        else this.error.set(error.message || `${this.i18n.t('error.generic')} (${error.code})`);
      },
    });
  }

  protected toggleLanguage(): void {
    this.i18n.toggle();
  }
}

function oidcMessageKey(reason: string | null) {
  if (reason === 'refused') return 'login.oidcRefused' as const;
  if (reason === 'unknown_user') return 'login.oidcUnknownUser' as const;
  return 'login.oidcFailed' as const;
}
