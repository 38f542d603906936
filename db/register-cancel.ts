import type { EntityManager } from 'typeorm';
import { dbTime } from './time';

/** Who cancels a register row, when and why. */
export interface RegisterCancellation {
  reason: string;
  byUserId: string | null;
  at: Date;
}

/**
 * Marks the register row of `idempotencyKey` ยกเลิก inside the caller's transaction: the row and its number stay
 * (a number once taken is never reused or deleted), with who, when and why. The remark reads "ยกเลิก: <why>", and a
 * remark the row already had (a paper document's reason) is kept after it in brackets.
 */
export async function cancelRegisterEntry(em: EntityManager, idempotencyKey: string, c: RegisterCancellation) {
  const [row] = (await em.query('SELECT remark FROM register_entries WHERE idempotency_key = ?', [
    idempotencyKey,
  ])) as Array<{ remark: string | null }>;
  if (!row) return;
  const before = row.remark && !row.remark.startsWith('ยกเลิก') ? ` (${row.remark})` : '';
  const remark = `ยกเลิก${c.reason ? `: ${c.reason}` : ''}${before}`.slice(0, 500);
  await em.query(
    `UPDATE register_entries SET cancelled = 1, remark = ?, cancel_reason = ?, cancelled_by = ?, cancelled_at = ?
     WHERE idempotency_key = ?`,
    [remark, c.reason.slice(0, 400) || null, c.byUserId, dbTime(c.at), idempotencyKey],
  );
}
