import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  type ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import {
  catchError,
  combineLatest,
  debounceTime,
  distinctUntilChanged,
  EMPTY,
  exhaustMap,
  expand,
  filter,
  finalize,
  fromEvent,
  interval,
  last,
  map,
  merge,
  type Observable,
  scan,
  Subject,
  switchMap,
  tap,
  timer,
} from 'rxjs';

import { TasksApi } from '../core/api/tasks-api';
import { toApiError } from '../core/api-error';
import { type InboxItem, type InboxScope, personName } from '../core/api-types';
import { Auth } from '../core/auth';
import { I18n, injectMessages, mergeMessages } from '../core/i18n';
import { ENUM_IDS, urgencyBadgeColour } from '../core/labels';
import { formatValue, ThaiPipe } from '../core/thai-pipe';
import { legibleOnWhiteText } from '../shared/urgency-badge';
import { WORK_MESSAGES } from '../shared/work-messages';
import { BulkActions, type BulkOutcome } from './bulk-actions';
import {
  type InboxFilters,
  inboxParams,
  type InboxSort,
  isDueSoon,
  NO_FILTERS,
  type SortKey,
  sortTasks,
  TASK_TYPES,
} from './inbox-query';
import { INBOX_MESSAGES } from './inbox.messages';

/** How often the inbox asks the API for new tasks, in milliseconds. */
export const INBOX_POLL_MS = 15_000;
/** One early extra poll after the inbox opens, in milliseconds. */
export const INBOX_CATCH_UP_MS = 2_000;
/** Tasks per request (the API's maximum), and the most the inbox loads for one view. */
const PAGE_SIZE = 200;
const MAX_TASKS = 2_000;
/** Rows rendered at first and added by "show more": the DOM stays small with a thousand tasks loaded. */
const ROWS_STEP = 50;

/**
 * The inbox: the caller's tasks or the unit's queue. Filters go to the API; sorting, selection and the keyboard
 * work on what was loaded. New tasks arrive by polling (every 15 s while the page is visible) and are marked.
 */
@Component({
  selector: 'app-inbox',
  imports: [MatButton, MatProgressBar, RouterLink, ThaiPipe, BulkActions],
  templateUrl: './inbox.html',
  styleUrl: './inbox.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)' },
})
export class Inbox {
  private readonly tasks = inject(TasksApi);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly auth = inject(Auth);
  private readonly i18n = inject(I18n);
  protected readonly t = injectMessages(mergeMessages(WORK_MESSAGES, INBOX_MESSAGES));
  protected readonly options = { urgency: ENUM_IDS.urgency, type: TASK_TYPES };
  protected readonly personName = personName;

  /** `?scope=unit` shows the unit's queue; anything else the caller's own tasks. */
  readonly scope = input<string>();
  protected readonly activeScope = computed<InboxScope>(() => (this.scope() === 'unit' ? 'unit' : 'mine'));
  protected readonly isClerk = computed(() => this.auth.user()?.roles.includes('clerk') ?? false);

  protected readonly filters = signal<InboxFilters>(NO_FILTERS);
  protected readonly searchText = signal('');
  protected readonly sort = signal<InboxSort>({ key: 'received', dir: 'desc' });
  protected readonly items = signal<InboxItem[] | null>(null);
  protected readonly complete = signal(false);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly updatedAt = signal<Date | null>(null);
  protected readonly shownCount = signal(ROWS_STEP);
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly activeIndex = signal(0);
  protected readonly showKeys = signal(false);
  protected readonly announcement = signal('');
  protected readonly bulkFailures = signal<string[]>([]);
  /** Tasks that arrived after the view first loaded, until opened. */
  protected readonly fresh = signal<ReadonlySet<string>>(new Set());

  protected readonly sorted = computed(() => sortTasks(this.items() ?? [], this.sort()));
  protected readonly rows = computed(() => this.sorted().slice(0, this.shownCount()));
  /**
   * What each shown row prints, formatted once per change of the list, language or clock: a thousand-task inbox
   * then renders plain text rather than hundreds of pipe and component instances.
   */
  protected readonly rowsView = computed(() => {
    const lang = this.i18n.lang();
    const fresh = this.fresh();
    const now = this.now();
    return this.rows().map((item) => ({
      item,
      urgency: formatValue(item.urgency, 'urgency', lang),
      colour: legibleOnWhiteText(urgencyBadgeColour(item.urgency)),
      type: this.t.or(`task.${item.type}`, item.type),
      from: personName(item.from),
      assignee: personName(item.assignee) || '—',
      received: formatValue(item.createdAt, 'datetime', lang),
      due: formatValue(item.dueAt, 'datetime', lang),
      fresh: fresh.has(item.taskId),
      dueSoon: isDueSoon(item, now),
    }));
  });
  protected readonly filtered = computed(() => Object.values(this.filters()).some((v) => v !== ''));
  protected readonly selectedItems = computed(() => {
    const ids = this.selected();
    return (this.items() ?? []).filter((item) => ids.has(item.taskId));
  });
  protected readonly allShownSelected = computed(() => {
    const rows = this.rows();
    return rows.length > 0 && rows.every((row) => this.selected().has(row.taskId));
  });
  protected readonly now = computed(() => (this.updatedAt() ?? new Date()).getTime());

