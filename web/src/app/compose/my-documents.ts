import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';

import { SearchApi } from '../core/api/search-api';
import type { SearchHit } from '../core/api-types';
import { injectMessages, mergeMessages } from '../core/i18n';
import { ThaiPipe } from '../core/thai-pipe';
import { pagedList } from '../shared/paged-list';
import { UrgencyBadge } from '../shared/urgency-badge';
import { WORK_MESSAGES } from '../shared/work-messages';
import { COMPOSE_MESSAGES } from './compose.messages';

/** Stages in which the author still edits the document in compose; the others open on the document page. */
const EDITABLE = ['draft', 'returned'];

/**
 * The documents the caller drafted (`GET /api/documents?direction=outgoing&mine=true`), newest first: drafts and
 * returned ones open in compose, the others on their document page with their number once they have one.
 */
@Component({
  selector: 'app-my-documents',
  imports: [MatButton, RouterLink, ThaiPipe, UrgencyBadge],
  template: `
    <header class="head">
      <div>
        <h1>{{ t('mine.heading') }}</h1>
        <p class="lead">{{ t('mine.lead') }}</p>
      </div>
      <a matButton="filled" routerLink="/compose" data-testid="mine-new">{{ t('mine.new') }}</a>
    </header>
    <div class="panel">
      <div class="filters" role="group" [attr.aria-label]="t('mine.heading')">
        @for (f of filters; track f.id) {
          <button
            matButton
            type="button"
            [class.on]="filter() === f.id"
            [attr.aria-pressed]="filter() === f.id"
            (click)="show(f.id)"
            [attr.data-testid]="'mine-filter-' + f.id"
          >
            {{ t(f.label) }}
          </button>
        }
      </div>
      @if (list.failed()) {
        <p class="note-error" role="alert">{{ t('mine.failed') }}</p>
      }
      @if (list.rows(); as rows) {
        @if (rows.length === 0) {
          <p class="muted">{{ t('mine.none') }}</p>
        } @else {
          <div class="scroll">
            <table class="grid">
              <thead>
                <tr>
                  <th scope="col">{{ t('mine.col.subject') }}</th>
                  <th scope="col">{{ t('mine.col.number') }}</th>
                  <th scope="col">{{ t('mine.col.stage') }}</th>
                  <th scope="col">{{ t('mine.col.created') }}</th>
                </tr>
              </thead>
              <tbody>
                @for (row of rows; track row.id) {
                  <tr data-testid="mine-row" [attr.data-document-id]="row.id" [attr.data-stage]="row.stage">
                    <td>
                      <app-urgency-badge [urgency]="row.urgency" />
                      <a [routerLink]="linkOf(row)">{{ row.subject }}</a>
                    </td>
                    <td class="nowrap">{{ row.number?.text ?? '' }}</td>
                    <td>{{ t.or('stage.' + row.stage, row.stage) }}</td>
                    <td class="nowrap">{{ row.createdAt | thai: 'datetime' }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          @if (list.nextCursor()) {
            <button matButton type="button" (click)="list.more()" [disabled]="list.loading()" data-testid="mine-more">
              {{ t('mine.more') }}
            </button>
          }
        }
      } @else {
        <p class="muted" role="status">{{ t('mine.loading') }}</p>
      }
    </div>
  `,
  styleUrl: '../shared/list-page.css',
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin-bottom: 0.5rem;
    }
    .filters .on {
      background: var(--saraban-surface);
      font-weight: 600;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyDocuments {
  private readonly search = inject(SearchApi);
  protected readonly t = injectMessages(mergeMessages(WORK_MESSAGES, COMPOSE_MESSAGES));
  protected readonly filters = [
    { id: 'all', label: 'mine.all', stage: undefined },
    { id: 'draft', label: 'stage.draft', stage: 'draft' },
    { id: 'returned', label: 'stage.returned', stage: 'returned' },
    { id: 'review', label: 'mine.inReview', stage: 'review' },
    { id: 'sent', label: 'mine.sent', stage: 'sent' },
  ] as const;
  protected readonly filter = signal<(typeof this.filters)[number]['id']>('all');
  protected readonly list = pagedList<SearchHit>((cursor) => {
    const params: Record<string, string> = { direction: 'outgoing', mine: 'true', limit: '50' };
    const stage = this.filters.find((f) => f.id === this.filter())?.stage;
    if (stage) params['stage'] = stage;
    if (cursor) params['cursor'] = cursor;
    return this.search.search(params);
  });

  constructor() {
    this.list.reload();
  }

  protected linkOf(row: SearchHit): string[] {
    return EDITABLE.includes(row.stage) ? ['/compose', row.id] : ['/documents', row.id];
  }

  protected show(id: (typeof this.filters)[number]['id']): void {
    this.filter.set(id);
    this.list.reload();
  }
}
