import Router from '@koa/router';
import { revokeOtherSessions } from '../../db/sessions';
import { appendAudit } from '../../db/audit';
import { inTransaction } from '../../db/transaction';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { bodyOf } from '../middleware/validate';
import type { AuthUser } from './current-user';
import { userIdParam, userPermissionsInput } from './schema';

/** PATCH /api/admin/users/:userId: roles and active flag, changed and audited (before → after) in one transaction. */
export function createAdminRouter({ ds, org }: ApiDeps): Router {
  const router = new Router({ prefix: '/api/admin' });

  router.patch('/users/:userId', async function changeUserPermissions(ctx) {
    const admin = ctx.state.user as AuthUser;
    const parsed = userIdParam.safeParse(ctx.params);
    if (!parsed.success) throw notFound('No such user');
    const { userId } = parsed.data;
    const input = bodyOf(ctx, userPermissionsInput);
    const after = await inTransaction(ds, async (em) => {
      const [row] = (await em.query('SELECT roles, active FROM users WHERE id = ?', [userId])) as Array<{
        roles: string;
        active: unknown;
      }>;
      if (!row) throw notFound('No such user');
      const before = { roles: JSON.parse(row.roles) as string[], active: Boolean(Number(row.active)) };
      const next = { roles: input.roles ?? before.roles, active: input.active ?? before.active };
      await em.query('UPDATE users SET roles = ?, active = ? WHERE id = ?', [
        JSON.stringify(next.roles),
        next.active ? 1 : 0,
        userId,
      ]);
      await appendAudit(em, {
        at: new Date(),
        actorUserId: admin.id,
        action: 'user.permissions_changed',
        details: { userId, before, after: next, requestId: ctx.state.requestId as string },
      });
      return next;
    });
    if (!after.active) await revokeOtherSessions(ds, userId, undefined);
    org.invalidate();
    ctx.body = { id: userId, ...after };
  });

  return router;
}
