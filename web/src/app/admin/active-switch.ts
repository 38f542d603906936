import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';

import { injectMessages } from '../core/i18n';
import { ADMIN_MESSAGES } from './admin.messages';
import { AdminStore, type SaveState } from './admin-store';

/**
 * The active flag of a unit or position in its admin table row: a "switched off" chip, the button that switches it
 * off (after a confirmation) or on again, and the API's refusal (409 while active users hold it, saying how many).
 */
@Component({
  selector: 'app-admin-active-switch',
  template: `
    @if (!active()) {
      <span class="chip" [attr.data-testid]="testId() + '-inactive'">{{ t('switchedOff') }}</span>
    }
    <button
      type="button"
      class="link"
      [attr.data-testid]="testId() + (active() ? '-deactivate' : '-reactivate')"
      [disabled]="state().state === 'saving'"
      (click)="toggle()"
      [attr.aria-label]="(active() ? t('deactivate') : t('reactivate')) + ' ' + name()"
    >
      {{ active() ? t('deactivate') : t('reactivate') }}
    </button>
    @if (state().state === 'failed') {
      <span class="bad block small" role="alert" [attr.data-testid]="testId() + '-switch-failed'">
        {{ state().message }}
      </span>
    }
  `,
  styleUrl: './admin.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminActiveSwitch {
  private readonly store = inject(AdminStore);
  protected readonly t = injectMessages(ADMIN_MESSAGES);

  readonly kind = input.required<'units' | 'positions'>();
  readonly id = input.required<string>();
  readonly name = input.required<string>();
  readonly active = input.required<boolean>();
  /** Prefix of the data-testids (`unit` → `unit-deactivate`, `unit-inactive` …). */
  readonly testId = input.required<string>();
  protected readonly state = signal<SaveState>({ state: 'idle' });

  protected toggle(): void {
    const on = !this.active();
    const confirmKey = this.kind() === 'units' ? 'unitOffConfirm' : 'positionOffConfirm';
    if (!on && !confirm(`${this.t(confirmKey)}\n${this.name()}`)) return;
    this.store.setActive(this.kind(), this.id(), on, this.state);
  }
}
