import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { catchError, forkJoin, map, of, switchMap } from 'rxjs';

import type { DocumentDetail, SearchHit, SearchResponse } from '../core/api-types';
import { Auth } from '../core/auth';
import { injectMessages, mergeMessages } from '../core/i18n';
import { ThaiPipe } from '../core/thai-pipe';
import { UrgencyBadge } from '../shared/urgency-badge';
import { WORK_MESSAGES } from '../shared/work-messages';
import { CIRCULAR_MESSAGES } from './circulars.messages';

/** Circulars whose acknowledgement counts the list shows (each is one `GET /api/documents/:id`). */
const WITH_COUNTS = 20;

/** A circular of the list with its acknowledgement summary when loaded. */
interface CircularRow extends SearchHit {
  acks?: DocumentDetail['acknowledgementSummary'];
}

/** The circulars the caller's unit sent, newest first, with how many units have acknowledged each. */
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
      @if (rows(); as list) {
        @if (list.length === 0) {
          <p class="muted">{{ t('circ.none') }}</p>
        } @else {
          <div class="scroll">
            <table class="grid">
              <thead>
                <tr>
                  <th scope="col">{{ t('circ.col.subject') }}</th>
                  <th scope="col">{{ t('circ.col.created') }}</th>
                  <th scope="col">{{ t('circ.col.stage') }}</th>
                  <th scope="col">{{ t('circ.col.acks') }}</th>
                </tr>
              </thead>
              <tbody>
                @for (row of list; track row.id) {
                  <tr data-testid="circ-row" [attr.data-document-id]="row.id">
                    <td>
                      <app-urgency-badge [urgency]="row.urgency" />
                      <a [routerLink]="['/documents', row.id]">{{ row.subject }}</a>
                    </td>
                    <td class="nowrap">{{ row.createdAt | thai: 'datetime' }}</td>
                    <td>{{ t.or('stage.' + row.stage, row.stage) }}</td>
                    <td class="nowrap">
                      @if (row.acks; as a) {
                        <span class="meter" [attr.aria-label]="t('circ.col.acks')"
                          ><span [style.width.%]="a.units ? (100 * a.acknowledged) / a.units : 0"></span
                        ></span>
                        {{ a.acknowledged | thai: 'digits' }} / {{ a.units | thai: 'digits' }}
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      } @else {
        <p class="muted" role="status">{{ t('circ.loading') }}</p>
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
  private readonly http = inject(HttpClient);
  private readonly auth = inject(Auth);
  protected readonly t = injectMessages(mergeMessages(WORK_MESSAGES, CIRCULAR_MESSAGES));

  protected readonly rows = toSignal(
    this.http
      .get<SearchResponse>('/api/documents', {
        params: { unitId: this.auth.user()?.registryUnit.id ?? '', limit: '200' },
      })
      .pipe(
        // The search has no direction filter: the circulars are picked from the unit's recent documents.
        map((answer): CircularRow[] => (answer.items ?? []).filter((d) => d.direction === 'circular')),
        switchMap((circulars) => {
          if (circulars.length === 0) return of<CircularRow[]>([]);
          const head = circulars.slice(0, WITH_COUNTS).map((c) =>
            this.http.get<DocumentDetail>(`/api/documents/${encodeURIComponent(c.id)}`).pipe(
              map((d): CircularRow => ({ ...c, acks: d.acknowledgementSummary })),
              catchError(() => of(c as CircularRow)),
            ),
          );
          return forkJoin(head).pipe(map((rows): CircularRow[] => [...rows, ...circulars.slice(WITH_COUNTS)]));
        }),
        catchError(() => of([] as CircularRow[])),
      ),
    { initialValue: null },
  );
}
