import type { Middleware } from 'koa';
import type { DataSource } from 'typeorm';
import { sessionUser, type SessionPolicy } from '../../db/sessions';
import type { OrgDirectory } from '../../db/org';
import { rememberOrg } from '../access/visibility';
import { freshAuthUser } from '../auth/current-user';
import { forbidden } from '../errors';

/**
 * Resolves `Authorization: Bearer <token>` to `ctx.state.user` (and extends the session's idle deadline). It refuses
 * nothing by itself: api/access/middleware.ts answers 401 on every route whose rule needs a user, with the reason
 * left here in `ctx.state.authProblem`.
 */
export function authenticate({
  ds,
  org,
  sessions,
}: {
  ds: DataSource;
  org: OrgDirectory;
  sessions: SessionPolicy;
}): Middleware {
  return async function resolveSession(ctx, next) {
    const header = ctx.get('authorization');
    if (!ctx.path.startsWith('/api/') || !header) return next();
    const match = /^Bearer ([\w-]{20,200})$/.exec(header);
    if (!match) {
      ctx.state.authProblem = 'Send Authorization: Bearer <token> (กรุณาเข้าสู่ระบบ)';
      return next();
    }
    const userId = await sessionUser(ds, match[1], sessions);
    if (!userId) {
      ctx.state.authProblem = 'Session expired or ended (กรุณาเข้าสู่ระบบใหม่)';
      return next();
    }
    const { user, snapshot } = await freshAuthUser(userId, org);
    if (!user) {
      ctx.state.authProblem = 'User no longer active';
      return next();
    }
    rememberOrg(user, snapshot);
    ctx.state.user = user;
    ctx.state.token = match[1];
    await next();
  };
}

/** Requires one of the given roles (for checks inside a handler; the access table declares the usual ones). */
export function requireRole(user: { roles: string[] }, ...roles: string[]): void {
  if (!roles.some((r) => user.roles.includes(r))) throw forbidden(`Needs the role ${roles.join(' or ')}`);
}
