import { ApplicationFailure } from '@temporalio/workflow';
import type { ReassignRequest } from '../shared/reassign';
import { canActOn, type Actor, type TaskErrorCode } from '../shared/tasks';
import * as c from './contract';

/** The part of the life's state the validators look at; `ending` is set the moment a withdraw or cancel is accepted. */
export interface ValidationState {
  state: c.OutgoingState;
  author: Actor;
  unitId: string;
  ending: boolean;
}

function refuse(code: TaskErrorCode, message: string): never {
  throw ApplicationFailure.nonRetryable(message, code);
}

function requireAuthor(v: ValidationState, actor: Actor): void {
  if (actor.userId !== v.author.userId) refuse('NOT_AUTHOR', 'Only the author may do this (เฉพาะผู้จัดทำหนังสือ)');
}

/** The author's open draft task (a draft, or a document returned for revision), if any. */
export function openDraftTask(v: ValidationState): c.OutgoingTask | undefined {
  return Object.values(v.state.tasks).find((t) => t.type === 'draft' && t.status === 'open');
}

function requireEditable(v: ValidationState): void {
  if (v.ending || !c.EDITABLE_STAGES.includes(v.state.stage) || !openDraftTask(v)) {
    refuse('WRONG_STAGE', `The document is ${v.state.stage}: no longer a draft (หนังสือไม่อยู่ในขั้นร่าง)`);
  }
}

/** Synchronous: a new version only from the author, only while the document is a draft or returned. */
export function validateRevise(v: ValidationState, request: { actor: Actor }): void {
  requireAuthor(v, request.actor);
  requireEditable(v);
}

/** Synchronous: the author submits a draft (or a returned document) once. */
export function validateSubmit(v: ValidationState, request: { actor: Actor }): void {
  requireAuthor(v, request.actor);
  requireEditable(v);
}

/** Synchronous: stale, duplicate, foreign and unknown actions are refused before anything enters history. */
export function validateAction(v: ValidationState, request: c.TaskActionRequest): void {
  const task = v.state.tasks[request.taskId];
  if (!task || task.status !== 'open' || v.ending) {
    refuse('TASK_NOT_OPEN', 'This task is no longer open (งานนี้ดำเนินการไปแล้ว)');
  }
  if (!canActOn(task, request.actor)) refuse('NOT_TASK_HOLDER', 'This task is not yours (งานนี้ไม่ใช่ของท่าน)');
  if (!c.OUTGOING_ACTIONS[task.type].includes(request.action)) {
    refuse('ACTION_NOT_ALLOWED', `Action ${request.action} is not available on a ${task.type} task`);
  }
  if (request.action === 'return' && !request.comment?.trim()) {
    refuse('INVALID_ACTION_INPUT', 'return needs a comment saying what to revise (กรุณาระบุสิ่งที่ต้องแก้ไข)');
  }
}

function stepInFlight(v: ValidationState): boolean {
  return Object.values(v.state.tasks).some((t) => t.status === 'closing');
}

/** Synchronous: the author withdraws before signing, when no other step is being applied. */
export function validateWithdraw(v: ValidationState, request: { actor: Actor }): void {
  requireAuthor(v, request.actor);
  if (v.ending || !c.WITHDRAWABLE_STAGES.includes(v.state.stage) || stepInFlight(v)) {
    refuse('WRONG_STAGE', `A ${v.state.stage} document can no longer be withdrawn (ถอนเรื่องไม่ได้แล้ว)`);
  }
}

/** Synchronous: after numbering and before sending, the author, the signer or a clerk of the unit cancels. */
export function validateCancel(v: ValidationState, request: { actor: Actor; reason: string }): void {
  const a = request.actor;
  const allowed =
    a.userId === v.author.userId ||
    a.userId === v.state.signedBy ||
    (a.unitId === v.unitId && a.roles.includes('clerk'));
  if (!allowed) refuse('NOT_TASK_HOLDER', 'Only the author, the signer or the unit clerk may cancel');
  if (v.ending || v.state.stage !== 'numbered' || stepInFlight(v)) {
    refuse('WRONG_STAGE', `Only a numbered document not yet sent can be cancelled (it is ${v.state.stage})`);
  }
  if (!request.reason.trim()) refuse('INVALID_ACTION_INPUT', 'cancel needs a reason');
}

/** The failure of a step whose task an escalation or another step closed while it waited its turn. */
export function moved(): ApplicationFailure {
  return ApplicationFailure.nonRetryable('This task has moved on (งานนี้ดำเนินการไปแล้ว)', 'TASK_NOT_OPEN');
}

/** Synchronous: a supervisor moves an open review, signature or dispatch task to someone else. */
export function validateReassign(v: ValidationState, r: ReassignRequest): void {
  const task = v.state.tasks[r.taskId];
  if (!task || task.status !== 'open' || v.ending) refuse('TASK_NOT_OPEN', 'This task is no longer open');
  if (task.type === 'draft') refuse('ACTION_NOT_ALLOWED', "The author's own draft cannot be moved");
  if (task.assigneeUserId === r.toUser.id) refuse('ACTION_NOT_ALLOWED', 'The task is already theirs');
}
