import { ApplicationFailure, proxyActivities, upsertSearchAttributes, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { STAGE } from '../shared/search-attributes';
import type { Actor, TaskType } from '../shared/tasks';
import { defaultTaskTiming, taskDueAt, type TaskTiming } from '../shared/timing';
import type { LifeTask } from './contract';

/** One step as recordTransition takes it (read off `Activities`: workflow code imports the activities' one type). */
type TransitionInput = Parameters<Activities['recordTransition']>[0];

export const acts = proxyActivities<Activities>({
  // One database transaction of milliseconds: when a worker dies mid-activity, Temporal retries it elsewhere after
  // this long, so it is short (a retry applies the step once: step ids, keyed allocations).
  startToCloseTimeout: '20 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: ['INVALID_INPUT', 'NOT_ON_CHAIN'],
  },
});

/** The actor of steps nobody took by hand (timers, signals): audited with no user. */
export const SYSTEM: Actor = { userId: '', displayName: 'ระบบ', roles: [], unitId: '' };

/** What the engine needs of a life: the document, its tasks and counters, the policy day and the timing. */
export interface Engine {
  documentId: string;
  workflowId: string;
  subject: string;
  urgency: string;
  fromText?: string;
  timing?: TaskTiming;
  tasks: Record<string, LifeTask>;
  /** Steps recorded so far (wakes the main loop, counts toward continue-as-new). */
  counter: { steps: number };
  /** The policy day ('YYYY-MM-DD') of a step taken now. */
  day(): string;
  /** The document's stage changed (for search attributes and the life's own state). */
  onStage?(stage: string): void;
  /** The API request whose step runs now (set by `guarded` from the update's `requestId`). */
  requestId?: string;
}

/** One step: what `recordTransition` writes, with tasks as the life keeps them. */
export type Step = Omit<TransitionInput, 'stepId' | 'documentId' | 'workflowId' | 'open'> & { open?: LifeTask[] };

/** A minute (เกษียน) a step writes. */
export type MinuteInput = NonNullable<Step['minute']>;

/** The task's close record, with the comment when one was written. */
export function closing(task: LifeTask, r: { action: string; comment?: string }, outcome = r.action) {
  return { taskId: task.taskId, outcome, ...(r.comment ? { comment: r.comment } : {}) };
}

/** A task for a person, or for a unit's queue of a role; due by the timing unless a due time is carried over. */
export function newTask(
  e: Engine,
  type: TaskType,
  holder: { user: { id: string; unitId?: string } } | { queue: { unitId: string; role: string } },
  carry: Partial<Pick<LifeTask, 'dueAt' | 'escalationLevel' | 'round' | 'level'>> = {},
): LifeTask {
  return {
    taskId: uuid4(),
    type,
    status: 'open',
    ...('user' in holder
      ? { unitId: holder.user.unitId ?? '', assigneeUserId: holder.user.id }
      : { unitId: holder.queue.unitId, queueRole: holder.queue.role }),
    dueAt: carry.dueAt ?? taskDueAt(timingOf(e), e.urgency, new Date()).toISOString(),
    escalationLevel: carry.escalationLevel ?? 0,
    ...(carry.round !== undefined ? { round: carry.round, level: carry.level } : {}),
  };
}

/** Records a step through the one activity that writes tasks, stage, extras and audit atomically, then mirrors it. */
export async function step(e: Engine, s: Step): Promise<void> {
  await acts.recordTransition(transitionOf(e, s));
  mirrorStep(e, s);
}

/** The step as the write activity takes it (its step id drawn now, so a retry applies it once). */
export function transitionOf(e: Engine, s: Step): TransitionInput {
  const open = s.open ?? [];
  return {
    ...s,
    ...(e.requestId ? { details: { ...s.details, requestId: e.requestId } } : {}),
    stepId: uuid4(),
    documentId: e.documentId,
    workflowId: e.workflowId,
    open: open.map(({ escalationLevel: _l, round: _r, level: _v, ...t }) => ({
      ...t,
      subject: e.subject,
      urgency: e.urgency,
      ...(e.fromText ? { fromText: e.fromText } : {}),
    })),
  };
}

/** The life's own state after a step was written: its tasks, counters, stage and search attributes. */
export function mirrorStep(e: Engine, s: Step): void {
  if (s.close) e.tasks[s.close.taskId].status = 'done';
  for (const t of s.open ?? []) e.tasks[t.taskId] = t;
  if (s.escalation && e.tasks[s.escalation.taskId]) e.tasks[s.escalation.taskId].escalationLevel = s.escalation.level;
  e.counter.steps++;
  if (s.stage !== undefined) {
    e.onStage?.(s.stage);
    upsertSearchAttributes([{ key: STAGE, value: s.stage }]);
  }
}

/**
 * Runs a human step on a task: the task is marked `closing` at once (a second action is refused from then on), the
 * work runs under the life's mutex, and a step that fails leaves the task open again. The steps it records carry
 * `requestId` (the API's `X-Request-Id`) into their audit rows; under the mutex no other step sees it.
 */
export function guarded<T>(
  e: Engine,
  taskId: string,
  exclusive: <R>(work: () => Promise<R>) => Promise<R>,
  work: (task: LifeTask) => Promise<T>,
  requestId?: string,
): Promise<T> {
  const task = e.tasks[taskId];
  task.status = 'closing';
  return exclusive(async () => {
    // An escalation that ran first may have moved the task on.
    if (task.status === 'done') throw ApplicationFailure.nonRetryable('This task has moved on', 'TASK_NOT_OPEN');
    e.requestId = requestId;
    try {
      return await work(task);
    } catch (error) {
      if (task.status === 'closing') task.status = 'open';
      throw error;
    } finally {
      e.requestId = undefined;
    }
  });
}

/** The timing of a life, or the real-scale defaults. */
export function timingOf(e: Engine): TaskTiming {
  return e.timing ?? defaultTaskTiming();
}
