import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import { incomingWorkflowId, taskActionUpdate, type TaskActionRequest } from '../../workflows/incoming/contract';
import type { AuthUser } from '../auth/current-user';
import { authUserOf } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { badRequest, HttpError, notFound } from '../errors';
import { bodyOf } from '../middleware/validate';
import { httpErrorFromTemporal } from '../support/temporal-errors';
import { taskActionInput } from './schema';

/** POST /api/tasks/:taskId/actions: a human step, carried to the document's workflow as an Update. */
export function createTasksRouter(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/api/tasks' });

  router.post('/:taskId/actions', async function actOnTask(ctx) {
    const user = ctx.state.user as AuthUser;
    const input = bodyOf(ctx, taskActionInput);
    const [task] = (await deps.ds.query('SELECT * FROM tasks WHERE id = ?', [ctx.params.taskId])) as Array<
      Record<string, unknown>
    >;
    if (!task) throw notFound('No such task');
    const mine = task.assignee_user_id === user.id || task.unit_id === user.registryUnit.id;
    if (!mine) throw notFound('No such task');
    if (task.status !== 'open')
      throw new HttpError(409, 'TASK_NOT_OPEN', 'This task is no longer open (งานนี้ดำเนินการไปแล้ว)');
    const request: TaskActionRequest = {
      taskId: String(task.id),
      action: input.action,
      actor: { userId: user.id, displayName: user.displayName, roles: user.roles, unitId: user.registryUnit.id },
      ...(input.comment ? { comment: input.comment } : {}),
    };
    if (input.action === 'assign') {
      if (!input.toUserId)
        throw badRequest('INVALID_INPUT', 'assign needs toUserId', [{ path: 'toUserId', message: 'required' }]);
      const target = authUserOf(input.toUserId, await deps.org.get());
      if (!target || target.registryUnit.id !== task.unit_id) {
        throw badRequest('INVALID_ASSIGNEE', 'The assignee must be a user of the same unit', [
          { path: 'toUserId', message: 'not in this unit' },
        ]);
      }
      request.toUser = { id: target.id, displayName: target.displayName };
    }
    const key = ctx.state.idempotencyKey as string | undefined;
    const handle = deps.temporal.workflow.getHandle(
      String(task.workflow_id) || incomingWorkflowId(String(task.document_id)),
    );
    const result = await handle
      .executeUpdate(taskActionUpdate, { args: [request], updateId: key ? `${user.id}:${key}` : randomUUID() })
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
    };
  });

  return router;
}
