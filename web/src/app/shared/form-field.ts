import { ChangeDetectionStrategy, Component, Directive, inject, input } from '@angular/core';

/** Each field's own ids, unique on the page (two tabs may show forms at once). */
let nextFieldId = 0;

/**
 * A labelled form field: its label (with an optional hint), the control projected into it (marked
 * `appFieldControl`), and the field's error line under it. The host carries the `field` class, so the page's own
 * styles for `.field` and its controls keep applying: the host and the projected control both belong to the page's
 * template. Only the label hint and the error line, which live in this template, are styled here.
 */
@Component({
  selector: 'app-field',
  template: `
    <label [for]="controlId"
      >{{ label() }}
      @if (hint(); as h) {
        <small>({{ h }})</small>
      }
    </label>
    <ng-content />
    @if (error(); as e) {
      <span class="field-error" [id]="errorId" [attr.data-testid]="errorTestId() ?? null">{{ e }}</span>
    }
  `,
  styles: `
    small {
      color: var(--saraban-muted);
      font-size: 0.8rem;
    }
    .field-error {
      color: #a3001b;
      font-size: 0.8rem;
    }
  `,
  host: { class: 'field' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormField {
  /** The label text, already in the reader's language. */
  readonly label = input.required<string>();
  /** A short hint after the label, shown in brackets. */
  readonly hint = input<string>();
  /** The API's message for this field (from a 4xx answer's per-field messages), if any. */
  readonly error = input<string | null | undefined>();
  readonly errorTestId = input<string>();
  readonly controlId = `app-field-${++nextFieldId}`;
  readonly errorId = `${this.controlId}-error`;
}

/**
 * Marks the input or select inside an `app-field`: gives it the id the label points at, and ties it to the error
 * line (aria-describedby, aria-invalid) while there is one, so a screen reader reads the message with the control.
 */
@Directive({
  selector: '[appFieldControl]',
  host: {
    '[id]': 'field.controlId',
    '[attr.aria-describedby]': 'field.error() ? field.errorId : null',
    '[attr.aria-invalid]': 'field.error() ? "true" : null',
  },
})
export class FieldControl {
  protected readonly field = inject(FormField);
}
