import Router from '@koa/router';
import type { DataSource } from 'typeorm';
import { formatReceiptStamp, kindLabel, toThaiDigits, urgencyLabel } from '../../domain';
import { termsOf } from '../../db/search-index';
import { dbTime, parseDbTime } from '../../db/time';
import { canSeeDocument, isSecret } from '../access/visibility';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { queryOf } from '../middleware/validate';
import { decodeCursor, encodeCursor } from '../support/cursor';
import { searchQuery, type SearchQuery } from './schema';

type Row = Record<string, unknown>;

/** Bangkok is UTC+7 all year: a Bangkok day starts at 17:00 UTC the day before. */
const BANGKOK_OFFSET = '+07:00';

/**
 * GET /api/documents: finds documents by Thai words (the search_terms index), number, kind, urgency, stage, dates and
 * unit, newest first, only among documents the caller may see (the same rules as GET /api/documents/:id).
 */
export function createSearchRouter({ ds }: ApiDeps): Router {
  const router = new Router({ prefix: '/api' });

  router.get('/documents', async function searchDocuments(ctx) {
    const user = ctx.state.user as AuthUser;
    const query = queryOf(ctx, searchQuery);
    const { where, params } = filtersOf(query, user);
    const items: Row[] = [];
    let cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    let exhausted = false;
    // Candidates come from SQL (unit, oversight, tasks held); a secret one is kept only when canSeeDocument agrees.
    for (let round = 0; round < 5 && items.length <= query.limit && !exhausted; round++) {
      const batch = await candidates(ds, where, params, cursor, query.limit + 1);
      for (const row of batch) {
        if (items.length > query.limit) break;
        if (!isSecret(row.secrecy) || (await canSeeDocument(ds, row, user))) items.push(row);
      }
      const last = batch[batch.length - 1];
      exhausted = batch.length < query.limit + 1 || !last;
      if (last) cursor = [timeText(last.created_at), String(last.id)];
    }
    const more = items.length > query.limit || (!exhausted && items.length > 0);
    const page = items.slice(0, query.limit);
    const last = page[page.length - 1];
    ctx.body = {
      items: page.map(presentHit),
      nextCursor: more && last ? encodeCursor(timeText(last.created_at), String(last.id)) : null,
    };
  });

  return router;
}

function filtersOf(query: SearchQuery, user: AuthUser): { where: string[]; params: unknown[] } {
  const units = [user.registryUnit.id, ...user.overseenUnitIds];
  const where = [
    `(d.unit_id IN (${units.map(() => '?').join(',')}) OR d.created_by = ?
      OR EXISTS (SELECT 1 FROM tasks t WHERE t.document_id = d.id AND (t.assignee_user_id = ? OR t.closed_by = ?)))`,
  ];
  const params: unknown[] = [...units, user.id, user.id, user.id];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  for (const [i, term] of termsOf(query.q).slice(0, 10).entries()) {
    // Every word must match; the last one may be the start of a word still being typed.
    const last = i === termsOf(query.q).slice(0, 10).length - 1;
    add(
      `EXISTS (SELECT 1 FROM search_terms s WHERE s.document_id = d.id AND s.term ${last ? "LIKE ? ESCAPE '!'" : '= ?'})`,
      last ? `${escapeLike(term)}%` : term,
    );
  }
  if (query.number) {
    const numeric = /^(\d{1,9})(?:\/(\d{4}))?$/.exec(query.number);
    if (numeric) {
      // A bare number is a receipt number, our own document's running number, or the running number at the end of
      // the sender's ("กท 1601/123").
      add(
        `(d.receipt_number = ? OR d.number_value = ? OR d.sender_number LIKE ? ESCAPE '!'
          OR d.sender_number LIKE ? ESCAPE '!')`,
        Number(numeric[1]),
        Number(numeric[1]),
        `%/${escapeLike(query.number)}`,
        `% ${escapeLike(query.number)}`,
      );
      if (numeric[2]) add('(d.receipt_year = ? OR d.number_year = ?)', Number(numeric[2]), Number(numeric[2]));
    } else {
      const like = `%${escapeLike(query.number)}%`;
      add("(d.sender_number LIKE ? ESCAPE '!' OR d.number_code LIKE ? ESCAPE '!')", like, like);
    }
  }
  if (query.kind) add('d.kind = ?', query.kind);
  if (query.urgency) add('d.urgency = ?', query.urgency);
  if (query.secrecy) add('d.secrecy = ?', query.secrecy);
  if (query.stage) add('d.stage = ?', query.stage);
  if (query.unitId) add('d.unit_id = ?', query.unitId);
  if (query.direction) add('d.direction = ?', query.direction);
  if (query.mine === 'true') add('d.created_by = ?', user.id);
  const day = (date: string, endOfDay: boolean) =>
    dbTime(new Date(new Date(`${date}T00:00:00${BANGKOK_OFFSET}`).getTime() + (endOfDay ? 86_400_000 : 0)));
  if (query.from) add('COALESCE(d.received_at, d.created_at) >= ?', day(query.from, false));
  if (query.to) add('COALESCE(d.received_at, d.created_at) < ?', day(query.to, true));
  return { where, params };
}

async function candidates(
  ds: DataSource,
  where: string[],
  params: unknown[],
  cursor: [string, string] | undefined,
  limit: number,
): Promise<Row[]> {
  const all = [...where];
  const values = [...params];
  if (cursor) {
    all.push('(d.created_at < ? OR (d.created_at = ? AND d.id < ?))');
    values.push(cursor[0], cursor[0], cursor[1]);
  }
  return (await ds.query(
    `SELECT d.id, d.direction, d.kind, d.subject, d.urgency, d.secrecy, d.stage, d.medium, d.unit_id, d.sender_name,
       d.sender_number, d.receipt_number, d.receipt_year, d.received_at, d.created_by, d.created_at,
       d.number_register, d.number_value, d.number_year, d.number_code
     FROM documents d WHERE ${all.join(' AND ')} ORDER BY d.created_at DESC, d.id DESC LIMIT ${limit}`,
    values,
  )) as Row[];
}

function presentHit(d: Row) {
  const receivedAt = d.received_at ? parseDbTime(d.received_at) : undefined;
  const receiptNumber = d.receipt_number === null ? undefined : Number(d.receipt_number);
  return {
    id: d.id,
    direction: d.direction,
    kind: d.kind,
    kindText: kindLabel(d.kind as never),
    subject: d.subject,
    urgency: d.urgency,
    urgencyText: urgencyLabel(d.urgency as never),
    secrecy: d.secrecy,
    stage: d.stage,
    medium: d.medium,
    unitId: d.unit_id,
    sender: { name: d.sender_name ?? undefined, number: d.sender_number ?? undefined },
    ...(d.number_code
      ? {
          number: {
            register: String(d.number_register),
            value: Number(d.number_value),
            year: Number(d.number_year),
            code: String(d.number_code),
            text: toThaiDigits(String(d.number_code)),
          },
        }
      : {}),
    ...(receiptNumber !== undefined && receivedAt
      ? {
          receipt: {
            number: receiptNumber,
            year: Number(d.receipt_year),
            receivedAt: receivedAt.toISOString(),
            text: formatReceiptStamp({ number: receiptNumber, receivedAt }),
          },
        }
      : {}),
    createdAt: parseDbTime(d.created_at).toISOString(),
  };
}

const escapeLike = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);

/** The stored text of a DATETIME, as the cursor compares it (MySQL hands back a Date). */
const timeText = (value: unknown) => (value instanceof Date ? dbTime(value) : String(value));
