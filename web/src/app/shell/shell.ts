import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatToolbar } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { Auth } from '../core/auth';
import { I18n } from '../core/i18n';

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

  protected toggleLanguage(): void {
    this.i18n.toggle();
  }

  protected signOut(): void {
    this.auth.clear();
    void this.router.navigate(['/login']);
  }
}
