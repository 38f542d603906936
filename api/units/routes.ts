import Router from '@koa/router';
import { registryUnitOf } from '../../domain';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { forbidden, notFound } from '../errors';
import { queryOf } from '../middleware/validate';
import { isActive } from '../support/org-active';
import { unitsQuery } from './schema';

/**
 * The org chart as the client needs it: the unit tree (switched-on units only unless `?inactive=true`), and the
 * users of a registry unit in switched-on positions (for the assign picker).
 */
export function createUnitsRouter({ org }: ApiDeps): Router {
  const router = new Router({ prefix: '/api/units' });

  router.get('/', async function listUnits(ctx) {
    const { inactive } = queryOf(ctx, unitsQuery);
    const snapshot = await org.get();
    ctx.body = {
      items: snapshot.units
        .filter((u) => inactive === 'true' || isActive(u))
        .map((u) => ({
          id: u.id,
          name: u.name,
          kind: u.kind,
          parentId: u.parentId,
          letterCode: u.letterCode,
          active: isActive(u),
        })),
    };
  });

  router.get('/:unitId/users', async function listUnitUsers(ctx) {
    const user = ctx.state.user as AuthUser;
    const snapshot = await org.get();
    const unit = snapshot.units.find((u) => u.id === ctx.params.unitId);
    if (!unit) throw notFound('No such unit');
    if (unit.id !== user.registryUnit.id) throw forbidden('Only the users of your own unit');
    const positions = new Map(snapshot.positions.map((p) => [p.id, p]));
    const items = snapshot.users
      .filter((u) => {
        const p = positions.get(u.positionId);
        return p !== undefined && isActive(p) && registryUnitOf(p.unitId, snapshot).id === unit.id;
      })
      .map((u) => {
        const p = positions.get(u.positionId)!;
        return {
          id: u.id,
          username: u.username,
          displayName: u.displayName,
          roles: u.roles,
          position: { id: p.id, title: p.title, level: p.level },
        };
      })
      .sort((a, b) => a.position.level - b.position.level || a.username.localeCompare(b.username));
    ctx.body = { items };
  });

  return router;
}
