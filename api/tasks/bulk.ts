import type { Context } from 'koa';
import type { z } from 'zod';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { toHttpError } from '../middleware/error-handler';
import { chargeUser } from '../middleware/rate-limit';
import { actOnTask, updateIdFor, type TaskActionAnswer } from './act';
import type { bulkTaskActionInput } from './schema';

/** One task's result: what POST /api/tasks/:taskId/actions alone would have answered for it. */
export type BulkTaskResult = { taskId: string; status: number } & (
  TaskActionAnswer | { code: string; message: string }
);

/** Steps in flight at once: enough to keep the engine busy, few enough to leave room for everyone else's. */
const IN_FLIGHT = 8;

/**
 * POST /api/tasks/bulk: the same step on each task, each its own Update (the Update id derived from the request's
 * Idempotency-Key and the task), so a retried bulk request repeats no step. The caller's budget pays one point per
 * task up front (429 before any work). The answer is 200 with a result per task, in the order given; one whose
 * status is 5xx leaves the request unreplayed, so retrying it with the same key tries the failed tasks again.
 */
export async function actOnTasks(
  ctx: Context,
  deps: ApiDeps,
  input: z.infer<typeof bulkTaskActionInput>,
): Promise<{ results: BulkTaskResult[] }> {
  const user = ctx.state.user as AuthUser;
  const { taskIds, ...step } = input;
  await chargeUser(ctx, taskIds.length - 1); // the request itself paid one
  const key = ctx.state.idempotencyKey as string | undefined;
  const requestId = ctx.state.requestId as string;
  const results = await inPool(taskIds, IN_FLIGHT, async (taskId): Promise<BulkTaskResult> => {
    try {
      const answer = await actOnTask(deps, user, taskId, step, {
        updateId: updateIdFor(user, key, taskId),
        requestId,
        retried: key !== undefined,
      });
      return { taskId, status: 200, ...answer };
    } catch (error) {
      const http = toHttpError(error);
      if (http.status >= 500) deps.log.error({ err: error, taskId, requestId }, 'bulk task action failed');
      return { taskId, status: http.status, code: http.code, message: http.message };
    }
  });
  if (results.some((r) => r.status >= 500)) ctx.state.idempotencyNoReplay = true;
  return { results };
}

/** `work` on every item, `size` at a time; the results in the items' order. */
async function inPool<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  });
  await Promise.all(runners);
  return results;
}
