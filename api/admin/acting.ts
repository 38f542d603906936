import type { Context } from 'koa';
import type { EntityManager } from 'typeorm';
import { ACTING, addCalendarDays, bangkokDateOf } from '../../domain';
import type { ApiDeps } from '../deps';
import { bodyOf } from '../middleware/validate';
import { adminChange, bool, conflict, missing, orNull, refused } from './change';
import { actingCreateInput, actingEndInput, actingIdParam } from './schema';
import { requireActivePost } from './switch';

type Row = Record<string, unknown>;

/** An acting appointment or delegation with who it names and whether it is in force today. */
export function presentActing(a: Row, today: string) {
  const validFrom = String(a.valid_from);
  const validTo = orNull(a.valid_to);
  return {
    id: Number(a.id),
    positionId: String(a.position_id),
    actingUserId: String(a.acting_user_id),
    actingUsername: orNull(a.username),
    actingDisplayName: orNull(a.display_name),
    kind: String(a.kind),
    matters: a.matters ? (JSON.parse(String(a.matters)) as string[]) : null,
    validFrom,
    validTo,
    note: orNull(a.note),
    /** upcoming, in_force, ended; one that ends before it begins was cancelled. */
    state:
      validTo !== null && validTo < validFrom
        ? 'cancelled'
        : validFrom > today
          ? 'upcoming'
          : validTo !== null && validTo < today
            ? 'ended'
            : 'in_force',
  };
}

const SELECT_ACTING = `SELECT a.*, u.username, u.display_name FROM acting_appointments a
  LEFT JOIN users u ON u.id = a.acting_user_id`;

/** Every acting appointment and delegation, newest first (history is kept: ended rows stay). */
export async function listActing(em: EntityManager | ApiDeps['ds'], today: string) {
  const rows = (await em.query(`${SELECT_ACTING} ORDER BY a.valid_from DESC, a.id DESC`)) as Row[];
  return rows.map((r) => presentActing(r, today));
}

/**
 * POST /api/admin/acting: 404 unknown position or user, 422 a switched-off position (or unit), a user acting in
 * their own post or an inactive one,
 * 409 a second รักษาราชการแทน for the same post on overlapping days.
 */
export async function appointActing(ctx: Context, deps: ApiDeps): Promise<void> {
  const input = bodyOf(ctx, actingCreateInput);
  const today = bangkokDateOf(new Date());
  ctx.body = await adminChange(
    ctx,
    deps,
    'org.acting_appointed',
    async (em) => {
      await requireActivePost(em, input.positionId, 'positionId');
      const [user] = (await em.query('SELECT position_id, active FROM users WHERE id = ?', [
        input.actingUserId,
      ])) as Row[];
      if (!user) throw missing('user', 'actingUserId');
      if (!bool(user.active)) throw refused('USER_INACTIVE', 'The user is switched off (บัญชีถูกปิด)', 'actingUserId');
      if (String(user.position_id) === input.positionId)
        throw refused('OWN_POSITION', 'The user already holds this position (ดำรงตำแหน่งนี้อยู่แล้ว)', 'actingUserId');
      if (input.kind === ACTING) await checkNoOverlap(em, input.positionId, input.validFrom, input.validTo ?? null);
      const result = (await em.query(
        `INSERT INTO acting_appointments (position_id, acting_user_id, kind, matters, valid_from, valid_to, note)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [
          input.positionId,
          input.actingUserId,
          input.kind,
          input.matters?.length ? JSON.stringify(input.matters) : null,
          input.validFrom,
          input.validTo ?? null,
          input.note || null,
        ],
      )) as unknown;
      const id = await insertedId(em, result);
      const after = await actingById(em, id, today);
      return { subject: { actingId: id, positionId: input.positionId }, before: null, after, result: after };
    },
    () => conflict('CONFLICT', 'Conflicting change'),
  );
  ctx.status = 201;
}

/**
 * POST /api/admin/acting/:actingId/end: sets the last day in force (default today). 409 ALREADY_ENDED when it ended
 * before that day; 400 when the day is more than one day before its first day.
 */
export async function endActing(ctx: Context, deps: ApiDeps): Promise<void> {
  const parsed = actingIdParam.safeParse(ctx.params);
  if (!parsed.success) throw missing('acting appointment', 'actingId');
  const { actingId } = parsed.data;
  const input = bodyOf(ctx, actingEndInput);
  const today = bangkokDateOf(new Date());
  const validTo = input.validTo ?? today;
  ctx.body = await adminChange(
    ctx,
    deps,
    'org.acting_ended',
    async (em) => {
      const before = await actingById(em, actingId, today).catch(() => undefined);
      if (!before) throw missing('acting appointment', 'actingId');
      if (before.validTo !== null && before.validTo < validTo)
        throw conflict('ALREADY_ENDED', `It already ended on ${before.validTo} (สิ้นสุดแล้ว)`, 'validTo');
      if (validTo < addCalendarDays(before.validFrom, -1))
        throw refused('BEFORE_START', 'The last day is before the first day (วันสิ้นสุดก่อนวันเริ่ม)', 'validTo');
      const note = input.note ? [before.note, input.note].filter(Boolean).join(' / ').slice(0, 500) : before.note;
      await em.query('UPDATE acting_appointments SET valid_to = ?, note = ? WHERE id = ?', [validTo, note, actingId]);
      const after = await actingById(em, actingId, today);
      return { subject: { actingId, positionId: before.positionId }, before, after, result: after };
    },
    () => conflict('CONFLICT', 'Conflicting change'),
  );
}

async function actingById(em: EntityManager, id: number, today: string) {
  const [row] = (await em.query(`${SELECT_ACTING} WHERE a.id = ?`, [id])) as Row[];
  if (!row) throw missing('acting appointment', 'actingId');
  return presentActing(row, today);
}

/** Two รักษาราชการแทน for one post on the same day would make the signature block ambiguous. */
async function checkNoOverlap(em: EntityManager, positionId: string, from: string, to: string | null) {
  const rows = (await em.query(
    `SELECT id, valid_from, valid_to FROM acting_appointments WHERE position_id = ? AND kind = ?
       AND (valid_to IS NULL OR valid_to >= ?) AND (? IS NULL OR valid_from <= ?)`,
    [positionId, ACTING, from, to, to],
  )) as Row[];
  const clash = rows.find((r) => r.valid_to === null || String(r.valid_to) >= String(r.valid_from));
  if (clash)
    throw conflict(
      'OVERLAPPING_APPOINTMENT',
      `Someone already acts in this post on these days (appointment ${String(clash.id)}) (มีผู้รักษาราชการแทนในช่วงวันนี้แล้ว)`,
      'validFrom',
    );
}

/** The id of the row just inserted: better-sqlite3 answers with the row id itself, mysql2 with `insertId`. */
async function insertedId(em: EntityManager, result: unknown): Promise<number> {
  if (typeof result === 'number' || typeof result === 'bigint') return Number(result);
  const insertId = (result as { insertId?: number } | undefined)?.insertId;
  if (insertId) return Number(insertId);
  const [row] = (await em.query('SELECT MAX(id) AS id FROM acting_appointments')) as Array<{ id: number | string }>;
  return Number(row.id);
}
