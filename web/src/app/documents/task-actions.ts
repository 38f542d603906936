import { HttpClient, HttpHeaders } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { catchError, map, of, startWith, switchMap } from 'rxjs';

import { type ApiError, toApiError } from '../core/api-error';
import type { OpenTask, TaskActionRequest, TaskActionResponse, UnitUser, UnitUsersResponse } from '../core/api-types';
import { Auth } from '../core/auth';
import { I18n } from '../core/i18n';
import { newIdempotencyKey } from '../core/idempotency';

/** Actions this slice offers as a plain button with the optional comment (forward needs a target: not yet). */
const SIMPLE_ACTIONS = ['claim', 'propose', 'approve', 'return', 'sign', 'annotate', 'acknowledge', 'register_paper'];

/** What happened to an action, for the document page to show and to reload on. */
export type ActionOutcome =
  { ok: true; action: string; answer: TaskActionResponse } | { ok: false; action: string; error: ApiError };

/** The actions the caller may take now on one open task: assign (to a user of the unit), close, and the simple ones. */
@Component({
  selector: 'app-task-actions',
  imports: [MatButton],
  templateUrl: './task-actions.html',
  styleUrl: './task-actions.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskActions {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(Auth);
  protected readonly i18n = inject(I18n);

  readonly task = input.required<OpenTask>();
  /** Emitted after each attempt, successful or not. */
  readonly outcome = output<ActionOutcome>();

  protected readonly comment = signal('');
  protected readonly assignee = signal('');
  protected readonly busy = signal(false);
  protected readonly hint = signal<string | null>(null);

  protected readonly canAssign = computed(() => this.task().availableActions.includes('assign'));
  protected readonly canClose = computed(() => this.task().availableActions.includes('close'));
  protected readonly simpleActions = computed(() =>
    SIMPLE_ACTIONS.filter((action) => this.task().availableActions.includes(action)),
  );

  /** The users of the task's unit (the registry unit when the task names none), loaded only when assign is offered. */
  protected readonly users = toSignal(
    toObservable(
      computed(() => (this.canAssign() ? this.task().unitId || this.auth.user()?.registryUnit.id : null)),
    ).pipe(
      switchMap((unitId) =>
        unitId
          ? this.http.get<UnitUsersResponse>(`/api/units/${encodeURIComponent(unitId)}/users`).pipe(
              map((answer): { items: UnitUser[]; failed: boolean } => ({ items: answer.items ?? [], failed: false })),
              catchError(() => of({ items: [] as UnitUser[], failed: true })),
              startWith(null),
            )
          : of({ items: [] as UnitUser[], failed: false }),
      ),
    ),
    { initialValue: null },
  );

  private lastAttempt: { fingerprint: string; key: string } | null = null;

  protected assign(): void {
    if (!this.assignee()) {
      this.hint.set(this.i18n.t('action.pickUserFirst'));
      return;
    }
    this.perform({ action: 'assign', toUserId: this.assignee() });
  }

  protected perform(request: TaskActionRequest): void {
    if (this.busy()) return;
    this.hint.set(null);
    const comment = this.comment().trim();
    const body: TaskActionRequest = comment ? { ...request, comment } : request;
    const headers = new HttpHeaders({ 'Idempotency-Key': this.keyFor(body) });
    this.busy.set(true);
    const url = `/api/tasks/${encodeURIComponent(this.task().taskId)}/actions`;
    this.http.post<TaskActionResponse>(url, body, { headers }).subscribe({
      next: (answer) => {
        this.busy.set(false);
        this.lastAttempt = null;
        this.comment.set('');
        this.outcome.emit({ ok: true, action: body.action, answer });
      },
      error: (failure: unknown) => {
        this.busy.set(false);
        this.outcome.emit({ ok: false, action: body.action, error: toApiError(failure) });
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
