import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import {
  catchError,
  combineLatest,
  EMPTY,
  expand,
  finalize,
  from,
  last,
  map,
  mergeMap,
  type Observable,
  of,
  reduce,
  startWith,
  Subject,
  switchMap,
  toArray,
} from 'rxjs';

import { TasksApi } from '../core/api/tasks-api';
import { toApiError } from '../core/api-error';
import type { InboxItem, OverdueItem, UnitUser } from '../core/api-types';
import { Auth } from '../core/auth';
import { injectMessages, mergeMessages } from '../core/i18n';
import { newIdempotencyKey } from '../core/idempotency';
import { ENUM_IDS } from '../core/labels';
import { Org } from '../core/org';
import { ThaiPipe } from '../core/thai-pipe';
import { UrgencyBadge } from '../shared/urgency-badge';
import { WORK_MESSAGES } from '../shared/work-messages';
import { SUPERVISOR_MESSAGES } from './supervisor.messages';

type Status = 'all' | 'overdue' | 'due_soon';
type GroupBy = 'unit' | 'person';

/** One row of the summary beside the list: a unit or a person with their counts and oldest task. */
interface GroupRow {
  key: string;
  name: string;
  detail: string;
  total: number;
  overdue: number;
  dueSoon: number;
  oldestSeconds: number;
}

const SUPERVISING = ['supervisor', 'executive'];
const CONCURRENCY = 4;

/**
 * The supervisor's follow-up: overdue and due-soon tasks in their units, summed by unit or by person, each with its
 * age (wall-clock and working time); reassign one or many; and the paper originals the executives' clerks follow up.
 */
