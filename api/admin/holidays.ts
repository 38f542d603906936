import type { Context } from 'koa';
import { beYearOf, formatThaiCalendarDate, weekdayOf } from '../../domain';
import { holidayById, listHolidays, type HolidayRow } from '../../db/holidays';
import { dbTime } from '../../db/time';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { bodyOf, queryOf } from '../middleware/validate';
import { adminChange, conflict, missing } from './change';
import { holidayCreateInput, holidayIdParam, holidayQuery } from './schema';

/** A holiday with its Thai date (BE, Thai digits) and whether it falls on a weekend (then it changes nothing). */
function presentHoliday(h: HolidayRow) {
  const weekday = weekdayOf(h.date);
  return { ...h, dateText: formatThaiCalendarDate(h.date, 'long'), weekend: weekday === 0 || weekday === 6 };
}

/** GET /api/admin/holidays?year=2569: the holidays of a Buddhist-era year, in date order. */
export async function listYearHolidays(ctx: Context, deps: ApiDeps): Promise<void> {
  const { year = beYearOf(new Date()) } = queryOf(ctx, holidayQuery);
  const ce = year - 543;
  const items = await listHolidays(deps.ds, `${ce}-01-01`, `${ce}-12-31`);
  ctx.body = { year, items: items.map(presentHoliday) };
}

const duplicate = () => conflict('HOLIDAY_EXISTS', 'This holiday is already on the calendar (มีวันหยุดนี้แล้ว)', 'date');

/**
 * POST /api/admin/holidays: 409 HOLIDAY_EXISTS for the same name on the same day. Lives started from now on count
 * it (api/support/timing.ts); running ones keep the calendar they started with.
 */
export async function addHoliday(ctx: Context, deps: ApiDeps): Promise<void> {
  const input = bodyOf(ctx, holidayCreateInput);
  const admin = ctx.state.user as AuthUser;
  ctx.body = await adminChange(
    ctx,
    deps,
    'calendar.holiday_added',
    async (em) => {
      const same = (await em.query('SELECT id FROM holidays WHERE date = ? AND name = ?', [
        input.date,
        input.name,
      ])) as unknown[];
      if (same.length) throw duplicate();
      await em.query(
        `INSERT INTO holidays (date, name, name_en, kind, status, created_at, created_by)
         VALUES (?, ?, ?, ?, 'verified', ?, ?)`,
        [input.date, input.name, input.nameEn || null, input.kind, dbTime(new Date()), admin.id],
      );
      const [{ id }] = (await em.query('SELECT id FROM holidays WHERE date = ? AND name = ?', [
        input.date,
        input.name,
      ])) as Array<{ id: number }>;
      const after = presentHoliday((await holidayById(em, Number(id)))!);
      return { subject: { holidayId: after.id, date: after.date }, before: null, after, result: after };
    },
    duplicate,
  );
  ctx.status = 201;
}

/** DELETE /api/admin/holidays/:holidayId: the row goes; the audit row keeps what it was. */
export async function removeHoliday(ctx: Context, deps: ApiDeps): Promise<void> {
  const parsed = holidayIdParam.safeParse(ctx.params);
  if (!parsed.success) throw missing('holiday', 'holidayId');
  const { holidayId } = parsed.data;
  await adminChange(
    ctx,
    deps,
    'calendar.holiday_removed',
    async (em) => {
      const before = await holidayById(em, holidayId);
      if (!before) throw missing('holiday', 'holidayId');
      await em.query('DELETE FROM holidays WHERE id = ?', [holidayId]);
      return { subject: { holidayId, date: before.date }, before, after: null, result: undefined };
    },
    duplicate,
  );
  ctx.status = 204;
}
