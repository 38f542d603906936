import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import type { Context } from 'koa';
import type { EntityManager } from 'typeorm';
import { revokeOtherSessions } from '../../db/sessions';
import type { ApiDeps } from '../deps';
import { HttpError, notFound } from '../errors';
import { bodyOf } from '../middleware/validate';
import { adminChange, bool, conflict, orNull } from './change';
import { passwordProblem } from './passwords';
import { passwordResetInput, userCreateInput, userIdParam, userPermissionsInput } from './schema';
import { requireActivePost } from './switch';

type Row = Record<string, unknown>;

/** A user as the administration screen shows it (never the password hash). */
export function presentUser(u: Row) {
  return {
    id: String(u.id),
    username: String(u.username),
    displayName: String(u.display_name),
    positionId: String(u.position_id),
    roles: JSON.parse(String(u.roles)) as string[],
    email: orNull(u.email),
    active: bool(u.active),
    demo: bool(u.demo),
  };
}

/** POST /api/admin/users: 409 USERNAME_TAKEN, 404 unknown position, 400 WEAK_PASSWORD. */
export async function createUser(ctx: Context, deps: ApiDeps): Promise<void> {
  const input = bodyOf(ctx, userCreateInput);
  checkPassword(deps, input.password, input.username);
  const hash = await argon2.hash(input.password, { type: argon2.argon2id });
  const id = randomUUID();
  const taken = () => conflict('USERNAME_TAKEN', 'This username is taken (ชื่อผู้ใช้นี้มีผู้ใช้แล้ว)', 'username');
  ctx.body = await adminChange(
    ctx,
    deps,
    'user.created',
    async (em) => {
      if (((await em.query('SELECT id FROM users WHERE username = ?', [input.username])) as Row[]).length)
        throw taken();
      await requireActivePost(em, input.positionId, 'positionId');
      await em.query(
        `INSERT INTO users (id, username, display_name, position_id, roles, email, password_hash, active, demo)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, 0)`,
        [
          id,
          input.username,
          input.displayName,
          input.positionId,
          JSON.stringify(input.roles),
          input.email ?? null,
          hash,
        ],
      );
      const after = presentUser((await userRow(em, id))!);
      return { subject: { userId: id }, before: null, after, result: after };
    },
    taken,
  );
  ctx.status = 201;
}

/** PATCH /api/admin/users/:userId: roles and active flag, before → after; switching off ends the user's sessions. */
export async function changeUserPermissions(ctx: Context, deps: ApiDeps): Promise<void> {
  const parsed = userIdParam.safeParse(ctx.params);
  if (!parsed.success) throw notFound('No such user');
  const { userId } = parsed.data;
  const input = bodyOf(ctx, userPermissionsInput);
  const after = await adminChange(
    ctx,
    deps,
    'user.permissions_changed',
    async (em) => {
      const row = await userRow(em, userId);
      if (!row) throw notFound('No such user');
      const before = { roles: JSON.parse(String(row.roles)) as string[], active: bool(row.active) };
      const next = { roles: input.roles ?? before.roles, active: input.active ?? before.active };
      // Back on only in a post that is itself on: a user of a switched-off unit has nowhere to work.
      if (next.active && !before.active) await requireActivePost(em, String(row.position_id), 'active');
      await em.query('UPDATE users SET roles = ?, active = ? WHERE id = ?', [
        JSON.stringify(next.roles),
        next.active ? 1 : 0,
        userId,
      ]);
      return { subject: { userId }, before, after: next, result: next };
    },
    () => conflict('CONFLICT', 'Conflicting change'),
  );
  if (!after.active) await revokeOtherSessions(deps.ds, userId, undefined);
  ctx.body = { id: userId, ...after };
}

/** POST /api/admin/users/:userId/password: sets a new password and ends every session of the user. */
export async function resetPassword(ctx: Context, deps: ApiDeps): Promise<void> {
  const parsed = userIdParam.safeParse(ctx.params);
  if (!parsed.success) throw notFound('No such user');
  const { userId } = parsed.data;
  const input = bodyOf(ctx, passwordResetInput);
  const [user] = (await deps.ds.query('SELECT username FROM users WHERE id = ?', [userId])) as Row[];
  if (!user) throw notFound('No such user');
  checkPassword(deps, input.password, String(user.username));
  const hash = await argon2.hash(input.password, { type: argon2.argon2id });
  await adminChange(
    ctx,
    deps,
    'user.password_reset',
    async (em) => {
      await em.query('UPDATE users SET password_hash = ? WHERE id = ?', [hash, userId]);
      // The hash itself stays out of the audit row: it records that the password changed, and by whom.
      return { subject: { userId }, before: null, after: { sessionsEnded: true }, result: undefined };
    },
    () => conflict('CONFLICT', 'Conflicting change'),
  );
  await revokeOtherSessions(deps.ds, userId, undefined);
  ctx.status = 204;
}

function checkPassword(deps: ApiDeps, password: string, username: string): void {
  const problem = passwordProblem(password, username, {
    production: deps.env.NODE_ENV === 'production',
    demoPassword: deps.env.DEMO_PASSWORD,
  });
  if (problem) throw new HttpError(400, 'WEAK_PASSWORD', problem, [{ path: 'password', message: problem }]);
}

async function userRow(em: EntityManager, id: string): Promise<Row | undefined> {
  return ((await em.query('SELECT * FROM users WHERE id = ?', [id])) as Row[])[0];
}
