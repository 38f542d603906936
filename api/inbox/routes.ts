import Router from '@koa/router';
import { formatReceiptStamp, formatThaiDateTime, urgencyLabel } from '../../domain';
import { dbTime, parseDbTime } from '../../db/time';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { queryOf } from '../middleware/validate';
import { decodeCursor, encodeCursor } from '../support/cursor';
import { inboxQuery } from './schema';

type Row = Record<string, unknown>;

/** GET /api/inbox: the caller's open tasks (and the unit's queue with scope=unit), newest first, from the read model. */
export function createInboxRouter({ ds }: ApiDeps): Router {
  const router = new Router({ prefix: '/api' });

  router.get('/inbox', async function listInbox(ctx) {
    const user = ctx.state.user as AuthUser;
    const query = queryOf(ctx, inboxQuery);
    const now = new Date();
    const where: string[] = ["t.status = 'open'"];
    const params: unknown[] = [];
    if (query.scope === 'unit') {
      where.push('t.unit_id = ?');
      params.push(user.registryUnit.id);
    } else {
      // Mine: tasks I hold, and the queue of my unit for a role I have (a clerk's triage queue).
      const roles = user.roles.length ? user.roles : ['-'];
      where.push(
        `(t.assignee_user_id = ? OR (t.assignee_user_id IS NULL AND t.unit_id = ? AND t.queue_role IN (${roles.map(() => '?').join(',')})))`,
      );
      params.push(user.id, user.registryUnit.id, ...roles);
    }
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (query.urgency) add('t.urgency = ?', query.urgency);
    if (query.type) add('t.type = ?', query.type);
    if (query.overdue === 'true') add('t.due_at < ?', dbTime(now));
    if (query.overdue === 'false') add('(t.due_at IS NULL OR t.due_at >= ?)', dbTime(now));
    if (query.q) add('(t.subject LIKE ? OR t.from_text LIKE ?)', `%${query.q}%`, `%${query.q}%`);
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor);
      where.push('(t.created_at < ? OR (t.created_at = ? AND t.id < ?))');
      params.push(createdAt, createdAt, id);
    }
    const rows = (await ds.query(
      `SELECT t.*, d.receipt_number, d.received_at, u.display_name FROM tasks t
       JOIN documents d ON d.id = t.document_id LEFT JOIN users u ON u.id = t.assignee_user_id
       WHERE ${where.join(' AND ')} ORDER BY t.created_at DESC, t.id DESC LIMIT ${query.limit + 1}`,
      params,
    )) as Row[];
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    ctx.body = {
      items: page.map((t) => presentTask(t, now)),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor(
              String(last.created_at instanceof Date ? dbTime(last.created_at) : last.created_at),
              String(last.id),
            )
          : null,
    };
  });

  return router;
}

function presentTask(t: Row, now: Date) {
  const createdAt = parseDbTime(t.created_at);
  const dueAt = t.due_at ? parseDbTime(t.due_at) : undefined;
  const receivedAt = t.received_at ? parseDbTime(t.received_at) : undefined;
  return {
    taskId: t.id,
    documentId: t.document_id,
    type: t.type,
    subject: t.subject,
    urgency: t.urgency,
    urgencyText: urgencyLabel(t.urgency as never),
    dueAt: dueAt?.toISOString() ?? null,
    dueAtText: dueAt ? formatThaiDateTime(dueAt) : null,
    overdue: dueAt ? dueAt < now : false,
    createdAt: createdAt.toISOString(),
    createdAtText: formatThaiDateTime(createdAt),
    from: t.from_text,
    assignee: t.assignee_user_id ? { id: t.assignee_user_id, displayName: t.display_name } : null,
    ...(t.receipt_number !== null && receivedAt
      ? { receiptText: formatReceiptStamp({ number: Number(t.receipt_number), receivedAt }) }
      : {}),
  };
}
