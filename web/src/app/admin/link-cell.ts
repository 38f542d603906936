import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/** A table cell holding one link-styled button of its row ("edit", "back to the plan"), named for screen readers. */
@Component({
  selector: 'td[appAdminLinkCell]',
  template: `
    <button
      type="button"
      class="link"
      [attr.data-testid]="testId() ?? null"
      (click)="pressed.emit()"
      [attr.aria-label]="ariaLabel()"
    >
      {{ label() }}
    </button>
  `,
  styleUrl: './admin.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminLinkCell {
  readonly label = input.required<string>();
  /** The label with the row's name ("แก้ไข สำนักงานเขตลาดกระบัง"). */
  readonly ariaLabel = input.required<string>();
  readonly testId = input<string>();
  readonly pressed = output<void>();
}
