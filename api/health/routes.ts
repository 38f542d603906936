import Router from '@koa/router';
import { probeDatabase } from '../../db/health';
import type { ApiDeps } from '../deps';
import { instanceName } from '../middleware/instance';
import { countPollingWorkers } from './workers';

const CHECK_TIMEOUT_MS = 3000;

/**
 * GET /api/health: `{ status, temporal, database, instance, workers }`. `instance` names the answering API process
 * (behind the proxy, consecutive answers name different replicas); `workers` is how many worker processes poll the
 * task queue, as Temporal's DescribeTaskQueue reports them. 503 when a dependency is down or no worker polls.
 */
export function createHealthRouter({ ds, temporal, env }: ApiDeps): Router {
  const router = new Router({ prefix: '/api' });
  const instance = instanceName(env);

  router.get('/health', async function health(ctx) {
    const [database, workers] = await Promise.all([
      probe(() => probeDatabase(ds)),
      withTimeout(
        countPollingWorkers(temporal, { namespace: env.TEMPORAL_NAMESPACE, taskQueue: env.TEMPORAL_TASK_QUEUE }),
      ).catch(() => undefined),
    ]);
    const engine = workers === undefined ? 'down' : 'up';
    const ok = database === 'up' && engine === 'up' && (workers ?? 0) > 0;
    ctx.status = ok ? 200 : 503;
    ctx.body = { status: ok ? 'ok' : 'degraded', database, temporal: engine, instance, workers: workers ?? 0 };
  });

  return router;
}

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  try {
    await withTimeout(check());
    return 'up';
  } catch {
    return 'down';
  }
}

async function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
