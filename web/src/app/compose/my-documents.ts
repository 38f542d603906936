import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';

import type { SearchHit, SearchResponse } from '../core/api-types';
import { injectMessages, mergeMessages } from '../core/i18n';
import { ThaiPipe } from '../core/thai-pipe';
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
      @if (failed()) {
        <p class="note-error" role="alert">{{ t('mine.failed') }}</p>
      }
      @if (rows(); as list) {
        @if (list.length === 0) {
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
                @for (row of list; track row.id) {
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
          @if (nextCursor()) {
            <button matButton type="button" (click)="load(true)" [disabled]="loading()" data-testid="mine-more">
              {{ t('mine.more') }}
            </button>
          }
        }
      } @else {
        <p class="muted" role="status">{{ t('mine.loading') }}</p>
      }
    </div>
  `,
  styles: `
    .head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: flex-start;
      gap: 0.5rem;
      margin-bottom: 0.75rem;
    }
    .lead,
    .muted {
      margin: 0;
      color: var(--saraban-muted);
    }
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
    .scroll {
      overflow-x: auto;
    }
    .grid {
      width: 100%;
      border-collapse: collapse;
    }
    .grid th,
    .grid td {
      text-align: left;
      padding: 0.4rem 0.5rem;
      border-bottom: 1px solid #e3e8ef;
    }
    .nowrap {
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyDocuments {
  private readonly http = inject(HttpClient);
  protected readonly t = injectMessages(mergeMessages(WORK_MESSAGES, COMPOSE_MESSAGES));
  protected readonly filters = [
    { id: 'all', label: 'mine.all', stage: undefined },
    { id: 'draft', label: 'stage.draft', stage: 'draft' },
    { id: 'returned', label: 'stage.returned', stage: 'returned' },
    { id: 'review', label: 'mine.inReview', stage: 'review' },
    { id: 'sent', label: 'mine.sent', stage: 'sent' },
  ] as const;
  protected readonly filter = signal<(typeof this.filters)[number]['id']>('all');
  protected readonly rows = signal<SearchHit[] | null>(null);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly failed = signal(false);

  constructor() {
    this.load(false);
  }

  protected linkOf(row: SearchHit): string[] {
    return EDITABLE.includes(row.stage) ? ['/compose', row.id] : ['/documents', row.id];
  }

  protected show(id: (typeof this.filters)[number]['id']): void {
    this.filter.set(id);
    this.load(false);
  }

  protected load(more: boolean): void {
    const params: Record<string, string> = { direction: 'outgoing', mine: 'true', limit: '50' };
    const stage = this.filters.find((f) => f.id === this.filter())?.stage;
    if (stage) params['stage'] = stage;
    const cursor = this.nextCursor();
    if (more && cursor) params['cursor'] = cursor;
    if (!more) this.rows.set(null);
    this.loading.set(true);
    this.http.get<SearchResponse>('/api/documents', { params }).subscribe({
      next: (answer) => {
        this.rows.update((rows) => (more && rows ? [...rows, ...answer.items] : answer.items));
        this.nextCursor.set(answer.nextCursor);
        this.failed.set(false);
        this.loading.set(false);
      },
      error: () => {
        this.failed.set(true);
        this.loading.set(false);
        if (!more) this.rows.set([]);
      },
    });
  }
}
