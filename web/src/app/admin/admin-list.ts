import {
  ChangeDetectionStrategy,
  Component,
  contentChild,
  Directive,
  input,
  output,
  TemplateRef,
  ViewEncapsulation,
} from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { MatButton } from '@angular/material/button';

import { injectMessages } from '../core/i18n';
import { ThaiPipe } from '../core/thai-pipe';
import { ADMIN_MESSAGES } from './admin.messages';

/** A column of an admin table: its header, a class for its header cell, and whether only screen readers see it. */
export interface AdminColumn {
  label: string;
  class?: string;
  /** A short note after the label, in brackets (e.g. how the end day is read). */
  hint?: string;
  /** The header names a column of buttons: read out, not shown. */
  hidden?: boolean;
}

/**
 * The row template of an `app-admin-list`: `<ng-template [appAdminRow]="rows()" let-row>` with one `<tr>` a row.
 * It also hands the list its rows (null while loading), so the template's `row` is typed as one of them.
 */
@Directive({ selector: 'ng-template[appAdminRow]' })
export class AdminRow<T> {
  readonly rows = input.required<readonly T[] | null>({ alias: 'appAdminRow' });
  /** What keeps a row's DOM when the list changes (its id). */
  readonly key = input<(row: T) => unknown>((row) => row, { alias: 'appAdminRowKey' });

  constructor(readonly template: TemplateRef<{ $implicit: T }>) {}

  static ngTemplateContextGuard<T>(_row: AdminRow<T>, context: unknown): context is { $implicit: T } {
    return true;
  }
}

/**
 * The list of an admin tab: its toolbar (the tab's own fields, projected `[adminToolbar]`, and an "add" button), the
 * tab's form (the content) under it, then the load error, "shown N of M", and the table with its header and the
 * rows of the tab's `appAdminRow` template; "loading" while the rows are null, `empty` when there are none.
 *
 * Its styles are not encapsulated, and each rule starts with `app-admin-list`: the rows and toolbar fields are the
 * tab's (they carry the tab's own scope), so a rule like `.grid td` must reach across both templates.
 */
@Component({
  selector: 'app-admin-list',
  imports: [MatButton, NgTemplateOutlet, ThaiPipe],
  template: `
    @if (toolbar()) {
      <div class="toolbar">
        <ng-content select="[adminToolbar]" />
        @if (addLabel(); as label) {
          <button matButton="outlined" type="button" [attr.data-testid]="addTestId()" (click)="add.emit()">
            {{ label }}
          </button>
        }
      </div>
    }
    <ng-content />
    @if (loadError(); as e) {
      <p class="note-error" role="alert">{{ t('loadFailed') }}: {{ e }}</p>
    }
    @let rows = row().rows();
    @if (rows) {
      @if (total() !== undefined) {
        <p class="muted small">
          {{ t('shown') }} {{ rows.length | thai: 'digits' }} {{ t('of') }} {{ total() | thai: 'digits' }}
        </p>
      }
      @if (rows.length === 0 && empty()) {
        <p class="muted">{{ empty() }}</p>
      } @else {
        <div [class.scroll]="scroll()">
          <table class="grid">
            <thead>
              <tr>
                @for (column of columns(); track $index) {
                  <th scope="col" [class]="column.class ?? ''">
                    @if (column.hidden) {
                      <span class="sr-only">{{ column.label }}</span>
                    } @else {
                      {{ column.label }}
                      @if (column.hint) {
                        <small class="hint">({{ column.hint }})</small>
                      }
                    }
                  </th>
                }
              </tr>
            </thead>
            <tbody>
              @for (item of rows; track row().key()(item)) {
                <ng-container *ngTemplateOutlet="row().template; context: { $implicit: item }" />
              }
            </tbody>
          </table>
        </div>
      }
    } @else {
      <p class="muted" role="status">{{ t('loading') }}</p>
    }
  `,
  styleUrl: './admin-list.css',
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminList {
  protected readonly t = injectMessages(ADMIN_MESSAGES);
  protected readonly row = contentChild.required<AdminRow<unknown>>(AdminRow);

  readonly columns = input.required<readonly AdminColumn[]>();
  /** Show the toolbar (the projected `[adminToolbar]` fields and the add button). */
  readonly toolbar = input(true);
  /** The "add" button's label; none: no button. */
  readonly addLabel = input<string>();
  readonly addTestId = input<string>();
  readonly add = output<void>();
  /** How many there are in all, for "shown N of M"; undefined: no such line. */
  readonly total = input<number>();
  /** Said instead of an empty table; none: the table is shown with no rows. */
  readonly empty = input<string>();
  readonly loadError = input<string | null>(null);
  /** The table scrolls inside its box (a long list) rather than lengthening the page. */
  readonly scroll = input(true);
}
