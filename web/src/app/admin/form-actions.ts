import { booleanAttribute, ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';

import { injectMessages } from '../core/i18n';
import { ADMIN_MESSAGES } from './admin.messages';
import type { SaveState } from './admin-store';
import { AdminSaveStatus } from './save-status';

/**
 * The last line of an admin form: its submit button (disabled while saving), "cancel" when the form can be closed,
 * and how the save went. The host is the form's `.actions.wide` row, so the tab's own form styles place it.
 */
@Component({
  selector: 'app-admin-form-actions',
  imports: [MatButton, AdminSaveStatus],
  template: `
    <button
      matButton="filled"
      type="submit"
      [attr.data-testid]="submitTestId()"
      [disabled]="save().state === 'saving' || disabled()"
    >
      {{ label() ?? t('save') }}
    </button>
    @if (cancellable()) {
      <button matButton type="button" (click)="cancelled.emit()">{{ t('cancel') }}</button>
    }
    <app-admin-save-status [save]="save()" [testId]="testId()" />
  `,
  host: { class: 'actions wide' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminFormActions {
  protected readonly t = injectMessages(ADMIN_MESSAGES);
  readonly save = input.required<SaveState>();
  /** Prefix of the save status's data-testids (`unit` → `unit-saved`, `unit-failed`). */
  readonly testId = input.required<string>();
  readonly submitTestId = input<string>();
  /** The submit button's label; default "save". */
  readonly label = input<string>();
  /** The form is not complete yet. */
  readonly disabled = input(false);
  /** Offer "cancel" (closes the form). */
  readonly cancellable = input(false, { transform: booleanAttribute });
  readonly cancelled = output<void>();
}
