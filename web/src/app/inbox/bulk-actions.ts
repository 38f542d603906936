import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { catchError, concatMap, from, map, of, toArray } from 'rxjs';

import { TasksApi } from '../core/api/tasks-api';
import { toApiError } from '../core/api-error';
import { BULK_MAX_TASKS, type InboxItem, type TaskActionRequest } from '../core/api-types';
import { Auth } from '../core/auth';
import { injectMessages, mergeMessages } from '../core/i18n';
import { newIdempotencyKey } from '../core/idempotency';
import { Org } from '../core/org';
import { ThaiPipe } from '../core/thai-pipe';
import { WORK_MESSAGES } from '../shared/work-messages';
import { INBOX_MESSAGES } from './inbox.messages';

/** What a bulk action did: a one-line summary and the tasks that failed, with why. */
export interface BulkOutcome {
  summary: string;
  failures: string[];
}

/** Task types a clerk may assign from the queue, and the type circulars ask units to acknowledge. */
const ASSIGNABLE = ['triage'];
const ACKNOWLEDGEABLE = ['acknowledge'];

/** The clerk's bulk bar: assign the selected queue tasks to a person or section, or acknowledge circulars. */
@Component({
  selector: 'app-bulk-actions',
  imports: [MatButton, ThaiPipe],
  template: `
    <section class="bulk" [attr.aria-label]="t('inbox.bulk')" data-testid="bulk-actions">
      <strong>{{ items().length | thai: 'digits' }} {{ t('inbox.selected') }}</strong>
      <label class="field">
        <span>{{ t('inbox.bulk.assignTo') }}</span>
        <select data-testid="bulk-assign-target" [value]="target()" (change)="target.set($any($event.target).value)">
          <option value="">{{ t('inbox.bulk.pick') }}</option>
          <optgroup [label]="t('inbox.bulk.sections')">
            @for (section of sections(); track section.id) {
              <option [value]="'unit:' + section.id">{{ section.name }}</option>
            }
          </optgroup>
          <optgroup [label]="t('inbox.bulk.people')">
            @for (user of users(); track user.id) {
              <option [value]="'user:' + user.id">{{ user.displayName }} — {{ user.position.title }}</option>
            }
          </optgroup>
        </select>
      </label>
      <button
        matButton="filled"
        type="button"
        data-testid="bulk-assign"
        [disabled]="busy() || !target() || assignable().length === 0"
        (click)="assign()"
      >
        {{ t('inbox.bulk.assign') }} ({{ assignable().length | thai: 'digits' }})
      </button>
      <button
        matButton="outlined"
        type="button"
        data-testid="bulk-acknowledge"
        [disabled]="busy() || acknowledgeable().length === 0"
        (click)="acknowledge()"
      >
        {{ t('inbox.bulk.acknowledge') }} ({{ acknowledgeable().length | thai: 'digits' }})
      </button>
      <button matButton type="button" (click)="cleared.emit()">{{ t('inbox.bulk.clear') }}</button>
      @if (busy()) {
        <span role="status">{{ t('inbox.bulk.working') }}</span>
      }
    </section>
  `,
  styles: `
    .bulk {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.5rem 0.75rem;
      padding: 0.6rem 0.9rem;
      background: #e8effb;
      border: 1px solid #b9c9e6;
      border-radius: 8px;
      margin-bottom: 0.5rem;
    }
    .field {
      display: grid;
      gap: 0.15rem;
      font-size: 0.9rem;
    }
    /* A fixed width: the list of people arrives after the bar opens and must not move the buttons. */
    select {
      font: inherit;
      padding: 0.3rem 0.4rem;
      width: 22rem;
      max-width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkActions {
  private readonly tasks = inject(TasksApi);
  private readonly org = inject(Org);
  private readonly auth = inject(Auth);
  protected readonly t = injectMessages(mergeMessages(WORK_MESSAGES, INBOX_MESSAGES));

  /** The selected tasks. */
  readonly items = input.required<InboxItem[]>();
  /** Emitted with a summary after an action ran on every applicable task. */
  readonly done = output<BulkOutcome>();
  readonly cleared = output<void>();

  protected readonly target = signal('');
  protected readonly busy = signal(false);
  protected readonly assignable = computed(() => this.items().filter((i) => ASSIGNABLE.includes(i.type)));
  protected readonly acknowledgeable = computed(() => this.items().filter((i) => ACKNOWLEDGEABLE.includes(i.type)));

  private readonly unitId = computed(() => this.auth.user()?.registryUnit.id ?? '');
  protected readonly users = toSignal(this.org.usersOf(this.unitId()).pipe(catchError(() => of([]))), {
    initialValue: [],
  });
  private readonly units = toSignal(this.org.load().pipe(catchError(() => of([]))), { initialValue: [] });
  /** The sections of the clerk's registry unit (a clerk may sit in one of them: the queue is the unit's). */
  protected readonly sections = computed(() => (this.units().length ? this.org.sectionsOf(this.unitId()) : []));

  protected assign(): void {
    const [kind, id] = this.target().split(':');
    if (!id) return;
    const body: TaskActionRequest =
      kind === 'unit' ? { action: 'assign', toUnitId: id } : { action: 'assign', toUserId: id };
    this.run(this.assignable(), body);
  }

  protected acknowledge(): void {
    this.run(this.acknowledgeable(), { action: 'acknowledge' });
  }

  /**
   * One POST /api/tasks/bulk per BULK_MAX_TASKS tasks (one, for any selection a page shows): the server runs each
   * task's step as its own Update and answers one result per task. Each request has its own Idempotency-Key, so a
   * retry repeats no step.
   */
  private run(tasks: InboxItem[], body: TaskActionRequest): void {
    if (this.busy() || tasks.length === 0) return;
    this.busy.set(true);
    const byId = new Map(tasks.map((t) => [t.taskId, t]));
    const chunks: InboxItem[][] = [];
    for (let i = 0; i < tasks.length; i += BULK_MAX_TASKS) chunks.push(tasks.slice(i, i + BULK_MAX_TASKS));
    from(chunks)
      .pipe(
        concatMap((chunk) =>
          this.tasks.bulk({ ...body, taskIds: chunk.map((t) => t.taskId) }, newIdempotencyKey()).pipe(
            map(({ results }) =>
              results.map((r) =>
                'code' in r ? `${byId.get(r.taskId)?.subject ?? r.taskId}: ${r.message || r.code}` : null,
              ),
            ),
            // The whole request refused (429, a network failure): every task of it failed, with that reason.
            catchError((failure: unknown) => {
              const error = toApiError(failure);
              return of(chunk.map((t) => `${t.subject}: ${error.message || error.code}`));
            }),
          ),
        ),
        toArray(),
      )
      .subscribe((perChunk) => {
        this.busy.set(false);
        const results = perChunk.flat();
        const failed = results.filter((r): r is string => r !== null);
        const ok = results.length - failed.length;
        const action = this.t.or(`action.${body.action}`, body.action);
        const summary = `${action}: ${this.t('inbox.bulk.done')} ${ok}${failed.length ? `, ${this.t('inbox.bulk.failed')} ${failed.length}` : ''}`;
        this.target.set('');
        this.done.emit({ summary, failures: failed });
      });
  }
}
