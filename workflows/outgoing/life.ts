import { proxyActivities, upsertSearchAttributes, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { bangkokDateOf, type RolloutDecision } from '../../domain';
import { STAGE } from '../shared/search-attributes';
import type { Actor } from '../shared/tasks';
import { defaultTaskTiming, taskDueAt, type TaskTiming } from '../shared/timing';
import type { DispatchRecorded } from './activity-types';
import type * as c from './contract';
import type { PolicySubject } from './policy';

/** The activities of the outgoing life. */
export const acts = proxyActivities<Activities>({
  // One database transaction of milliseconds: when a worker dies mid-activity, Temporal retries it elsewhere after
  // this long, so it is short (a retry applies the step once: step ids, keyed allocations).
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: ['INVALID_INPUT'] },
});

/** The letters' activities (render, sign): a few attempts, then the life goes on without the PDF. */
export const letterActs = proxyActivities<Activities>({
  startToCloseTimeout: '3 minutes',
  retry: { initialInterval: '2 seconds', maximumAttempts: 3 },
});

/** The central e-mail (the mail activity retries SMTP itself; Temporal tries a few more times, minutes apart). */
export const mailActs = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumAttempts: 5 },
});

/** Everything a step of the life works on: its input, its state, the draft as it stands, a count of steps. */
export interface Life {
  input: c.OutgoingInput;
  workflowId: string;
  state: c.OutgoingState;
  subject: PolicySubject;
  /** Goes up with every step, so a wait for the next escalation is recomputed after any change. */
  steps: number;
  /** Set by the clerk's send: what the main loop delivers. */
  dispatch?: DispatchRecorded;
  dispatchedBy?: Actor;
  /** The final letter once produced: signed with the signer's key, or rendered unsigned, or none (with why). */
  letter?: { sha256?: string; signed: boolean; reason?: string };
  /** The API request whose update is running now (`traced`): its steps' audit rows name it. */
  requestId?: string;
}

/**
 * Runs an update's work with its request id on the life, so every step it records carries it. Updates run one at a
 * time under the life's mutex, and `work` must run inside it, so no other step sees this id.
 */
export async function traced<T>(life: Life, requestId: string | undefined, work: () => Promise<T>): Promise<T> {
  life.requestId = requestId;
  try {
    return await work();
  } finally {
    life.requestId = undefined;
  }
}

/** The request id field of an activity input, when a request is being served. */
export function requestOf(life: Life): { requestId?: string } {
  return life.requestId ? { requestId: life.requestId } : {};
}

/** A task to close in a step. */
export type Close = { taskId: string; outcome: string; comment?: string; status?: 'done' | 'cancelled' };

/** What a step records besides its tasks. */
export interface Step {
  stage?: c.OutgoingStage;
  action: string;
  actor: Actor;
  details?: Record<string, unknown>;
  /** The rollout decision when the step went on paper. */
  paper?: RolloutDecision;
  /** The rung an escalation reached on a task. */
  escalation?: { taskId: string; level: number };
}

/** Who does the life's own steps (escalations, deliveries). */
export function systemActor(unitId: string): Actor {
  return { userId: 'system', displayName: 'ระบบสารบรรณอิเล็กทรอนิกส์', roles: [], unitId };
}

/** The Bangkok day of workflow time, for the rollout policy and dated appointments. */
export function today(): string {
  return bangkokDateOf(new Date());
}

/** The timing of tasks: configuration from the input, else the real-scale defaults. */
export function timingOf(life: Life): TaskTiming {
  return life.input.timing ?? defaultTaskTiming();
}

/** A new open task, due by its urgency (or the configured seconds), never later than the draft's "ด่วนภายใน". */
export function newTask(
  life: Life,
  type: c.OutgoingTaskType,
  holder: { userId: string } | { queueRole: string },
  carry: { dueAt?: string; escalationLevel?: number } = {},
): c.OutgoingTask {
  const draft = life.subject.draft;
  let due = carry.dueAt ?? taskDueAt(timingOf(life), draft.urgency, new Date()).toISOString();
  if (!carry.dueAt && draft.within && Date.parse(draft.within) < Date.parse(due)) {
    due = new Date(draft.within).toISOString();
  }
  return {
    taskId: uuid4(),
    type,
    status: 'open',
    unitId: life.input.unitId,
    ...('userId' in holder ? { assigneeUserId: holder.userId } : { queueRole: holder.queueRole }),
    dueAt: due,
    escalationLevel: carry.escalationLevel ?? 0,
  };
}

/** A task as the read model stores it: with the subject, urgency and author the inbox shows. */
export function stepTask(life: Life, t: c.OutgoingTask) {
  const { escalationLevel: _level, ...task } = t;
  const d = life.subject.draft;
  return { ...task, subject: d.subject, urgency: d.urgency, fromText: life.input.author.displayName };
}

/** Records a step (one activity, one transaction) and applies it to the state. */
export async function step(life: Life, s: Step, close: Close[] = [], open: c.OutgoingTask[] = []): Promise<void> {
  const { paper, ...rest } = s;
  await acts.recordOutgoingStep({
    stepId: uuid4(),
    workflowId: life.workflowId,
    documentId: life.input.documentId,
    ...rest,
    close,
    open: open.map((t) => stepTask(life, t)),
    ...(paper?.reason ? { paper: { code: paper.reason.code, reason: paper.reason.th } } : {}),
    ...requestOf(life),
  });
  applyStep(life, close, open, s.stage);
  if (s.escalation && life.state.tasks[s.escalation.taskId]) {
    life.state.tasks[s.escalation.taskId].escalationLevel = s.escalation.level;
  }
}

/** Applies to the state what a step wrote: tasks closed and opened, the stage. */
export function applyStep(life: Life, close: Close[], open: c.OutgoingTask[], stage?: c.OutgoingStage): void {
  for (const x of close) if (life.state.tasks[x.taskId]) life.state.tasks[x.taskId].status = 'done';
  for (const t of open) life.state.tasks[t.taskId] = t;
  if (stage) setStage(life, stage);
  life.steps++;
}

/** Sets the stage, in the state and in the search attribute the Temporal UI filters on. */
export function setStage(life: Life, stage: c.OutgoingStage): void {
  life.state.stage = stage;
  upsertSearchAttributes([{ key: STAGE, value: stage }]);
}