  private readonly refreshRequests = new Subject<void>();
  private readonly search = viewChild<ElementRef<HTMLInputElement>>('search');
  private seen: Set<string> | null = null;

  constructor() {
    toObservable(this.searchText)
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => {
        // Only a real change starts a new view (the first, empty value must not reload the list).
        if (this.filters().q !== q) this.filters.update((f) => ({ ...f, q }));
      });

    const becameVisible = fromEvent(this.document, 'visibilitychange').pipe(filter(() => !this.document.hidden));
    combineLatest([toObservable(this.activeScope), toObservable(this.filters)])
      .pipe(
        tap(() => this.startView()),
        switchMap(([scope, filters]) =>
          merge(
            // At once, once more after 2 s (the read model gets a just-registered document's task moments after
            // the receipt is answered), then every 15 s while the page is visible.
            timer(0),
            timer(INBOX_CATCH_UP_MS),
            interval(INBOX_POLL_MS).pipe(filter(() => !this.document.hidden)),
            becameVisible,
            this.refreshRequests,
          ).pipe(exhaustMap(() => this.load(scope, filters))),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ items, complete }) => this.receive(items, complete));
  }

  protected setFilter(key: keyof InboxFilters, value: string): void {
    this.filters.update((f) => ({ ...f, [key]: value }));
  }

  protected clearFilters(): void {
    this.searchText.set('');
    this.filters.set(NO_FILTERS);
  }

  protected sortBy(key: SortKey): void {
    this.sort.update((s) =>
      s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'due' ? 'asc' : 'desc' },
    );
  }

  protected ariaSort(key: SortKey): 'ascending' | 'descending' | 'none' {
    const s = this.sort();
    return s.key !== key ? 'none' : s.dir === 'asc' ? 'ascending' : 'descending';
  }

  protected arrow(key: SortKey): string {
    const s = this.sort();
    return s.key !== key ? '' : s.dir === 'asc' ? ' ▲' : ' ▼';
  }

  /** Asks for the list now, without waiting for the next poll. */
  protected refresh(): void {
    this.refreshRequests.next();
  }

  protected showMore(): void {
    this.shownCount.update((n) => n + ROWS_STEP);
  }

  protected toggle(taskId: string): void {
    this.selected.update((ids) => {
      const next = new Set(ids);
      if (!next.delete(taskId)) next.add(taskId);
      return next;
    });
  }

  protected toggleAllShown(): void {
    const all = this.allShownSelected();
    this.selected.set(all ? new Set() : new Set(this.rows().map((row) => row.taskId)));
  }

  protected clearSelection(): void {
    this.selected.set(new Set());
  }

  /** After bulk actions: say what happened, forget the selection, reload. */
  protected onBulkDone(outcome: BulkOutcome): void {
    this.announcement.set(outcome.summary);
    this.bulkFailures.set(outcome.failures);
    this.clearSelection();
    this.refresh();
  }

  /** Opens a task's document when its row is clicked (the subject link does the same for keyboard users). */
  protected openRow(item: InboxItem, event: MouseEvent): void {
    const target = event.target as HTMLElement | null;
    if (target?.closest('a, input, button, label')) return;
    this.open(item);
  }

  /** The subject link: a plain href (new tabs work) that navigates in the app on a plain click. */
  protected openLink(item: InboxItem, event: MouseEvent): void {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    this.open(item);
  }

  protected open(item: InboxItem): void {
    this.seen?.add(item.taskId);
    void this.router.navigate(['/documents', item.documentId]);
  }

  /** Keyboard shortcuts, except while typing in a field. */
  protected onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    const typing = target?.closest('input, textarea, select, [contenteditable=true]');
    if (typing) {
      if (event.key === 'Escape' && target instanceof HTMLInputElement && target === this.search()?.nativeElement)
        target.blur();
      return;
    }
    const rows = this.rows();
    const move = (delta: number) => {
      if (rows.length === 0) return;
      const index = Math.min(rows.length - 1, Math.max(0, this.activeIndex() + delta));
      this.activeIndex.set(index);
      this.focusRow(index);
    };
    const active = rows[this.activeIndex()];
    switch (event.key) {
      case 'j':
        move(1);
        break;
      case 'k':
        move(-1);
        break;
      case 'ArrowDown':
      case 'ArrowUp':
        if (!target?.closest('tr[data-testid=inbox-row]')) return;
        move(event.key === 'ArrowDown' ? 1 : -1);
        break;
      case 'o':
      case 'Enter':
        if (!active || (event.key === 'Enter' && target?.closest('a, button'))) return;
        this.open(active);
        break;
      case 'x':
        if (!active) return;
        this.toggle(active.taskId);
        break;
      case '/':
        this.search()?.nativeElement.focus();
        break;
      case 'r':
        this.refresh();
        break;
      case 'u':
        void this.router.navigate(['/inbox'], {
          queryParams: { scope: this.activeScope() === 'unit' ? 'mine' : 'unit' },
        });
        break;
      case 'Escape':
        if (this.showKeys()) this.showKeys.set(false);
        else this.clearSelection();
        break;
      case '?':
        this.showKeys.update((shown) => !shown);
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  private focusRow(index: number): void {
    const row = this.document.querySelectorAll<HTMLElement>('tr[data-testid=inbox-row]')[index];
    row?.focus();
    row?.scrollIntoView({ block: 'nearest' });
  }

  /** A new view (scope or filters changed): forget the list, selection and what counts as new. */
  private startView(): void {
    this.items.set(null);
    this.complete.set(false);
    this.selected.set(new Set());
    this.fresh.set(new Set());
    this.shownCount.set(ROWS_STEP);
    this.activeIndex.set(0);
    this.seen = null;
  }

  private receive(items: InboxItem[], complete: boolean): void {
    if (complete) {
      if (this.seen === null) {
        this.seen = new Set(items.map((item) => item.taskId));
      } else {
        const arrived = items.filter((item) => !this.seen!.has(item.taskId));
        if (arrived.length > 0) {
          const ids = new Set(this.fresh());
          for (const item of arrived) {
            ids.add(item.taskId);
            this.seen.add(item.taskId);
          }
          this.fresh.set(ids);
          this.announcement.set(`${this.t('inbox.newArrived')} ${arrived.length}`);
        }
      }
      // Forget selected tasks that are gone (done elsewhere).
      const present = new Set(items.map((item) => item.taskId));
      if ([...this.selected()].some((id) => !present.has(id))) {
        this.selected.set(new Set([...this.selected()].filter((id) => present.has(id))));
      }
      this.updatedAt.set(new Date());
    }
    this.items.set(items);
    this.complete.set(complete);
  }

  /**
   * Loads every page of the view (up to MAX_TASKS). The first load shows each page as it comes, so the first
   * rows appear after one request; a refresh replaces the list only when all pages are in.
   */
  private load(scope: InboxScope, filters: InboxFilters): Observable<{ items: InboxItem[]; complete: boolean }> {
    const progressive = this.items() === null;
    const page = (cursor?: string) => this.tasks.inbox(inboxParams(scope, filters, PAGE_SIZE, cursor));
    this.loading.set(true);
    const pages = page().pipe(
      expand((answer, index) =>
        answer.nextCursor && (index + 1) * PAGE_SIZE < MAX_TASKS ? page(answer.nextCursor) : EMPTY,
      ),
      scan((acc, answer) => ({ items: acc.items.concat(answer.items ?? []), complete: !answer.nextCursor }), {
        items: [] as InboxItem[],
        complete: false,
      }),
    );
    const withEnd = (progressive ? pages : pages.pipe(last())).pipe(
      // Past MAX_TASKS the list is as complete as it will get.
      map((acc) => ({ ...acc, complete: acc.complete || acc.items.length >= MAX_TASKS })),
    );
    return withEnd.pipe(
      tap({ complete: () => this.error.set(null) }),
      finalize(() => this.loading.set(false)),
      catchError((failure: unknown) => {
        const error = toApiError(failure);
        // A 401 is handled by the interceptor (back to sign-in); keep the last list for anything else.
        if (error.status !== 401) {
          const reason = error.status === 0 ? this.t('error.network') : error.message || error.code;
          this.error.set(`${this.t('inbox.error')}: ${reason}`);
        }
        if (this.items() === null) this.items.set([]);
        return EMPTY;
      }),
    );
  }
}
