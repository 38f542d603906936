import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from './audit';
import { forUpdate } from './numbering';
import { dbTime, parseDbTime } from './time';

type Db = DataSource | EntityManager;
type Row = Record<string, unknown>;

/** Where a held message stands: waiting for the clerk, registered as a document, or refused. */
export type HeldStatus = 'held' | 'accepted' | 'rejected';

/** A message that reached a unit's central address from a sender outside the directory (table `held_mail`). */
export interface HeldMail {
  id: number;
  unitId: string;
  rawSha256: string;
  messageId: string;
  from: string;
  senderName: string;
  subject: string;
  receivedAt: Date;
  pdfs: Array<{ name: string; sha256: string }>;
  status: HeldStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  documentId: string | null;
  rejectReason: string | null;
}

/** What the intake holds: the message as parsed, for one unit. */
export type HeldInput = Pick<
  HeldMail,
  'unitId' | 'rawSha256' | 'messageId' | 'from' | 'senderName' | 'subject' | 'receivedAt' | 'pdfs'
>;

function present(r: Row): HeldMail {
  const orNull = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: Number(r.id),
    unitId: String(r.unit_id),
    rawSha256: String(r.raw_sha256),
    messageId: String(r.message_id),
    from: String(r.from_address),
    senderName: String(r.sender_name),
    subject: String(r.subject),
    receivedAt: parseDbTime(r.received_at),
    pdfs: JSON.parse(String(r.pdfs)) as HeldMail['pdfs'],
    status: String(r.status) as HeldStatus,
    decidedBy: orNull(r.decided_by),
    decidedAt: r.decided_at === null || r.decided_at === undefined ? null : parseDbTime(r.decided_at),
    documentId: orNull(r.document_id),
    rejectReason: orNull(r.reject_reason),
  };
}

/** True when the message is already held for the unit (a redelivery), whatever was decided on it. */
export async function isHeld(db: Db, rawSha256: string, unitId: string): Promise<boolean> {
  const rows = (await db.query('SELECT id FROM held_mail WHERE raw_sha256 = ? AND unit_id = ?', [
    rawSha256,
    unitId,
  ])) as unknown[];
  return rows.length > 0;
}

/**
 * Holds a message for the unit and audits it as `mail.held`, inside the caller's transaction; returns the held id.
 * A second delivery of the same message to the same unit fails on the unique key (raw_sha256, unit_id): the caller
 * rolls back and treats it as held already (isUniqueViolation).
 */
export async function holdMail(em: EntityManager, m: HeldInput): Promise<number> {
  await em.query(
    `INSERT INTO held_mail (unit_id, raw_sha256, message_id, from_address, sender_name, subject, received_at, pdfs, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'held')`,
    [m.unitId, m.rawSha256, m.messageId, m.from, m.senderName, m.subject, dbTime(m.receivedAt), JSON.stringify(m.pdfs)],
  );
  // Read back by the unique key rather than the driver's insert id, which the two drivers report differently.
  const [row] = (await em.query('SELECT id FROM held_mail WHERE raw_sha256 = ? AND unit_id = ?', [
    m.rawSha256,
    m.unitId,
  ])) as Array<{ id: number | string }>;
  const id = Number(row.id);
  await appendAudit(em, {
    at: m.receivedAt,
    actorUserId: null,
    action: 'mail.held',
    details: { heldId: id, ...m, receivedAt: m.receivedAt.toISOString() },
  });
  return id;
}

/**
 * Which rows a clerk still has to act on: the held ones, and the accepted ones whose registration never finished (the
 * API died between committing the decision and registering: no document under the held row's document id) once the
 * decision is older than `before`, so a registration still in flight is left to the request that runs it.
 */
const WAITING = `(status = 'held' OR (status = 'accepted' AND decided_at < ?
  AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = held_mail.document_id)))`;

/**
 * One page of a unit's messages still waiting (held, or accepted with the registration unfinished since before
 * `unfinishedBefore`), oldest first, keyset-paged on (received_at, id); and how many wait.
 */
