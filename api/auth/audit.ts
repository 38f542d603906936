import type { DataSource } from 'typeorm';
import { appendAudit } from '../../db/audit';
import { inTransaction } from '../../db/transaction';

/** Appends one sign-in or permission event to the audit chain, in its own transaction. */
export function auditAuth(
  ds: DataSource,
  action: string,
  actorUserId: string | null,
  details: Record<string, unknown>,
): Promise<number> {
  return inTransaction(ds, (em) => appendAudit(em, { at: new Date(), actorUserId, action, details }));
}
