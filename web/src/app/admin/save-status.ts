import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { injectMessages } from '../core/i18n';
import { ADMIN_MESSAGES } from './admin.messages';
import type { SaveState } from './admin-store';

/**
 * The outcome of an admin form's save, next to its buttons: the API's confirmation, or "failed" with its reason.
 * Nothing while idle or saving (the save button is disabled then).
 */
@Component({
  selector: 'app-admin-save-status',
  template: `
    @let s = save();
    @if (s.state === 'saved') {
      <span class="ok" role="status" [attr.data-testid]="testId() + '-saved'">{{ s.message }}</span>
    } @else if (s.state === 'failed') {
      <span class="bad" role="alert" [attr.data-testid]="testId() + '-failed'">{{ t('failed') }}: {{ s.message }}</span>
    }
  `,
  styleUrl: './admin.css',
  // The message sits in the form's action row as if it were written there: one more item of its flex line.
  host: { style: 'display: contents' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminSaveStatus {
  protected readonly t = injectMessages(ADMIN_MESSAGES);
  readonly save = input.required<SaveState>();
  /** Prefix of the data-testids (`unit` → `unit-saved`, `unit-failed`). */
  readonly testId = input.required<string>();
}
