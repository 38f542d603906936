import Router from '@koa/router';
import { probeDatabase } from '../../db/health';
import type { ApiDeps } from '../deps';

const CHECK_TIMEOUT_MS = 3000;

/** GET /api/health: `{ status, temporal, database }`, 503 naming what is down. */
export function createHealthRouter({ ds, temporal }: ApiDeps): Router {
  const router = new Router({ prefix: '/api' });

  router.get('/health', async function health(ctx) {
    const [database, engine] = await Promise.all([
      probe(() => probeDatabase(ds)),
      probe(() => temporal.connection.workflowService.getSystemInfo({})),
    ]);
    const ok = database === 'up' && engine === 'up';
    ctx.status = ok ? 200 : 503;
    ctx.body = { status: ok ? 'ok' : 'degraded', database, temporal: engine };
  });

  return router;
}

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
