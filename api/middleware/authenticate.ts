import type { Middleware } from 'koa';
import type { DataSource } from 'typeorm';
import { sessionUser } from '../../db/sessions';
import type { OrgDirectory } from '../../db/org';
import { authUserOf } from '../auth/current-user';
import { forbidden, unauthorized } from '../errors';

/** Resolves `Authorization: Bearer <token>` to `ctx.state.user`; every /api route but the public ones needs it. */
export function authenticate({
  ds,
  org,
  publicPaths,
}: {
  ds: DataSource;
  org: OrgDirectory;
  publicPaths: string[];
}): Middleware {
  return async function requireSession(ctx, next) {
    if (!ctx.path.startsWith('/api/') || publicPaths.includes(ctx.path)) return next();
    const match = /^Bearer ([\w-]{20,200})$/.exec(ctx.get('authorization'));
    if (!match) throw unauthorized();
    const userId = await sessionUser(ds, match[1]);
    if (!userId) throw unauthorized('Session expired or ended (กรุณาเข้าสู่ระบบใหม่)');
    const user = authUserOf(userId, await org.get());
    if (!user) throw unauthorized('User no longer active');
    ctx.state.user = user;
    ctx.state.token = match[1];
    await next();
  };
}

/** Requires one of the given roles. */
export function requireRole(user: { roles: string[] }, ...roles: string[]): void {
  if (!roles.some((r) => user.roles.includes(r))) throw forbidden(`Needs the role ${roles.join(' or ')}`);
}
