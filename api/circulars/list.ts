import type { Context } from 'koa';
import { formatThaiDateTime, urgencyLabel } from '../../domain';
import { dbTime, parseDbTime } from '../../db/time';
import { canSeeDocument, isSecret } from '../access/visibility';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { queryOf } from '../middleware/validate';
import { decodeCursor, encodeCursor } from '../support/cursor';
import { circularListQuery } from './schema';

type Row = Record<string, unknown>;

/**
 * GET /api/circulars: the circulars sent by the caller's unit and the units it oversees, newest first, each with how
 * many units it went to, how many acknowledged, how many let it expire and how many were escalated; counted in SQL
 * from the acknowledgements read model, one query per page.
 */
export async function listCirculars(ctx: Context, { ds }: ApiDeps): Promise<void> {
  const user = ctx.state.user as AuthUser;
  const query = queryOf(ctx, circularListQuery);
  const units = [user.registryUnit.id, ...user.overseenUnitIds];
  const where = [`d.direction = 'circular'`, `d.unit_id IN (${units.map(() => '?').join(',')})`];
  const params: unknown[] = [...units];
  if (query.stage) {
    where.push('d.stage = ?');
    params.push(query.stage);
  }
  if (query.pending === 'true') {
    where.push(
      `EXISTS (SELECT 1 FROM circular_acknowledgements p WHERE p.document_id = d.id AND p.status = 'pending')`,
    );
  }
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor);
    where.push('(d.created_at < ? OR (d.created_at = ? AND d.id < ?))');
    params.push(createdAt, createdAt, id);
  }
  const rows = (await ds.query(
    `SELECT d.id, d.direction, d.created_by, d.subject, d.urgency, d.secrecy, d.stage, d.medium, d.number_code, d.unit_id, d.to_text,
       d.paper_reason, d.created_at,
       (SELECT COUNT(*) FROM circular_acknowledgements a WHERE a.document_id = d.id) AS units,
       (SELECT COUNT(*) FROM circular_acknowledgements a WHERE a.document_id = d.id AND a.status = 'acknowledged')
         AS acknowledged,
       (SELECT COUNT(*) FROM circular_acknowledgements a WHERE a.document_id = d.id AND a.status = 'expired')
         AS expired,
       (SELECT COUNT(*) FROM circular_acknowledgements a
         WHERE a.document_id = d.id AND a.status = 'pending' AND a.escalated_at IS NOT NULL) AS escalated
     FROM documents d WHERE ${where.join(' AND ')}
     ORDER BY d.created_at DESC, d.id DESC LIMIT ${query.limit + 1}`,
    params,
  )) as Row[];
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  // A ลับ/ลับมาก circular is listed only to those who may open it (a page can then be shorter than the limit).
  const visible: Row[] = [];
  for (const row of page) if (!isSecret(row.secrecy) || (await canSeeDocument(ds, row, user))) visible.push(row);
  ctx.body = {
    items: visible.map(presentCircular),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor(dbTime(parseDbTime(last.created_at)), String(last.id)) : null,
  };
}

function presentCircular(r: Row) {
  const createdAt = parseDbTime(r.created_at);
  const units = Number(r.units);
  const acknowledged = Number(r.acknowledged);
  const expired = Number(r.expired);
  return {
    id: String(r.id),
    subject: String(r.subject),
    urgency: String(r.urgency),
    urgencyText: urgencyLabel(r.urgency as never),
    secrecy: String(r.secrecy),
    stage: String(r.stage),
    medium: String(r.medium),
    number: r.number_code ? String(r.number_code) : null,
    unitId: String(r.unit_id),
    toText: r.to_text ? String(r.to_text) : '',
    ...(r.paper_reason ? { paperReason: String(r.paper_reason) } : {}),
    createdAt: createdAt.toISOString(),
    createdAtText: formatThaiDateTime(createdAt),
    acknowledgements: {
      units,
      acknowledged,
      expired,
      pending: units - acknowledged - expired,
      escalated: Number(r.escalated),
    },
  };
}
