import type { EntityManager } from 'typeorm';
import { dbTime } from './time';

/** What a register row records besides its number. */
export interface RegisterRowInput {
  register: string;
  unitId: string;
  year: number;
  /** Business key of the allocation (workflow id + purpose): the same key always gets the same number. */
  idempotencyKey: string;
  documentId: string | null;
  subject: string;
  theirNumber?: string | null;
  theirDate?: string | null;
  fromText?: string | null;
  toText?: string | null;
  remark?: string | null;
  method?: string | null;
  recordedAt: Date;
}

export interface AllocatedNumber {
  number: number;
  year: number;
  entryId: number;
  /** False when the key had already been allocated (a retried activity): nothing new was written. */
  created: boolean;
}

/**
 * Takes the next number of (unit, register, year) and writes its register row, inside the caller's transaction.
 * Gap-free: the counter moves only when the row is written, both commit together. The counter row is created
 * before it is locked (INSERT IGNORE), because creating it under the lock deadlocks on MySQL; the unique index on
 * (register, unit, year, number) is the last guard against a duplicate.
 */
export async function allocateNumber(em: EntityManager, row: RegisterRowInput): Promise<AllocatedNumber> {
  const existing = await findByKey(em, row.idempotencyKey);
  if (existing) return { ...existing, created: false };
  const key = [row.unitId, row.register, row.year];
  const lockCounter = () =>
    em.query(
      `SELECT last_value FROM counters WHERE unit_id = ? AND register = ? AND year = ?${forUpdate(em)}`,
      key,
    ) as Promise<Array<{ last_value: number | string }>>;
  // Lock the existing row first: INSERT IGNORE on an existing row takes a shared lock, and two transactions
  // upgrading shared locks deadlock. Only the first number of a year creates the row (a rare race, retried).
  let locked = await lockCounter();
  if (locked.length === 0) {
    await em.query(`${insertIgnore(em)} INTO counters (unit_id, register, year, last_value) VALUES (?, ?, ?, 0)`, key);
    locked = await lockCounter();
  }
  const next = Number(locked[0].last_value) + 1;
  await em.query('UPDATE counters SET last_value = ? WHERE unit_id = ? AND register = ? AND year = ?', [
    next,
    row.unitId,
    row.register,
    row.year,
  ]);
  await em.query(
    `INSERT INTO register_entries (register, unit_id, year, number, idempotency_key, document_id, their_number,
       their_date, from_text, to_text, subject, remark, method, cancelled, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
    [
      row.register,
      row.unitId,
      row.year,
      next,
      row.idempotencyKey,
      row.documentId,
      row.theirNumber ?? null,
      row.theirDate ?? null,
      row.fromText ?? null,
      row.toText ?? null,
      row.subject,
      row.remark ?? null,
      row.method ?? null,
      dbTime(row.recordedAt),
    ],
  );
  const created = await findByKey(em, row.idempotencyKey);
  if (!created) throw new Error(`register row ${row.idempotencyKey} vanished inside its own transaction`);
  return { ...created, created: true };
}

/** ` FOR UPDATE` on MySQL; nothing on SQLite, whose transactions are serialised (BEGIN IMMEDIATE). */
export function forUpdate(em: EntityManager): string {
  return em.connection.options.type === 'mysql' ? ' FOR UPDATE' : '';
}

/** `INSERT IGNORE` (MySQL) or `INSERT OR IGNORE` (SQLite). */
export function insertIgnore(em: EntityManager): string {
  return em.connection.options.type === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
}

async function findByKey(em: EntityManager, key: string): Promise<Omit<AllocatedNumber, 'created'> | undefined> {
  const rows = (await em.query('SELECT id, number, year FROM register_entries WHERE idempotency_key = ?', [
    key,
  ])) as Array<{
    id: number | string;
    number: number | string;
    year: number | string;
  }>;
  if (rows.length === 0) return undefined;
  return { entryId: Number(rows[0].id), number: Number(rows[0].number), year: Number(rows[0].year) };
}