@Component({
  selector: 'app-supervisor',
  imports: [MatButton, MatProgressBar, RouterLink, ThaiPipe, UrgencyBadge],
  templateUrl: './supervisor.html',
  styleUrl: './supervisor.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Supervisor {
  private readonly tasks = inject(TasksApi);
  private readonly auth = inject(Auth);
  private readonly org = inject(Org);
  protected readonly t = injectMessages(mergeMessages(WORK_MESSAGES, SUPERVISOR_MESSAGES));
  protected readonly urgencies = ENUM_IDS.urgency;

  protected readonly canSupervise = computed(() =>
    (this.auth.user()?.roles ?? []).some((r) => SUPERVISING.includes(r)),
  );
  protected readonly isPaperRegistrar = computed(() => this.auth.user()?.roles.includes('paper-registrar') ?? false);

  protected readonly status = signal<Status>('all');
  protected readonly urgency = signal('');
  protected readonly groupBy = signal<GroupBy>('unit');
  protected readonly group = signal<string | null>(null);
  protected readonly items = signal<OverdueItem[] | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly target = signal('');
  protected readonly comment = signal('');
  protected readonly busy = signal(false);
  protected readonly result = signal<{ ok: number; failures: string[] } | null>(null);
  private readonly reloads = new Subject<void>();

  protected readonly groups = computed<GroupRow[]>(() => {
    const rows = new Map<string, GroupRow>();
    const by = this.groupBy();
    for (const item of this.items() ?? []) {
      const key = by === 'unit' ? item.unit.id : (item.holder?.id ?? `queue:${item.unit.id}`);
      const name =
        by === 'unit'
          ? (item.unit.name ?? this.org.nameOf(item.unit.id))
          : (item.holder?.displayName ?? `${this.t('sup.queue')}`);
      const detail = by === 'unit' ? '' : (item.holder?.positionTitle ?? item.unit.name ?? '');
      const row = rows.get(key) ?? { key, name, detail, total: 0, overdue: 0, dueSoon: 0, oldestSeconds: 0 };
      row.total++;
      if (item.overdue) row.overdue++;
      else if (item.dueSoon) row.dueSoon++;
      row.oldestSeconds = Math.max(row.oldestSeconds, item.ageSeconds);
      rows.set(key, row);
    }
    return [...rows.values()].sort((a, b) => b.overdue - a.overdue || b.total - a.total);
  });
  protected readonly shown = computed(() => {
    const key = this.group();
    const by = this.groupBy();
    const items = this.items() ?? [];
    if (!key) return items;
    return items.filter((i) => (by === 'unit' ? i.unit.id : (i.holder?.id ?? `queue:${i.unit.id}`)) === key);
  });
  protected readonly allSelected = computed(
    () => this.shown().length > 0 && this.shown().every((i) => this.selected().has(i.taskId)),
  );

  /** People a task can go to: the officials of the supervisor's registry unit, and anyone holding a listed task. */
  private readonly unitUsers = toSignal(
    this.org.usersOf(this.auth.user()?.registryUnit.id ?? '').pipe(catchError(() => of([] as UnitUser[]))),
    { initialValue: [] as UnitUser[] },
  );
  protected readonly targets = computed(() => {
    const people = new Map<string, { id: string; name: string; title: string }>();
    for (const u of this.unitUsers()) {
      people.set(u.id, { id: u.id, name: u.displayName, title: u.position?.title ?? '' });
    }
    for (const item of this.items() ?? []) {
      if (item.holder && !people.has(item.holder.id)) {
        people.set(item.holder.id, {
          id: item.holder.id,
          name: item.holder.displayName ?? '',
          title: item.holder.positionTitle ?? '',
        });
      }
    }
    return [...people.values()];
  });

  /** register_paper tasks: the clerk's own (from the inbox) and, for supervisors, those in the overdue list. */
  protected readonly paperTasks = signal<InboxItem[]>([]);
  protected readonly paperOverdue = computed(() => (this.items() ?? []).filter((i) => i.type === 'register_paper'));

  constructor() {
    combineLatest([toObservable(this.status), toObservable(this.urgency), this.reloads.pipe(startWith(undefined))])
      .pipe(
        switchMap(([status, urgency]) => (this.canSupervise() ? this.load(status, urgency) : of([]))),
        takeUntilDestroyed(),
      )
      .subscribe((items) => {
        this.items.set(items);
        const present = new Set(items.map((i) => i.taskId));
        this.selected.set(new Set([...this.selected()].filter((id) => present.has(id))));
      });
    this.reloads
      .pipe(
        startWith(undefined),
        switchMap(() =>
          this.isPaperRegistrar()
            ? this.tasks.inbox({ type: 'register_paper', limit: '200' }).pipe(
                map((a) => a.items ?? []),
                catchError(() => of([] as InboxItem[])),
              )
            : of([] as InboxItem[]),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((items) => this.paperTasks.set(items));
  }

  protected refresh(): void {
    this.reloads.next();
  }

  protected setGroupBy(by: GroupBy): void {
    this.groupBy.set(by);
    this.group.set(null);
  }

  protected toggle(taskId: string): void {
    this.selected.update((ids) => {
      const next = new Set(ids);
      if (!next.delete(taskId)) next.add(taskId);
      return next;
    });
  }

  protected toggleAll(): void {
    this.selected.set(this.allSelected() ? new Set() : new Set(this.shown().map((i) => i.taskId)));
  }

  /** Moves every selected task to the chosen official, four at a time, then reloads. */
  protected reassign(): void {
    const toUserId = this.target();
    const tasks = (this.items() ?? []).filter((i) => this.selected().has(i.taskId));
    if (!toUserId || tasks.length === 0 || this.busy()) return;
    this.busy.set(true);
    this.result.set(null);
    const comment = this.comment().trim();
    from(tasks)
      .pipe(
        mergeMap(
          (task) =>
            this.tasks.reassign(task.taskId, comment ? { toUserId, comment } : { toUserId }, newIdempotencyKey()).pipe(
              map(() => null),
              catchError((failure: unknown) => {
                const error = toApiError(failure);
                return of(`${task.subject}: ${error.message || error.code}`);
              }),
            ),
          CONCURRENCY,
        ),
        toArray(),
      )
      .subscribe((results) => {
        this.busy.set(false);
        const failures = results.filter((r): r is string => r !== null);
        this.result.set({ ok: results.length - failures.length, failures });
        this.selected.set(new Set());
        this.comment.set('');
        this.refresh();
      });
  }

  /** Every page of the list (the API pages by 200). */
  private load(status: Status, urgency: string): Observable<OverdueItem[]> {
    const page = (cursor?: string) => {
      const params: Record<string, string> = { status, limit: '200' };
      if (urgency) params['urgency'] = urgency;
      if (cursor) params['cursor'] = cursor;
      return this.tasks.overdue(params);
    };
    this.loading.set(true);
    return page().pipe(
      expand((answer, index) => (answer.nextCursor && index < 20 ? page(answer.nextCursor) : EMPTY)),
      reduce((all, answer) => all.concat(answer.items ?? []), [] as OverdueItem[]),
      last(),
      map((items) => {
        this.error.set(null);
        return items;
      }),
      catchError((failure: unknown) => {
        const error = toApiError(failure);
        if (error.status !== 401) this.error.set(`${this.t('sup.error')}: ${error.message || error.code}`);
        return of(this.items() ?? []);
      }),
      finalize(() => this.loading.set(false)),
    );
  }
}
