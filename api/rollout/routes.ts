import Router from '@koa/router';
import { decide } from '../../domain';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { queryOf } from '../middleware/validate';
import { decisionQuery } from './schema';

/** GET /api/rollout/decision: the rollout policy itself, so anyone can check what is electronic where and when. */
export function createRolloutRouter({ ds }: ApiDeps): Router {
  const router = new Router({ prefix: '/api/rollout' });

  router.get('/decision', async function rolloutDecision(ctx) {
    const q = queryOf(ctx, decisionQuery);
    const [unit] = (await ds.query('SELECT id, early_phase FROM units WHERE id = ?', [q.unitId])) as Array<{
      early_phase: number | null;
    }>;
    if (!unit) throw notFound('No such unit');
    ctx.body = decide({
      capability: q.capability,
      unitId: q.unitId,
      date: q.date,
      secrecy: q.secrecy,
      category: q.category,
      kind: q.kind,
      ...(unit.early_phase ? { earlyAdoption: { [q.unitId]: Number(unit.early_phase) } } : {}),
    });
  });

  return router;
}
