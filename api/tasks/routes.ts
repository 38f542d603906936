import Router from '@koa/router';
import { reassignTaskUpdate } from '../../workflows/shared/reassign';
import type { AuthUser } from '../auth/current-user';
import { authUserOf } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { badRequest, forbidden } from '../errors';
import { requireRole } from '../middleware/authenticate';
import { bodyOf } from '../middleware/validate';
import { SUPERVISOR_ROLES, supervisedUnitIds } from '../supervisor/scope';
import { httpErrorFromTemporal } from '../support/temporal-errors';
import { actOnTask, handleOf, openTask, updateIdFor } from './act';
import { actOnTasks } from './bulk';
import { bulkTaskActionInput, reassignInput, taskActionInput } from './schema';
import { actorOf } from './targets';

/**
 * POST /api/tasks/:taskId/actions: a human step, carried to the document's workflow as an Update.
 * POST /api/tasks/bulk: the same step on many tasks, each its own Update, one result each.
 * POST /api/tasks/:taskId/reassign: a supervisor moves an open task to another official of their units.
 */
export function createTasksRouter(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/api/tasks' });
  const keyOf = (ctx: { state: Record<string, unknown> }) => ctx.state.idempotencyKey as string | undefined;

  router.post('/bulk', async function actOnManyTasks(ctx) {
    const input = bodyOf(ctx, bulkTaskActionInput);
    ctx.body = await actOnTasks(ctx, deps, input);
  });

  router.post('/:taskId/actions', async function actOnOneTask(ctx) {
    const user = ctx.state.user as AuthUser;
    const input = bodyOf(ctx, taskActionInput);
    ctx.body = await actOnTask(deps, user, ctx.params.taskId, input, {
      updateId: updateIdFor(user, keyOf(ctx)),
      requestId: ctx.state.requestId as string,
      retried: keyOf(ctx) !== undefined,
    });
  });

  router.post('/:taskId/reassign', async function reassignTask(ctx) {
    const user = ctx.state.user as AuthUser;
    requireRole(user, ...SUPERVISOR_ROLES);
    const input = bodyOf(ctx, reassignInput);
    const org = await deps.org.get();
    const scope = supervisedUnitIds(user, org);
    const task = await openTask(deps, ctx.params.taskId, () => true);
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
    const result = await handleOf(deps, task)
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
        updateId: updateIdFor(user, keyOf(ctx)),
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
