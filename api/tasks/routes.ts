import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import { incomingWorkflowId, type TaskActionRequest } from '../../workflows/incoming/contract';
import { reassignTaskUpdate } from '../../workflows/shared/reassign';
import type { AuthUser } from '../auth/current-user';
import { authUserOf } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { badRequest, forbidden, HttpError, notFound } from '../errors';
import { requireRole } from '../middleware/authenticate';
import { bodyOf } from '../middleware/validate';
import { SUPERVISOR_ROLES, supervisedUnitIds } from '../supervisor/scope';
import { taskActionUpdateFor } from '../support/lives';
import { httpErrorFromTemporal } from '../support/temporal-errors';
import { reassignInput, taskActionInput } from './schema';
import { actorOf, checkProposalTarget, resolveAssignee, resolveForwardUnit } from './targets';

type Row = Record<string, unknown>;

/**
 * POST /api/tasks/:taskId/actions: a human step, carried to the document's workflow as an Update.
 * POST /api/tasks/:taskId/reassign: a supervisor moves an open task to another official of their units.
 */
export function createTasksRouter(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/api/tasks' });

  async function openTask(taskId: string, visible: (task: Row) => boolean): Promise<Row> {
    const [task] = (await deps.ds.query('SELECT * FROM tasks WHERE id = ?', [taskId])) as Row[];
    if (!task || !visible(task)) throw notFound('No such task');
    if (task.status !== 'open') {
      throw new HttpError(409, 'TASK_NOT_OPEN', 'This task is no longer open (งานนี้ดำเนินการไปแล้ว)');
    }
    return task;
  }

  const updateIdOf = (ctx: { state: Record<string, unknown> }, user: AuthUser) => {
    const key = ctx.state.idempotencyKey as string | undefined;
    return key ? `${user.id}:${key}` : randomUUID();
  };

  const handleOf = (task: Row) =>
    deps.temporal.workflow.getHandle(String(task.workflow_id) || incomingWorkflowId(String(task.document_id)));

  router.post('/:taskId/actions', async function actOnTask(ctx) {
    const user = ctx.state.user as AuthUser;
    const input = bodyOf(ctx, taskActionInput);
    const task = await openTask(
      ctx.params.taskId,
      (t) => t.assignee_user_id === user.id || t.unit_id === user.registryUnit.id,
    );
    const org = await deps.org.get();
    const request: TaskActionRequest = {
      taskId: String(task.id),
      action: input.action,
      actor: actorOf(user),
      ...(input.comment ? { comment: input.comment } : {}),
      requestId: ctx.state.requestId as string,
    };
    if (input.action === 'assign') Object.assign(request, resolveAssignee(org, task, input));
    if (input.action === 'forward')
      Object.assign(request, await resolveForwardUnit(deps.ds, org, task, input.toUnitId));
    if (input.action === 'propose' && task.type === 'act') checkProposalTarget(org, user, input.toPositionId);
    if (input.action === 'propose' && task.type === 'review' && input.toPositionId) {
      checkProposalTarget(org, user, input.toPositionId);
    }
    if (input.toPositionId) request.toPositionId = input.toPositionId;
    const result = await handleOf(task)
      // Each life (incoming, outgoing, circular) answers the task actions of its own tasks.
      .executeUpdate(taskActionUpdateFor(String(task.workflow_id)), {
        args: [request],
        updateId: updateIdOf(ctx, user),
      })
      .catch((error: unknown) => {
        throw httpErrorFromTemporal(error);
      });
    ctx.body = {
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
  });

  router.post('/:taskId/reassign', async function reassignTask(ctx) {
    const user = ctx.state.user as AuthUser;
    requireRole(user, ...SUPERVISOR_ROLES);
    const input = bodyOf(ctx, reassignInput);
    const org = await deps.org.get();
    const scope = supervisedUnitIds(user, org);
    const task = await openTask(ctx.params.taskId, () => true);
    const holder = task.assignee_user_id ? authUserOf(String(task.assignee_user_id), org) : undefined;
    if (!scope.has(String(task.unit_id)) && !(holder && scope.has(holder.unit.id))) {
      throw forbidden('This task is not in the units you supervise (ไม่อยู่ในหน่วยงานที่ท่านกำกับ)');
    }
    const target = authUserOf(input.toUserId, org);
    if (!target || !(scope.has(target.unit.id) || scope.has(target.registryUnit.id))) {
      throw badRequest('INVALID_ASSIGNEE', 'The new holder must be an official of the units you supervise', [
        { path: 'toUserId', message: 'not in your units' },
      ]);
    }
    const result = await handleOf(task)
      .executeUpdate(reassignTaskUpdate, {
        args: [
          {
            taskId: String(task.id),
            actor: actorOf(user),
            toUser: { id: target.id, displayName: target.displayName, unitId: target.registryUnit.id },
            ...(input.comment ? { comment: input.comment } : {}),
            requestId: ctx.state.requestId as string,
          },
        ],
        updateId: updateIdOf(ctx, user),
      })
      .catch((error: unknown) => {
        throw httpErrorFromTemporal(error);
      });
    ctx.body = {
      documentId: task.document_id,
      stage: result.stage,
      nextTasks: [
        { taskId: result.taskId, type: task.type, assigneeUserId: target.id, unitId: target.registryUnit.id },
      ],
    };
  });

  return router;
}
