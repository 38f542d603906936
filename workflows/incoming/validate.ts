import { ApplicationFailure } from '@temporalio/workflow';
import type { ReassignRequest } from '../shared/reassign';
import { canWork, type TaskErrorCode } from '../shared/tasks';
import * as c from './contract';

function refuse(code: TaskErrorCode, message: string): never {
  throw ApplicationFailure.nonRetryable(message, code);
}

/**
 * Synchronous: a throw here rejects the update before anything enters history. Stale or duplicate (409), not the
 * holder (403), an action this task does not offer or that cannot apply here (422), missing input (400).
 */
export function validateAction(state: Pick<c.IncomingState, 'tasks' | 'round'>, r: c.TaskActionRequest): void {
  const task = state.tasks[r.taskId];
  if (!task || task.status !== 'open') refuse('TASK_NOT_OPEN', 'This task is no longer open (งานนี้ดำเนินการไปแล้ว)');
  if (!canWork(task, r.actor)) refuse('NOT_TASK_HOLDER', 'This task is not yours (งานนี้ไม่ใช่ของท่าน)');
  if (!(c.INCOMING_ACTIONS[task.type] ?? []).includes(r.action)) {
    refuse('ACTION_NOT_ALLOWED', `Action ${r.action} is not available on a ${task.type} task`);
  }
  if (r.action === 'claim' && !task.queueRole) refuse('ACTION_NOT_ALLOWED', 'Only a queue task can be claimed');
  if (r.action === 'assign') {
    if (!r.toUser) refuse('INVALID_ACTION_INPUT', 'assign needs toUserId (or toUnitId for a section)');
    if (r.toUser.id === task.assigneeUserId || r.toUser.id === r.actor.userId) {
      refuse('ACTION_NOT_ALLOWED', 'The task is already with this person');
    }
  }
  if (r.action === 'forward' && !r.toUnit) refuse('INVALID_ACTION_INPUT', 'forward needs toUnitId');
  if (c.COMMENT_REQUIRED.includes(r.action) && !r.comment?.trim()) {
    refuse('INVALID_ACTION_INPUT', `${r.action} needs a comment (ข้อความเกษียน)`);
  }
  if (r.action === 'propose' && task.type === 'act' && !r.actor.positionId) {
    refuse('INVALID_ACTION_INPUT', 'propose needs the proposer’s position');
  }
  if (task.type === 'review') validateReview(state, task, r);
}

function validateReview(state: Pick<c.IncomingState, 'round'>, task: c.LifeTask, r: c.TaskActionRequest): void {
  const round = state.round;
  if (!round || round.number !== task.round) refuse('TASK_NOT_OPEN', 'This proposal is no longer in progress');
  const sendsOn = r.action === 'annotate' || (r.action === 'propose' && !r.toPositionId);
  const above = round.steps.slice((task.level ?? 0) + 1).some((s) => s.user);
  if (sendsOn && !above) {
    refuse('ACTION_NOT_ALLOWED', 'No level above this one on the proposal: approve, return, or name toPositionId');
  }
}

/** A supervisor's move: the task must still be open and go to someone else. */
export function validateReassign(state: Pick<c.IncomingState, 'tasks'>, r: ReassignRequest): void {
  const task = state.tasks[r.taskId];
  if (!task || task.status !== 'open') refuse('TASK_NOT_OPEN', 'This task is no longer open (งานนี้ดำเนินการไปแล้ว)');
  if (task.assigneeUserId === r.toUser.id) refuse('ACTION_NOT_ALLOWED', 'The task is already with this person');
}
