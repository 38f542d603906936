import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';

import { injectMessages } from '../core/i18n';
import { FieldControl, FormField } from '../shared/form-field';
import { ADMIN_MESSAGES } from './admin.messages';
import type { ActiveFilter } from './admin-store';

/** The toolbar's filter by the active flag (all, active, switched off), shared by the units and positions tabs. */
@Component({
  selector: 'app-admin-status-filter',
  imports: [FormField, FieldControl],
  template: `
    <app-field [label]="t('statusFilter')">
      <select
        appFieldControl
        [attr.data-testid]="testId()"
        [value]="status()"
        (change)="status.set($any($event.target).value)"
      >
        @for (f of filters; track f) {
          <option [value]="f" [selected]="f === status()">{{ t.or('status.' + f, f) }}</option>
        }
      </select>
    </app-field>
  `,
  styleUrl: './admin.css',
  // The field stands in the page's toolbar as if it were written there.
  host: { style: 'display: contents' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminStatusFilter {
  protected readonly t = injectMessages(ADMIN_MESSAGES);
  protected readonly filters: readonly ActiveFilter[] = ['all', 'active', 'inactive'];
  readonly status = model.required<ActiveFilter>();
  readonly testId = input.required<string>();
}
