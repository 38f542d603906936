import { DOCUMENT } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import {
  MatCell,
  MatCellDef,
  MatColumnDef,
  MatHeaderCell,
  MatHeaderCellDef,
  MatHeaderRow,
  MatHeaderRowDef,
  MatRow,
  MatRowDef,
  MatTable,
} from '@angular/material/table';
import { MatTabLink, MatTabNav, MatTabNavPanel } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import {
  catchError,
  EMPTY,
  exhaustMap,
  filter,
  fromEvent,
  interval,
  map,
  merge,
  Subject,
  switchMap,
  tap,
  timer,
} from 'rxjs';

import { toApiError } from '../core/api-error';
import { type InboxItem, type InboxResponse, type InboxScope, personName } from '../core/api-types';
import { I18n } from '../core/i18n';
import { ThaiPipe } from '../core/thai-pipe';
import { UrgencyBadge } from '../shared/urgency-badge';

/** How often the inbox asks the API for new tasks, in milliseconds. */
export const INBOX_POLL_MS = 15_000;
/** One early extra poll after the inbox opens, in milliseconds. */
export const INBOX_CATCH_UP_MS = 2_000;

/** The inbox: the caller's tasks or the unit's queue, refreshed every 15 s while the page is visible. */
@Component({
  selector: 'app-inbox',
  imports: [
    MatButton,
    MatProgressBar,
    MatTabNav,
    MatTabLink,
    MatTabNavPanel,
    MatTable,
    MatColumnDef,
    MatHeaderCell,
    MatHeaderCellDef,
    MatCell,
    MatCellDef,
    MatHeaderRow,
    MatHeaderRowDef,
    MatRow,
    MatRowDef,
    RouterLink,
    ThaiPipe,
    UrgencyBadge,
  ],
  templateUrl: './inbox.html',
  styleUrl: './inbox.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Inbox {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(I18n);

  /** `?scope=unit` shows the unit's queue; anything else the caller's own tasks. */
  readonly scope = input<string>();
  protected readonly activeScope = computed<InboxScope>(() => (this.scope() === 'unit' ? 'unit' : 'mine'));

  protected readonly items = signal<InboxItem[] | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly updatedAt = signal<Date | null>(null);
  protected readonly columns = computed(() =>
    this.activeScope() === 'unit'
      ? ['urgency', 'subject', 'type', 'from', 'assignee', 'received', 'due']
      : ['urgency', 'subject', 'type', 'from', 'received', 'due'],
  );
  protected readonly personName = personName;
  private readonly refreshRequests = new Subject<void>();

  constructor() {
    const becameVisible = fromEvent(this.document, 'visibilitychange').pipe(filter(() => !this.document.hidden));
    toObservable(this.activeScope)
      .pipe(
        tap(() => this.items.set(null)),
        switchMap((scope) =>
          merge(
            // At once, once more after 2 s (the read model gets a just-registered document's task moments after
            // the receipt is answered), then every 15 s while the page is visible.
            merge(
              timer(0),
              timer(INBOX_CATCH_UP_MS),
              interval(INBOX_POLL_MS).pipe(filter(() => !this.document.hidden)),
            ),
            becameVisible,
            this.refreshRequests,
          ).pipe(exhaustMap(() => this.load(scope))),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((items) => {
        this.items.set(items);
        this.updatedAt.set(new Date());
      });
  }

  /** Asks for the list now, without waiting for the next poll. */
  protected refresh(): void {
    this.refreshRequests.next();
  }

  /** Opens a task's document when its row is clicked (the subject link does the same for keyboard users). */
  protected openRow(item: InboxItem, event: MouseEvent): void {
    if ((event.target as HTMLElement | null)?.closest('a')) return;
    void this.router.navigate(['/documents', item.documentId]);
  }

  protected trackTask(_index: number, item: InboxItem): string {
    return item.taskId;
  }

  private load(scope: InboxScope) {
    this.loading.set(true);
    return this.http.get<InboxResponse>('/api/inbox', { params: { scope } }).pipe(
      map((answer) => answer.items ?? []),
      tap({
        next: () => this.error.set(null),
        finalize: () => this.loading.set(false),
      }),
      catchError((failure: unknown) => {
        const error = toApiError(failure);
        // A 401 is handled by the interceptor (back to sign-in); keep the last list for anything else.
        if (error.status !== 401) {
          const reason = error.status === 0 ? this.i18n.t('error.network') : error.message || error.code;
          this.error.set(`${this.i18n.t('inbox.error')}: ${reason}`);
        }
        if (this.items() === null) this.items.set([]);
        return EMPTY;
      }),
    );
  }
}
