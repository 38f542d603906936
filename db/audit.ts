import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { forUpdate, insertIgnore } from './numbering';
import { dbTime, parseDbTime } from './time';

/** What an audit row says: who did what to which document, with details. */
export interface AuditInput {
  actorUserId: string | null;
  action: string;
  documentId?: string | null;
  details?: Record<string, unknown>;
  at: Date;
}

/** The hash of the first row's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

/** The canonical text a row's hash covers: previous hash + every field, keys sorted, so verification can recompute it. */
export function auditHash(prevHash: string, row: Omit<AuditInput, 'at'> & { id: number; at: Date }): string {
  const content = canonicalJson({
    id: row.id,
    at: row.at.toISOString(),
    actorUserId: row.actorUserId ?? null,
    action: row.action,
    documentId: row.documentId ?? null,
    details: row.details ?? {},
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value instanceof Date ? value.toISOString() : value);
}

/**
 * Appends one row to the hash chain inside the caller's transaction. The head row is locked first, so concurrent
 * appends line up and the chain never forks; ids are assigned here (not by auto-increment) so the hash can cover them.
 */
export async function appendAudit(em: EntityManager, input: AuditInput): Promise<number> {
  const lockHead = () =>
    em.query(`SELECT last_id, last_hash FROM audit_head WHERE id = 1${forUpdate(em)}`) as Promise<
      Array<{ last_id: number | string; last_hash: string }>
    >;
  // Lock first, create only when missing: see allocateNumber for why INSERT IGNORE must not come first.
  let [head] = await lockHead();
  if (!head) {
    await em.query(`${insertIgnore(em)} INTO audit_head (id, last_id, last_hash) VALUES (1, 0, ?)`, [GENESIS_HASH]);
    [head] = await lockHead();
  }
  const id = Number(head.last_id) + 1;
  // Millisecond precision is what both databases keep, so the hash is computed over what is stored.
  const at = new Date(Math.floor(input.at.getTime()));
  const hash = auditHash(head.last_hash, { ...input, id, at });
  await em.query(
    'INSERT INTO audit_log (id, at, actor_user_id, action, document_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [
      id,
      dbTime(at),
      input.actorUserId,
      input.action,
      input.documentId ?? null,
      JSON.stringify(input.details ?? {}),
      head.last_hash,
      hash,
    ],
  );
  await em.query('UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1', [id, hash]);
  return id;
}

/** The result of walking the chain: the first row whose hash or link does not match, if any. */
export interface AuditVerification {
  rows: number;
  ok: boolean;
  firstBadId?: number;
  problem?: string;
}

/** Recomputes every hash from the stored rows in id order and checks each link to its predecessor. */
export async function verifyAuditChain(em: EntityManager, batch = 1000): Promise<AuditVerification> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const rows = (await em.query(
      `SELECT id, at, actor_user_id, action, document_id, details, prev_hash, hash FROM audit_log WHERE id > ? ORDER BY id LIMIT ${batch}`,
      [lastId],
    )) as Array<Record<string, unknown>>;
    if (rows.length === 0) return { rows: count, ok: true };
    for (const r of rows) {
      const id = Number(r.id);
      if (id !== lastId + 1) return { rows: count, ok: false, firstBadId: id, problem: `row ${lastId + 1} is missing` };
      if (r.prev_hash !== prev)
        return { rows: count, ok: false, firstBadId: id, problem: 'link to previous row broken' };
      const at = parseDbTime(r.at);
      const details =
        typeof r.details === 'string'
          ? (JSON.parse(r.details) as Record<string, unknown>)
          : (r.details as Record<string, unknown>);
      const expected = auditHash(prev, {
        id,
        at,
        actorUserId: (r.actor_user_id as string | null) ?? null,
        action: String(r.action),
        documentId: (r.document_id as string | null) ?? null,
        details,
      });
      if (expected !== r.hash)
        return { rows: count, ok: false, firstBadId: id, problem: 'content does not match its hash' };
      prev = String(r.hash);
      lastId = id;
      count++;
    }
  }
}
