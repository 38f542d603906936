import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { catchError, map, type Observable, of, startWith, switchMap } from 'rxjs';

import { DocumentsApi } from '../core/api/documents-api';
import { TasksApi } from '../core/api/tasks-api';
import { toApiError } from '../core/api-error';
import type { OpenTask, TaskAction, TaskActionRequest, TaskActionResponse, UnitUser } from '../core/api-types';
import { Auth } from '../core/auth';
import { injectMessages, mergeMessages } from '../core/i18n';
import { newIdempotencyKey } from '../core/idempotency';
import { Org } from '../core/org';
import { WORK_MESSAGES } from '../shared/work-messages';
import { DOCUMENT_MESSAGES } from './document.messages';
import { TaskOutcomes } from './task-outcomes';

/** Actions that need only the comment (and a button), in the order the buttons show. */
const SIMPLE_ACTIONS: TaskAction[] = [
  'claim',
  'approve',
  'sign',
  'annotate',
  'return',
  'acknowledge',
  'register_paper',
  'send',
];
/** Actions the API refuses without a comment: a minute's text, the reason for returning. */
const NEEDS_COMMENT: TaskAction[] = ['annotate', 'return'];
/** Actions shown as the main (filled) button. */
const PRIMARY: TaskAction[] = ['approve', 'sign', 'acknowledge', 'register_paper', 'send', 'claim'];

export type { ActionOutcome } from './task-outcomes';

/**
 * The actions the caller may take now on one open task, each with its form: assign (a person or a section of the
 * unit), forward (another unit), propose (up the chain, or to a chosen superior), and the rest with the comment.
 */
@Component({
  selector: 'app-task-actions',
  imports: [MatButton],
  templateUrl: './task-actions.html',
  styleUrl: './task-actions.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskActions {
  private readonly tasks = inject(TasksApi);
  private readonly documents = inject(DocumentsApi);
  private readonly auth = inject(Auth);
  private readonly org = inject(Org);
  protected readonly t = injectMessages(mergeMessages(WORK_MESSAGES, DOCUMENT_MESSAGES));

  readonly task = input.required<OpenTask>();
  /** The document the task belongs to: a draft's proposal goes to `POST /api/documents/:id/submit`. */
  readonly documentId = input<string>('');
  /** Told after each attempt, successful or not (the page's; it outlives this component). */
  private readonly outcomes = inject(TaskOutcomes);

  protected readonly comment = signal('');
  protected readonly assignee = signal('');
  protected readonly forwardUnit = signal('');
  protected readonly proposeTo = signal('');
  protected readonly busy = signal(false);
  protected readonly hint = signal<string | null>(null);

  private readonly actions = computed(() => this.task().availableActions);
  protected readonly can = (action: TaskAction) => this.actions().includes(action);
  protected readonly simpleActions = computed(() => SIMPLE_ACTIONS.filter((a) => this.actions().includes(a)));
  protected readonly commentRequired = computed(() => NEEDS_COMMENT.some((a) => this.actions().includes(a)));
  protected readonly isPrimary = (action: TaskAction) => PRIMARY.includes(action);

  private readonly unitId = computed(() => this.task().unitId || this.auth.user()?.registryUnit.id || '');
  private readonly needsUsers = computed(() => this.can('assign') || this.can('propose'));
  /** The users of the task's unit: assignees, and the superiors a proposal can be sent to. */
  protected readonly users = toSignal(
    toObservable(computed(() => (this.needsUsers() ? this.unitId() : null))).pipe(
      switchMap((unitId) =>
        unitId
          ? this.org.usersOf(unitId).pipe(
              map((items): { items: UnitUser[]; failed: boolean } => ({ items, failed: false })),
              catchError(() => of({ items: [] as UnitUser[], failed: true })),
              startWith(null),
            )
          : of({ items: [] as UnitUser[], failed: false }),
      ),
    ),
    { initialValue: null },
  );
  private readonly units = toSignal(this.org.load().pipe(catchError(() => of([]))), { initialValue: [] });
  protected readonly sections = computed(() => (this.units().length ? this.org.sectionsOf(this.unitId()) : []));
  protected readonly forwardUnits = computed(() =>
    this.org.activeRegistryUnits().filter((u) => u.id !== this.unitId() && u.kind !== 'city'),
  );
  /** Posts above the caller in their unit (distinct), most senior last: the API checks the chain itself. */
  protected readonly superiors = computed(() => {
    const me = this.auth.user();
    const level = me?.position.level ?? 99;
    const byPosition = new Map<string, UnitUser>();
    for (const user of this.users()?.items ?? []) {
      const position = user.position;
      if (position && (position.level ?? 99) < level && !byPosition.has(position.id)) byPosition.set(position.id, user);
    }
    return [...byPosition.values()].sort((a, b) => (b.position?.level ?? 0) - (a.position?.level ?? 0));
  });

  private lastAttempt: { fingerprint: string; key: string } | null = null;

  protected assign(): void {
    const value = this.assignee();
    if (!value) {
      this.hint.set(this.t('action.pickUserFirst'));
      return;
    }
    if (value.startsWith('unit:')) this.perform({ action: 'assign', toUnitId: value.slice(5) });
    else this.perform({ action: 'assign', toUserId: value });
  }

  protected forward(): void {
    if (!this.forwardUnit()) {
      this.hint.set(this.t('action.pickUnitFirst'));
      return;
    }
    this.perform({ action: 'forward', toUnitId: this.forwardUnit() });
  }

  protected propose(): void {
    this.perform(this.proposeTo() ? { action: 'propose', toPositionId: this.proposeTo() } : { action: 'propose' });
  }

  protected perform(request: TaskActionRequest): void {
    if (this.busy()) return;
    this.hint.set(null);
    const comment = this.comment().trim();
    if (NEEDS_COMMENT.includes(request.action) && !comment) {
      this.hint.set(this.t('action.needComment'));
      return;
    }
    const body: TaskActionRequest = comment ? { ...request, comment } : request;
    const key = this.keyFor(body);
    this.busy.set(true);
    const submitsDraft = this.task().type === 'draft' && body.action === 'propose' && this.documentId();
    const call: Observable<TaskActionResponse> = submitsDraft
      ? this.documents.submit(this.documentId(), body.toPositionId ? { toPositionId: body.toPositionId } : {}, key)
      : this.tasks.act(this.task().taskId, body, key);
    call.subscribe({
      next: (answer) => {
        this.busy.set(false);
        this.lastAttempt = null;
        this.comment.set('');
        this.outcomes.report({ ok: true, action: body.action, answer });
      },
      error: (failure: unknown) => {
        this.busy.set(false);
        this.outcomes.report({ ok: false, action: body.action, error: toApiError(failure) });
      },
    });
  }

  /** The same key for a retry of the same action and body (the API then answers the first result), else a new one. */
  private keyFor(body: TaskActionRequest): string {
    const fingerprint = JSON.stringify([this.task().taskId, body]);
    if (this.lastAttempt?.fingerprint !== fingerprint) this.lastAttempt = { fingerprint, key: newIdempotencyKey() };
    return this.lastAttempt.key;
  }
}
