import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';

import { FieldControl, FormField } from '../shared/form-field';

/** The search field of an admin tab's toolbar: what it filters the list by, typed as the user goes. */
@Component({
  selector: 'app-admin-search',
  imports: [FormField, FieldControl],
  template: `
    <app-field class="grow" [label]="label()">
      <input
        appFieldControl
        type="search"
        [attr.data-testid]="testId()"
        [value]="query()"
        (input)="query.set($any($event.target).value)"
      />
    </app-field>
  `,
  styleUrl: './admin.css',
  // The field stands in the toolbar as if it were written there (the toolbar gives `.grow` its width).
  host: { style: 'display: contents' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminSearch {
  readonly label = input.required<string>();
  readonly testId = input.required<string>();
  readonly query = model.required<string>();
}
