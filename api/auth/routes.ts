import Router from '@koa/router';
import argon2 from 'argon2';
import { appendAudit } from '../../db/audit';
import { createSession, revokeSession } from '../../db/sessions';
import { inTransaction } from '../../db/transaction';
import type { ApiDeps } from '../deps';
import { HttpError } from '../errors';
import { bodyOf } from '../middleware/validate';
import { authUserOf, type AuthUser } from './current-user';
import { loginInput } from './schema';

/** A hash to verify against when the username is unknown, so both cases take the same time. */
const DUMMY_HASH = argon2.hash('no such user', { type: argon2.argon2id });

/** Sign-in, sign-out and the current user. */
export function createAuthRouter({ ds, org, env }: ApiDeps): Router {
  const router = new Router({ prefix: '/api' });

  router.post('/auth/login', async function login(ctx) {
    const { username, password } = bodyOf(ctx, loginInput);
    const [row] = (await ds.query('SELECT id, password_hash, active, demo FROM users WHERE username = ?', [
      username,
    ])) as Array<{
      id: string;
      password_hash: string;
      active: unknown;
      demo: unknown;
    }>;
    const ok = await argon2.verify(row?.password_hash ?? (await DUMMY_HASH), password).catch(() => false);
    if (!row || !ok || !Number(row.active))
      throw new HttpError(401, 'INVALID_CREDENTIALS', 'Wrong username or password (ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง)');
    if (Number(row.demo) && env.NODE_ENV === 'production')
      throw new HttpError(403, 'DEMO_USER_DISABLED', 'Demo users are disabled in production');
    const user = authUserOf(row.id, await org.get());
    if (!user) throw new HttpError(401, 'INVALID_CREDENTIALS', 'User has no position');
    const token = await createSession(ds, row.id, env.SESSION_TTL_SECONDS);
    await inTransaction(ds, (em) =>
      appendAudit(em, { at: new Date(), actorUserId: row.id, action: 'auth.login', details: {} }),
    );
    ctx.body = { token, user };
  });

  router.post('/auth/logout', async function logout(ctx) {
    await revokeSession(ds, ctx.state.token as string);
    ctx.status = 204;
  });

  router.get('/me', function me(ctx) {
    ctx.body = ctx.state.user as AuthUser;
  });

  return router;
}
