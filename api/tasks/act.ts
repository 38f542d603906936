import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { incomingWorkflowId, type TaskActionRequest } from '../../workflows/incoming/contract';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { HttpError, notFound } from '../errors';
import { taskActionUpdateFor } from '../support/lives';
import { httpErrorFromTemporal } from '../support/temporal-errors';
import type { taskActionInput } from './schema';
import { actorOf, checkProposalTarget, resolveAssignee, resolveForwardUnit } from './targets';

type Row = Record<string, unknown>;

/** What one human step answers (POST /api/tasks/:taskId/actions, and each result of POST /api/tasks/bulk). */
export interface TaskActionAnswer {
  documentId: unknown;
  stage: string;
  nextTasks: Array<{ taskId: string; type: string; assigneeUserId?: string; unitId: string; dueAt?: string }>;
  forwarded?: unknown;
}

const taskNotOpen = () => new HttpError(409, 'TASK_NOT_OPEN', 'This task is no longer open (งานนี้ดำเนินการไปแล้ว)');

/** The task, if the caller may see it (404 otherwise). */
async function visibleTask(deps: ApiDeps, taskId: string, visible: (task: Row) => boolean): Promise<Row> {
  const [task] = (await deps.ds.query('SELECT * FROM tasks WHERE id = ?', [taskId])) as Row[];
  if (!task || !visible(task)) throw notFound('No such task');
  return task;
}

/** The task, if the caller may see it (404 otherwise) and it is still open (409 TASK_NOT_OPEN otherwise). */
export async function openTask(deps: ApiDeps, taskId: string, visible: (task: Row) => boolean): Promise<Row> {
  const task = await visibleTask(deps, taskId, visible);
  if (task.status !== 'open') throw taskNotOpen();
  return task;
}

/** The task's own, or the unit queue's: who may act on a task (the access table's `task` rule). */
export const holdsOrQueues = (user: AuthUser) => (t: Row) =>
  t.assignee_user_id === user.id || t.unit_id === user.registryUnit.id;

/** The Update id: derived from the request's Idempotency-Key (a retry is the same Update), else fresh. */
export function updateIdFor(user: AuthUser, idempotencyKey: string | undefined, suffix?: string): string {
  if (!idempotencyKey) return randomUUID();
  return suffix ? `${user.id}:${idempotencyKey}:${suffix}` : `${user.id}:${idempotencyKey}`;
}

export const handleOf = (deps: ApiDeps, task: Row) =>
  deps.temporal.workflow.getHandle(String(task.workflow_id) || incomingWorkflowId(String(task.document_id)));

/**
 * One human step on one task, carried to the document's workflow as an Update: the checks only the API can make
 * (the task open and the caller's, the assignee, the unit, the chain of command), then the life's own validator.
 * Throws an HttpError with the step's status and code.
 */
export async function actOnTask(
  deps: ApiDeps,
  user: AuthUser,
  taskId: string,
  input: z.infer<typeof taskActionInput>,
  /** `retried`: the Update id comes from an Idempotency-Key, so this may be a retry of a step already taken. */
  o: { updateId: string; requestId: string; retried?: boolean },
): Promise<TaskActionAnswer> {
  const task = await visibleTask(deps, taskId, holdsOrQueues(user));
  if (task.status === 'open') return takeStep(deps, user, task, input, o);
  if (!o.retried) throw taskNotOpen();
  // A retry whose first attempt took the step but lost its answer (its API replica died before answering, and so
  // before storing it for the Idempotency-Key): Temporal keeps each Update's outcome by its id, even once the life has
  // ended, and answers the same Update id with it. A step this key never took is refused by the life: 409 as ever.
  // Only a refusal becomes 409: a Temporal that is away stays a 5xx, so the client retries and gets its answer later.
  return takeStep(deps, user, task, input, o).catch((error: unknown) => {
    throw error instanceof HttpError && error.status < 500 ? taskNotOpen() : error;
  });
}

async function takeStep(
  deps: ApiDeps,
  user: AuthUser,
  task: Row,
  input: z.infer<typeof taskActionInput>,
  o: { updateId: string; requestId: string },
): Promise<TaskActionAnswer> {
  const org = await deps.org.get();
  const request: TaskActionRequest = {
    taskId: String(task.id),
    action: input.action,
    actor: actorOf(user),
    ...(input.comment ? { comment: input.comment } : {}),
    requestId: o.requestId,
  };
  if (input.action === 'assign') Object.assign(request, resolveAssignee(org, task, input));
  if (input.action === 'forward') Object.assign(request, await resolveForwardUnit(deps.ds, org, task, input.toUnitId));
  if (input.action === 'propose' && task.type === 'act') checkProposalTarget(org, user, input.toPositionId);
  if (input.action === 'propose' && task.type === 'review' && input.toPositionId) {
    checkProposalTarget(org, user, input.toPositionId);
  }
  if (input.toPositionId) request.toPositionId = input.toPositionId;
  const result = await handleOf(deps, task)
    // Each life (incoming, outgoing, circular) answers the task actions of its own tasks.
    .executeUpdate(taskActionUpdateFor(String(task.workflow_id)), { args: [request], updateId: o.updateId })
    .catch((error: unknown) => {
      throw httpErrorFromTemporal(error);
    });
  return {
    documentId: task.document_id,
    stage: result.stage,
    nextTasks: result.nextTasks.map((t) => ({
      taskId: t.taskId,
      type: t.type,
      assigneeUserId: t.assigneeUserId,
      unitId: t.unitId,
      dueAt: t.dueAt,
    })),
    ...(result.forwarded ? { forwarded: result.forwarded } : {}),
  };
}
