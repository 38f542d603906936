import { ApplicationFailure } from '@temporalio/workflow';
import type { ReassignRequest, ReassignResult } from '../shared/reassign';
import type * as c from './contract';
import { closing, newTask, step, type Engine } from './engine';
import { forward } from './forward';
import type { Life } from './life';
import { review, startRound } from './proposal';

/** Applies a validated human step to the document's current task. */
export async function applyAction(life: Life, task: c.LifeTask, r: c.TaskActionRequest): Promise<c.TaskActionResult> {
  switch (`${task.type}:${r.action}`) {
    case 'triage:claim':
      return claim(life, task, r);
    case 'triage:assign':
      return assign(life, task, r);
    case 'act:assign':
      return delegate(life, task, r);
    case 'triage:forward':
      return forward(life, task, r);
    case 'act:propose':
      return startRound(life, task, r);
    case 'triage:close':
    case 'act:close':
      return closeDocument(life, task, r);
    default:
      if (task.type === 'review') return review(life, task, r);
      throw ApplicationFailure.nonRetryable(`No ${r.action} on a ${task.type} task`, 'ACTION_NOT_ALLOWED');
  }
}

/** A clerk takes a task from the unit's queue: it becomes theirs, with the same due time and escalation level. */
async function claim(life: Life, task: c.LifeTask, r: c.TaskActionRequest): Promise<c.TaskActionResult> {
  const next = carryOver(life.engine, task, { id: r.actor.userId, unitId: task.unitId });
  await step(life.engine, {
    stage: life.state.stage,
    actor: r.actor,
    action: 'task.claimed',
    details: {},
    close: closing(task, r),
    open: [next],
    ...(task.escalationLevel > 0 ? { escalation: { taskId: next.taskId, level: task.escalationLevel } } : {}),
  });
  return { stage: life.state.stage, nextTasks: [next] };
}

/** Triage: to an action officer, or to a section (the API resolved its head, or the one acting for them). */
async function assign(life: Life, task: c.LifeTask, r: c.TaskActionRequest): Promise<c.TaskActionResult> {
  const to = r.toUser!;
  const next = newTask(life.engine, 'act', { user: { id: to.id, unitId: to.unitId ?? life.input.unitId } });
  const details = { to: { id: to.id, displayName: to.displayName }, ...(r.toUnit ? { toUnit: r.toUnit } : {}) };
  await step(life.engine, {
    stage: 'assigned',
    actor: r.actor,
    action: 'task.assigned',
    details,
    close: closing(task, r),
    open: [next],
  });
  return { stage: 'assigned', nextTasks: [next] };
}

/** The holder hands the work to a colleague of the same unit; the due time and escalation level go with it. */
async function delegate(life: Life, task: c.LifeTask, r: c.TaskActionRequest): Promise<c.TaskActionResult> {
  const to = r.toUser!;
  const next = carryOver(life.engine, task, { id: to.id, unitId: to.unitId ?? task.unitId });
  await step(life.engine, {
    stage: 'assigned',
    actor: r.actor,
    action: 'task.delegated',
    details: { to: { id: to.id, displayName: to.displayName } },
    close: closing(task, r),
    open: [next],
    ...(task.escalationLevel > 0 ? { escalation: { taskId: next.taskId, level: task.escalationLevel } } : {}),
  });
  return { stage: 'assigned', nextTasks: [next] };
}

/** Close and file: the life ends. */
async function closeDocument(life: Life, task: c.LifeTask, r: c.TaskActionRequest): Promise<c.TaskActionResult> {
  await step(life.engine, {
    stage: 'closed',
    actor: r.actor,
    action: 'document.closed',
    details: {},
    close: closing(task, r),
  });
  return { stage: 'closed', nextTasks: [] };
}

/** A supervisor moves a task to another official: a fresh due time for the new holder, the same part of the life. */
export async function reassign(
  e: Engine,
  task: c.LifeTask,
  r: ReassignRequest,
  stage: () => string | undefined,
): Promise<ReassignResult> {
  const next = newTask(e, task.type, { user: r.toUser }, { round: task.round, level: task.level });
  const from = task.assigneeUserId ?? { queue: task.unitId, role: task.queueRole };
  await step(e, {
    actor: r.actor,
    action: 'task.reassigned',
    details: { from, to: { id: r.toUser.id, displayName: r.toUser.displayName } },
    close: closing(task, { action: 'reassigned', comment: r.comment }),
    open: [next],
  });
  return { stage: stage() ?? '', taskId: next.taskId };
}

function carryOver(e: Engine, task: c.LifeTask, to: { id: string; unitId: string }): c.LifeTask {
  return newTask(e, task.type, { user: to }, { dueAt: task.dueAt, escalationLevel: task.escalationLevel });
}
