import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { Router } from '@angular/router';

import { toApiError } from '../core/api-error';
import { Auth } from '../core/auth';
import { I18n } from '../core/i18n';

/** The sign-in page: username and password, the API's error, and a hint about the demo users. */
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
        const target = this.returnUrl();
        void this.router.navigateByUrl(
          target && target.startsWith('/') && !target.startsWith('/login') ? target : '/inbox',
        );
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
