import { ApplicationFailure, condition, proxyActivities, upsertSearchAttributes, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { TransitionInput } from '../../activities/documents';
import { STAGE } from '../shared/search-attributes';
import type { Actor, TaskType } from '../shared/tasks';
import { defaultTaskTiming, ladderInstants, taskDueAt, type TaskTiming } from '../shared/timing';
import type { LifeTask, PersonRef } from './contract';

export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
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
  const open = s.open ?? [];
  await acts.recordTransition({
    ...s,
    stepId: uuid4(),
    documentId: e.documentId,
    workflowId: e.workflowId,
    open: open.map(({ escalationLevel: _l, round: _r, level: _v, ...t }) => ({
      ...t,
      subject: e.subject,
      urgency: e.urgency,
      ...(e.fromText ? { fromText: e.fromText } : {}),
    })),
  });
  if (s.close) e.tasks[s.close.taskId].status = 'done';
  for (const t of open) e.tasks[t.taskId] = t;
  if (s.escalation && e.tasks[s.escalation.taskId]) e.tasks[s.escalation.taskId].escalationLevel = s.escalation.level;
  e.counter.steps++;
  if (s.stage !== undefined) {
    e.onStage?.(s.stage);
    upsertSearchAttributes([{ key: STAGE, value: s.stage }]);
  }
}

/**
 * Runs a human step on a task: the task is marked `closing` at once (a second action is refused from then on), the
 * work runs under the life's mutex, and a step that fails leaves the task open again.
 */
export function guarded<T>(
  e: Engine,
  taskId: string,
  exclusive: <R>(work: () => Promise<R>) => Promise<R>,
  work: (task: LifeTask) => Promise<T>,
): Promise<T> {
  const task = e.tasks[taskId];
  task.status = 'closing';
  return exclusive(async () => {
    // An escalation that ran first may have moved the task on.
    if (task.status === 'done') throw ApplicationFailure.nonRetryable('This task has moved on', 'TASK_NOT_OPEN');
    try {
      return await work(task);
    } catch (error) {
      if (task.status === 'closing') task.status = 'open';
      throw error;
    }
  });
}

/** The instant the next rung of an open task's ladder is reached, or undefined when no task waits for one. */
export function nextWakeAt(e: Engine): number | undefined {
  let next: number | undefined;
  for (const t of Object.values(e.tasks)) {
    if (t.status !== 'open' || !t.dueAt || t.escalationLevel >= 3) continue;
    const at = ladderInstants(timingOf(e), new Date(t.dueAt))[t.escalationLevel].getTime();
    if (next === undefined || at < next) next = at;
  }
  return next;
}

/** Waits until a step happens, `done()` holds, or the next rung is reached (then climbs it under the mutex). */
export async function waitOrEscalate(
  e: Engine,
  exclusive: <R>(work: () => Promise<R>) => Promise<R>,
  done: () => boolean,
): Promise<void> {
  const seen = e.counter.steps;
  const woken = () => done() || e.counter.steps !== seen;
  const wake = nextWakeAt(e);
  if (wake === undefined) return condition(woken);
  if (!(await condition(woken, Math.max(1, wake - Date.now())))) await exclusive(() => escalateDue(e));
}

/** Climbs one rung for every open task whose time has come: remind (1), flag overdue (2), move up (3). */
async function escalateDue(e: Engine): Promise<void> {
  const now = Date.now();
  for (const t of Object.values(e.tasks)) {
    if (t.status !== 'open' || !t.dueAt || t.escalationLevel >= 3) continue;
    if (ladderInstants(timingOf(e), new Date(t.dueAt))[t.escalationLevel].getTime() > now) continue;
    const holder = t.assigneeUserId ? { userId: t.assigneeUserId } : { queue: t.unitId, role: t.queueRole };
    const details = { taskId: t.taskId, type: t.type, holder, dueAt: t.dueAt };
    if (t.escalationLevel === 0) {
      await step(e, { actor: SYSTEM, action: 'task.reminded', details, escalation: { taskId: t.taskId, level: 1 } });
      continue;
    }
    const above = await acts.superiorOf({
      ...(t.assigneeUserId ? { assigneeUserId: t.assigneeUserId } : { queueRole: t.queueRole }),
      unitId: t.unitId,
      date: e.day(),
    });
    if (t.escalationLevel === 1) {
      const flag = { ...details, supervisor: above.supervisor ?? null };
      await step(e, {
        actor: SYSTEM,
        action: 'task.flagged_overdue',
        details: flag,
        escalation: { taskId: t.taskId, level: 2 },
      });
      continue;
    }
    await moveUp(e, t, above);
  }
}

/** Level 3: the task moves to the official acting in the holder's post, else to the holder's superior. */
async function moveUp(e: Engine, t: LifeTask, above: { acting?: PersonRef; supervisor?: PersonRef }): Promise<void> {
  const to = above.acting ?? above.supervisor;
  const details = { taskId: t.taskId, type: t.type, from: t.assigneeUserId ?? { queue: t.unitId, role: t.queueRole } };
  if (!to || to.id === t.assigneeUserId) {
    await step(e, {
      actor: SYSTEM,
      action: 'task.escalation_exhausted',
      details,
      escalation: { taskId: t.taskId, level: 3 },
    });
    return;
  }
  const next = newTask(e, t.type, { user: to }, { round: t.round, level: t.level });
  await step(e, {
    actor: SYSTEM,
    action: 'task.escalated',
    details: { ...details, to, reason: above.acting ? 'acting' : 'superior' },
    close: { taskId: t.taskId, outcome: 'escalated' },
    open: [next],
    escalation: { taskId: t.taskId, level: 3 },
  });
}

function timingOf(e: Engine): TaskTiming {
  return e.timing ?? defaultTaskTiming();
}
