import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { catchError, forkJoin, map, of, startWith, switchMap } from 'rxjs';

import { DocumentsApi } from '../core/api/documents-api';
import { SearchApi } from '../core/api/search-api';
import type { SearchHit } from '../core/api-types';
import { injectMessages, mergeMessages } from '../core/i18n';
import { ThaiPipe } from '../core/thai-pipe';
import { WORK_MESSAGES } from '../shared/work-messages';
import { DASHBOARD_MESSAGES } from './dashboards.messages';

/** Documents listed under a dashboard row. */
const LIMIT = 20;

/** A found document with the address of its workflow in the Temporal UI. */
interface Row extends SearchHit {
  temporalUrl?: string;
}

/**
 * The documents behind a dashboard figure (a search with the row's filters), each linked to its page and to its
 * workflow in the Temporal UI (the `temporalUrl` of `GET /api/documents/:id`).
 */
@Component({
  selector: 'app-doc-drilldown',
  imports: [RouterLink, ThaiPipe],
  template: `
    @if (rows(); as list) {
      @if (list.length === 0) {
        <p class="muted">{{ t('dash.noDocuments') }}</p>
      } @else {
        <ul class="docs" data-testid="dash-documents">
          @for (doc of list; track doc.id) {
            <li>
              <a [routerLink]="['/documents', doc.id]">{{ doc.subject }}</a>
              <span class="muted">
                · {{ t.or('stage.' + doc.stage, doc.stage) }} · {{ doc.medium | thai: 'medium' }} ·
                {{ doc.createdAt | thai: 'short' }}</span
              >
              @if (doc.temporalUrl) {
                ·
                <a
                  [href]="doc.temporalUrl"
                  target="_blank"
                  rel="noopener"
                  data-testid="dash-temporal"
                  [title]="t('dash.workflowHint')"
                  >{{ t('dash.workflow') }} ↗</a
                >
              }
            </li>
          }
        </ul>
      }
    } @else {
      <p class="muted" role="status">{{ t('dash.loading') }}</p>
    }
  `,
  styles: `
    .docs {
      margin: 0.25rem 0 0.5rem;
      padding-left: 1.1rem;
      font-size: 0.92rem;
    }
    .docs li {
      margin: 0.15rem 0;
    }
    .muted {
      color: var(--saraban-muted);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocDrilldown {
  private readonly search = inject(SearchApi);
  private readonly documents = inject(DocumentsApi);
  protected readonly t = injectMessages(mergeMessages(WORK_MESSAGES, DASHBOARD_MESSAGES));
  /** The search's filters: `unitId`, `stage`, `from`, `to` … */
  readonly params = input.required<Record<string, string>>();

  protected readonly rows = toSignal(
    toObservable(this.params).pipe(
      switchMap((params) =>
        this.search.search({ ...params, limit: String(LIMIT) }).pipe(
          switchMap((answer) => {
            const hits = answer.items ?? [];
            if (hits.length === 0) return of<Row[]>([]);
            return forkJoin(
              hits.map((hit) =>
                this.documents.get(hit.id).pipe(
                  map((d): Row => ({ ...hit, temporalUrl: d.temporalUrl })),
                  catchError(() => of<Row>(hit)),
                ),
              ),
            );
          }),
          catchError(() => of<Row[]>([])),
          startWith(null),
        ),
      ),
    ),
    { initialValue: null },
  );
}
