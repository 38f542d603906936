import Router from '@koa/router';
import { bangkokDateOf } from '../../domain';
import type { ApiDeps } from '../deps';
import { endActing, appointActing, listActing } from './acting';
import { addHoliday, listYearHolidays, removeHoliday } from './holidays';
import { changeOutsideBody, createOutsideBody, deactivateOutsideBody, listAllOutsideBodies } from './outside-bodies';
import { changePosition, changeUnit, createPosition, createUnit, presentPosition, presentUnit } from './org';
import { changeUserPermissions, createUser, presentUser, resetPassword } from './users';

type Row = Record<string, unknown>;

/**
 * /api/admin: the organisation as an administrator keeps it (units, positions, users, acting appointments and
 * delegations), the working calendar and the directory of outside bodies. Every change is one transaction with its audit row (before → after) and
 * drops the cached org chart (api/admin/change.ts). Access: admin only (api/access/rules.ts).
 */
export function createAdminRouter(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/api/admin' });

  router.get('/org', async function readOrgForAdmin(ctx) {
    const [units, positions, users, oversight] = (await Promise.all([
      deps.ds.query('SELECT * FROM units ORDER BY id'),
      deps.ds.query('SELECT * FROM positions ORDER BY unit_id, level, id'),
      deps.ds.query(
        'SELECT id, username, display_name, position_id, roles, email, active, demo FROM users ORDER BY username',
      ),
      deps.ds.query('SELECT * FROM oversight ORDER BY unit_id, valid_from'),
    ])) as Row[][];
    const today = bangkokDateOf(new Date());
    ctx.body = {
      today,
      units: units.map(presentUnit),
      positions: positions.map(presentPosition),
      users: users.map(presentUser),
      oversight: oversight.map((o) => ({
        unitId: String(o.unit_id),
        overseerPositionId: String(o.overseer_position_id),
        kind: String(o.kind),
        portfolio: o.portfolio === null ? null : String(o.portfolio),
        validFrom: String(o.valid_from),
        validTo: o.valid_to === null ? null : String(o.valid_to),
      })),
      acting: await listActing(deps.ds, today),
    };
  });

  router.post('/units', (ctx) => createUnit(ctx, deps));
  router.patch('/units/:unitId', (ctx) => changeUnit(ctx, deps));
  router.post('/positions', (ctx) => createPosition(ctx, deps));
  router.patch('/positions/:positionId', (ctx) => changePosition(ctx, deps));
  router.post('/users', (ctx) => createUser(ctx, deps));
  router.patch('/users/:userId', (ctx) => changeUserPermissions(ctx, deps));
  router.post('/users/:userId/password', (ctx) => resetPassword(ctx, deps));
  router.post('/acting', (ctx) => appointActing(ctx, deps));
  router.post('/acting/:actingId/end', (ctx) => endActing(ctx, deps));
  router.get('/holidays', (ctx) => listYearHolidays(ctx, deps));
  router.post('/holidays', (ctx) => addHoliday(ctx, deps));
  router.delete('/holidays/:holidayId', (ctx) => removeHoliday(ctx, deps));
  router.get('/outside-bodies', (ctx) => listAllOutsideBodies(ctx, deps));
  router.post('/outside-bodies', (ctx) => createOutsideBody(ctx, deps));
  router.patch('/outside-bodies/:bodyId', (ctx) => changeOutsideBody(ctx, deps));
  router.post('/outside-bodies/:bodyId/deactivate', (ctx) => deactivateOutsideBody(ctx, deps));

  return router;
}
