import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';

import { CircularsApi } from '../core/api/circulars-api';
import type { CircularListItem } from '../core/api-types';
import { injectMessages, mergeMessages } from '../core/i18n';
import { ThaiPipe } from '../core/thai-pipe';
import { pagedList } from '../shared/paged-list';
import { UrgencyBadge } from '../shared/urgency-badge';
import { WORK_MESSAGES } from '../shared/work-messages';
import { CIRCULAR_MESSAGES } from './circulars.messages';

/** The circulars the caller's unit sent, newest first, with how many units have acknowledged each (one request). */
@Component({
  selector: 'app-circular-list',
  imports: [MatButton, RouterLink, ThaiPipe, UrgencyBadge],
  template: `
    <header class="head">
      <div>
        <h1>{{ t('circ.heading') }}</h1>
        <p class="lead">{{ t('circ.lead') }}</p>
      </div>
      <a matButton="filled" routerLink="/circulars/new" data-testid="circ-new">{{ t('circ.new') }}</a>
    </header>
    <div class="panel">
      <label class="filter">
        <input
          type="checkbox"
          [checked]="pendingOnly()"
          (change)="showPendingOnly($any($event.target).checked)"
          data-testid="circ-pending"
        />
        {{ t('circ.pendingOnly') }}
      </label>
      @if (list.failed()) {
        <p class="note-error" role="alert">{{ t('circ.loadFailed') }}</p>
      }
      @if (list.rows(); as rows) {
        @if (rows.length === 0) {
          <p class="muted" data-testid="circ-none">{{ t('circ.none') }}</p>
        } @else {
          <div class="scroll">
            <table class="grid">
              <thead>
                <tr>
                  <th scope="col">{{ t('circ.col.subject') }}</th>
                  <th scope="col">{{ t('circ.number') }}</th>
                  <th scope="col">{{ t('circ.col.created') }}</th>
                  <th scope="col">{{ t('circ.col.stage') }}</th>
                  <th scope="col">{{ t('circ.col.acks') }}</th>
                </tr>
              </thead>
              <tbody>
                @for (row of rows; track row.id) {
                  <tr data-testid="circ-row" [attr.data-document-id]="row.id">
                    <td>
                      <app-urgency-badge [urgency]="row.urgency" />
                      <a [routerLink]="['/documents', row.id]">{{ row.subject }}</a>
                    </td>
                    <td class="nowrap">{{ row.number ?? '' | thai: 'digits' }}</td>
                    <td class="nowrap">{{ row.createdAt | thai: 'datetime' }}</td>
                    <td>
                      {{ t.or('stage.' + row.stage, row.stage) }}
                      @if (row.acknowledgements.escalated > 0) {
                        <span class="warn" data-testid="circ-escalated"
                          >· {{ t('circ.escalated') }} {{ row.acknowledgements.escalated | thai: 'digits' }}</span
                        >
                      }
                    </td>
                    <td class="nowrap" data-testid="circ-acks">
                      @if (row.acknowledgements.units > 0) {
                        <span class="meter" [attr.aria-label]="t('circ.col.acks')"
                          ><span
                            [style.width.%]="(100 * row.acknowledgements.acknowledged) / row.acknowledgements.units"
                          ></span
                        ></span>
                        {{ row.acknowledgements.acknowledged | thai: 'digits' }} /
                        {{ row.acknowledgements.units | thai: 'digits' }}
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          @if (list.nextCursor()) {
            <button matButton type="button" (click)="list.more()" [disabled]="list.loading()" data-testid="circ-more">
              {{ t('circ.more') }}
            </button>
          }
        }
      } @else {
        <p class="muted" role="status">{{ t('circ.loading') }}</p>
      }
    </div>
  `,
  styleUrl: '../shared/list-page.css',
  styles: `
    .filter {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      margin-bottom: 0.5rem;
    }
    .warn {
      color: var(--saraban-urgent);
    }
    .meter {
      display: inline-block;
      vertical-align: middle;
      width: 5rem;
      height: 0.5rem;
      border-radius: 999px;
      background: #e3e8ef;
      overflow: hidden;
      margin-right: 0.35rem;
    }
    .meter span {
      display: block;
      height: 100%;
      background: var(--saraban-ok);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CircularList {
  private readonly api = inject(CircularsApi);
  protected readonly t = injectMessages(mergeMessages(WORK_MESSAGES, CIRCULAR_MESSAGES));
  protected readonly pendingOnly = signal(false);
  protected readonly list = pagedList<CircularListItem>((cursor) => {
    const params: Record<string, string> = { limit: '50' };
    if (this.pendingOnly()) params['pending'] = 'true';
    if (cursor) params['cursor'] = cursor;
    return this.api.list(params);
  });

  constructor() {
    this.list.reload();
  }

  protected showPendingOnly(on: boolean): void {
    this.pendingOnly.set(on);
    this.list.reload();
  }
}