export async function heldMailPage(
  db: Db,
  unitId: string,
  page: { limit: number; unfinishedBefore: Date; after?: { receivedAt: string; id: number } },
): Promise<{ items: HeldMail[]; more: boolean; total: number }> {
  const before = dbTime(page.unfinishedBefore);
  const [{ n }] = (await db.query(`SELECT COUNT(*) AS n FROM held_mail WHERE unit_id = ? AND ${WAITING}`, [
    unitId,
    before,
  ])) as Array<{ n: number | string }>;
  const after = page.after ? 'AND (received_at > ? OR (received_at = ? AND id > ?))' : '';
  const rows = (await db.query(
    `SELECT * FROM held_mail WHERE unit_id = ? AND ${WAITING} ${after} ORDER BY received_at, id LIMIT ${page.limit + 1}`,
    [unitId, before, ...(page.after ? [page.after.receivedAt, page.after.receivedAt, page.after.id] : [])],
  )) as Row[];
  return { items: rows.slice(0, page.limit).map(present), more: rows.length > page.limit, total: Number(n) };
}

/** True when a document with this id exists (the registration of an accepted message has committed). */
export async function documentExists(db: Db, documentId: string): Promise<boolean> {
  const rows = (await db.query('SELECT id FROM documents WHERE id = ?', [documentId])) as unknown[];
  return rows.length > 0;
}

/**
 * True when the message was accepted before `before` and its registration never finished (no document): a clerk of
 * the unit may accept it again, which runs the same idempotent registration.
 */
export async function registrationUnfinished(db: Db, held: HeldMail, before: Date): Promise<boolean> {
  if (held.status !== 'accepted' || !held.documentId || !held.decidedAt) return false;
  return held.decidedAt.getTime() < before.getTime() && !(await documentExists(db, held.documentId));
}

/** The unit's held message by id, whatever its status (undefined for another unit's: the caller answers 404). */
export async function heldMailOf(db: Db, unitId: string, id: number): Promise<HeldMail | undefined> {
  const [row] = (await db.query('SELECT * FROM held_mail WHERE id = ? AND unit_id = ?', [id, unitId])) as Row[];
  return row ? present(row) : undefined;
}

/**
 * The same, with the row locked until the caller's transaction ends (MySQL FOR UPDATE; SQLite's BEGIN IMMEDIATE
 * already serialises writers), so two clerks deciding at once see one another's decision: one wins, one is told.
 */
export async function lockHeldMail(em: EntityManager, unitId: string, id: number): Promise<HeldMail | undefined> {
  const [row] = (await em.query(`SELECT * FROM held_mail WHERE id = ? AND unit_id = ?${forUpdate(em)}`, [
    id,
    unitId,
  ])) as Row[];
  return row ? present(row) : undefined;
}

/** The decision on a held message, written under the row lock taken by lockHeldMail. */
export interface Decision {
  status: HeldStatus;
  by: string | null;
  at: Date;
  documentId?: string | null;
  rejectReason?: string | null;
}

/** Stores a decision (or, with status 'held', takes one back); the caller holds the row lock and writes the audit row. */
export async function decideHeldMail(em: EntityManager, id: number, d: Decision): Promise<void> {
  const held = d.status === 'held';
  await em.query(
    'UPDATE held_mail SET status = ?, decided_by = ?, decided_at = ?, document_id = ?, reject_reason = ? WHERE id = ?',
    [d.status, held ? null : d.by, held ? null : dbTime(d.at), d.documentId ?? null, d.rejectReason ?? null, id],
  );
}

/**
 * A clerk's accept of the message `locked` (lockHeldMail's row, lock held): the decision and its audit row, in the
 * caller's transaction. Taking over an accept whose registration never finished is audited `mail.accept_resumed`,
 * naming the earlier clerk and time; a first accept is `mail.accepted`.
 */
export async function recordAccept(
  em: EntityManager,
  locked: HeldMail,
  a: { by: string; at: Date; documentId: string },
): Promise<void> {
  await decideHeldMail(em, locked.id, { status: 'accepted', by: a.by, at: a.at, documentId: a.documentId });
  const resumed = locked.status === 'accepted';
  await appendAudit(em, {
    at: a.at,
    actorUserId: a.by,
    action: resumed ? 'mail.accept_resumed' : 'mail.accepted',
    documentId: a.documentId,
    details: {
      heldId: locked.id,
      unitId: locked.unitId,
      documentId: a.documentId,
      ...(resumed ? { decidedBy: locked.decidedBy, decidedAt: locked.decidedAt?.toISOString() } : {}),
    },
  });
}
