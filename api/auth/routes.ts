import Router from '@koa/router';
import argon2 from 'argon2';
import type { Context } from 'koa';
import { createSession, revokeOtherSessions, revokeSession } from '../../db/sessions';
import type { ApiDeps } from '../deps';
import { HttpError } from '../errors';
import { rateLimited } from '../middleware/rate-limit';
import { bodyOf } from '../middleware/validate';
import { auditAuth } from './audit';
import { freshAuthUser, type AuthUser } from './current-user';
import { loginInput, passwordChangeInput } from './schema';

/** A hash to verify against when the username is unknown, so both cases take the same time. */
const DUMMY_HASH = argon2.hash('no such user', { type: argon2.argon2id });

/** The password the demo data ships with: refused in production, whichever account has it. */
const SHIPPED_DEMO_PASSWORD = 'saraban-demo';

const invalid = () => new HttpError(401, 'INVALID_CREDENTIALS', 'Wrong username or password (ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง)');

/** Sign-in, sign-out, password change and the current user. Every attempt is audited, failed or not. */
export function createAuthRouter({ ds, org, env, limits }: ApiDeps): Router {
  const router = new Router({ prefix: '/api' });
  const guard = limits.login;
  const sessions = { idleSeconds: env.SESSION_IDLE_SECONDS, absoluteSeconds: env.SESSION_TTL_SECONDS };
  const isDemoPassword = (password: string) => password === SHIPPED_DEMO_PASSWORD || password === env.DEMO_PASSWORD;

  router.post('/auth/login', async function login(ctx) {
    const { username, password } = bodyOf(ctx, loginInput);
    const wait = await guard.waitFor(username, ctx.ip);
    if (wait > 0) {
      await auditLogin(ctx, 'auth.login_throttled', null, { username, retryAfterSeconds: wait });
      throw rateLimited(ctx, wait, 'after repeated failed sign-ins');
    }
    const [row] = (await ds.query('SELECT id, password_hash, active, demo FROM users WHERE username = ?', [
      username,
    ])) as Array<{ id: string; password_hash: string; active: unknown; demo: unknown }>;
    const ok = await argon2.verify(row?.password_hash ?? (await DUMMY_HASH), password).catch(() => false);
    const failure = !row ? 'unknown_user' : !ok ? 'wrong_password' : !Number(row.active) ? 'inactive' : undefined;
    if (failure) {
      const locked = await guard.fail(username, ctx.ip);
      await auditLogin(ctx, 'auth.login_failed', row?.id ?? null, { username, reason: failure, locked });
      throw invalid();
    }
    if (env.NODE_ENV === 'production' && (Number(row.demo) || isDemoPassword(password))) {
      const reason = Number(row.demo) ? 'demo_user' : 'demo_password';
      await auditLogin(ctx, 'auth.login_refused', row.id, { username, reason });
      throw Number(row.demo)
        ? new HttpError(403, 'DEMO_USER_DISABLED', 'Demo users are disabled in production')
        : new HttpError(403, 'DEMO_PASSWORD_DISABLED', 'This account still has the demo password: ask for a new one');
    }
    const { user } = await freshAuthUser(row.id, org);
    if (!user) {
      await auditLogin(ctx, 'auth.login_failed', row.id, { username, reason: 'no_position' });
      throw new HttpError(401, 'INVALID_CREDENTIALS', 'User has no position');
    }
    await guard.succeed(username);
    const token = await createSession(ds, row.id, sessions);
    await auditLogin(ctx, 'auth.login', row.id, { method: 'password' });
    ctx.body = { token, user };
  });

  router.post('/auth/logout', async function logout(ctx) {
    await revokeSession(ds, ctx.state.token as string);
    await auditLogin(ctx, 'auth.logout', (ctx.state.user as AuthUser).id, {});
    ctx.status = 204;
  });

  router.post('/auth/password', async function changePassword(ctx) {
    const user = ctx.state.user as AuthUser;
    const input = bodyOf(ctx, passwordChangeInput);
    const wait = await guard.waitFor(user.username, ctx.ip);
    if (wait > 0) throw rateLimited(ctx, wait, 'after repeated failed attempts');
    const [row] = (await ds.query('SELECT password_hash FROM users WHERE id = ?', [user.id])) as Array<{
      password_hash: string;
    }>;
    if (!row || !(await argon2.verify(row.password_hash, input.currentPassword).catch(() => false))) {
      await guard.fail(user.username, ctx.ip);
      await auditLogin(ctx, 'auth.password_change_failed', user.id, { reason: 'wrong_password' });
      throw new HttpError(403, 'WRONG_PASSWORD', 'The current password is wrong (รหัสผ่านปัจจุบันไม่ถูกต้อง)');
    }
    const weak = weakness(input.newPassword, input.currentPassword, user.username);
    if (weak || isDemoPassword(input.newPassword))
      throw new HttpError(400, 'WEAK_PASSWORD', weak ?? 'The demo password cannot be used', [
        { path: 'newPassword', message: weak ?? 'the demo password' },
      ]);
    const hash = await argon2.hash(input.newPassword, { type: argon2.argon2id });
    await ds.query('UPDATE users SET password_hash = ? WHERE id = ?', [hash, user.id]);
    await revokeOtherSessions(ds, user.id, ctx.state.token as string);
    await auditLogin(ctx, 'auth.password_changed', user.id, { otherSessionsEnded: true });
    ctx.status = 204;
  });

  router.get('/me', function me(ctx) {
    ctx.body = ctx.state.user as AuthUser;
  });

  function auditLogin(ctx: Context, action: string, userId: string | null, details: Record<string, unknown>) {
    return auditAuth(ds, action, userId, {
      ...details,
      ip: ctx.ip,
      userAgent: ctx.get('user-agent').slice(0, 200),
      requestId: ctx.state.requestId as string,
    });
  }

  return router;
}

/** Why a new password is too weak, or undefined. */
function weakness(password: string, current: string, username: string): string | undefined {
  if (password === current) return 'The new password must differ from the current one';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'The password must not contain the username';
  if (new Set(password).size < 5) return 'The password needs more different characters';
  return undefined;
}
