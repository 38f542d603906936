import Router from '@koa/router';
import {
  formatThaiDateTime,
  isDueSoon,
  isOverdue,
  urgencyLabel,
  workingTimeBetween,
  type WorkCalendar,
} from '../../domain';
import { dbTime, parseDbTime } from '../../db/time';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/authenticate';
import { queryOf } from '../middleware/validate';
import { decodeCursor, encodeCursor } from '../support/cursor';
import { officeCalendar } from '../../db/life-timing';
import { overdueQuery } from './schema';
import { SUPERVISOR_ROLES, supervisedUnitIds } from './scope';

type Row = Record<string, unknown>;

/**
 * GET /api/supervisor/overdue: open tasks past or near their due time in the caller's units and below (a task counts
 * when its queue unit or its holder's unit is one of them), most overdue first, with the holder, the age of the task
 * and the rung of the escalation ladder it has reached. Supervisors and executives only.
 */
export function createSupervisorRouter({ ds, org, env }: ApiDeps): Router {
  const router = new Router({ prefix: '/api/supervisor' });

  router.get('/overdue', async function listOverdue(ctx) {
    const user = ctx.state.user as AuthUser;
    requireRole(user, ...SUPERVISOR_ROLES);
    const query = queryOf(ctx, overdueQuery);
    const now = new Date();
    const units = [...supervisedUnitIds(user, await org.get(), now)];
    const soon = new Date(now.getTime() + env.DUE_SOON_SECONDS * 1000);
    const marks = units.map(() => '?').join(',');
    const where = [
      "t.status = 'open'",
      't.due_at IS NOT NULL',
      `(t.unit_id IN (${marks}) OR hp.unit_id IN (${marks}))`,
    ];
    const params: unknown[] = [...units, ...units];
    if (query.status === 'overdue') where.push('t.due_at < ?');
    else where.push('t.due_at <= ?');
    params.push(dbTime(query.status === 'overdue' ? now : soon));
    if (query.status === 'due_soon') {
      where.push('t.due_at >= ?');
      params.push(dbTime(now));
    }
    if (query.urgency) {
      where.push('t.urgency = ?');
      params.push(query.urgency);
    }
    const base = `FROM tasks t LEFT JOIN users h ON h.id = t.assignee_user_id LEFT JOIN positions hp ON hp.id = h.position_id
       LEFT JOIN units qu ON qu.id = t.unit_id WHERE ${where.join(' AND ')}`;
    const [{ n }] = (await ds.query(`SELECT COUNT(*) AS n ${base}`, params)) as Array<{ n: number | string }>;
    const pageWhere: string[] = [];
    const pageParams: unknown[] = [];
    if (query.cursor) {
      const [dueAt, id] = decodeCursor(query.cursor);
      pageWhere.push('AND (t.due_at > ? OR (t.due_at = ? AND t.id > ?))');
      pageParams.push(dueAt, dueAt, id);
    }
    const rows = (await ds.query(
      `SELECT t.*, h.display_name AS holder_name, hp.title AS holder_title, hp.unit_id AS holder_unit_id, qu.name AS unit_name
       ${base} ${pageWhere.join(' ')} ORDER BY t.due_at ASC, t.id ASC LIMIT ${query.limit + 1}`,
      [...params, ...pageParams],
    )) as Row[];
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    // Ages in working time on the calendar the lives count on (the administrator's holidays), from the oldest task on.
    const oldest = page.reduce((min, t) => Math.min(min, parseDbTime(t.created_at).getTime()), now.getTime());
    const calendar = await officeCalendar({ ds, env }, new Date(oldest));
    ctx.body = {
      items: page.map((t) => presentOverdue(t, now, env.DUE_SOON_SECONDS * 1000, calendar)),
      nextCursor:
        rows.length > query.limit && last ? encodeCursor(dbTime(parseDbTime(last.due_at)), String(last.id)) : null,
      total: Number(n),
    };
  });

  return router;
}

function presentOverdue(t: Row, now: Date, soonMs: number, calendar: WorkCalendar) {
  const createdAt = parseDbTime(t.created_at);
  const dueAt = parseDbTime(t.due_at);
  const overdue = isOverdue(dueAt, now);
  return {
    taskId: t.id,
    documentId: t.document_id,
    type: t.type,
    subject: t.subject,
    urgency: t.urgency,
    urgencyText: urgencyLabel(t.urgency as never),
    unit: { id: t.unit_id, name: t.unit_name ?? null },
    holder: t.assignee_user_id
      ? { id: t.assignee_user_id, displayName: t.holder_name, positionTitle: t.holder_title, unitId: t.holder_unit_id }
      : null,
    queue: t.assignee_user_id ? null : { unitId: t.unit_id, role: t.queue_role },
    createdAt: createdAt.toISOString(),
    createdAtText: formatThaiDateTime(createdAt),
    dueAt: dueAt.toISOString(),
    dueAtText: formatThaiDateTime(dueAt),
    overdue,
    dueSoon: isDueSoon(dueAt, now, soonMs),
    escalationLevel: Number(t.escalation_level ?? 0),
    /** Since the task opened: wall-clock seconds, and working seconds on the office calendar. */
    ageSeconds: Math.max(0, Math.round((now.getTime() - createdAt.getTime()) / 1000)),
    workingAgeSeconds: Math.round(workingTimeBetween(createdAt, now, calendar) / 1000),
    overdueSeconds: overdue ? Math.round((now.getTime() - dueAt.getTime()) / 1000) : 0,
    overdueWorkingSeconds: overdue ? Math.round(workingTimeBetween(dueAt, now, calendar) / 1000) : 0,
  };
}
