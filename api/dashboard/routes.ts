import Router from '@koa/router';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/authenticate';
import { queryOf } from '../middleware/validate';
import { rolloutDashboard } from './rollout';
import { dashboardQuery } from './schema';
import { stagesDashboard } from './stages';
import { officeCalendar } from '../../db/life-timing';

/** Manager dashboards: progress per rollout phase and per stage of the life, from the database's read models. */
export function createDashboardRouter({ ds, env }: ApiDeps): Router {
  const router = new Router({ prefix: '/api/dashboard' });

  router.get('/rollout', async function showRolloutDashboard(ctx) {
    requireRole(ctx.state.user as AuthUser, 'supervisor', 'signer', 'executive', 'admin');
    ctx.body = await rolloutDashboard(ds, queryOf(ctx, dashboardQuery));
  });

  router.get('/stages', async function showStagesDashboard(ctx) {
    requireRole(ctx.state.user as AuthUser, 'supervisor', 'signer', 'executive', 'admin');
    ctx.body = await stagesDashboard(ds, queryOf(ctx, dashboardQuery), (since) => officeCalendar({ ds, env }, since));
  });

  return router;
}
