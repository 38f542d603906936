import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { dbTime } from './time';

/**
 * Marks a workflow step as applied, inside the transaction that applies it. Returns false when it was applied
 * before (a retried activity whose first attempt committed), so the caller writes nothing twice.
 */
export async function claimStep(em: EntityManager, stepKey: string, at: Date): Promise<boolean> {
  const id = createHash('sha256').update(`step:${stepKey}`).digest('hex');
  const seen = (await em.query('SELECT id FROM idempotency_keys WHERE id = ?', [id])) as unknown[];
  if (seen.length > 0) return false;
  await em.query(
    'INSERT INTO idempotency_keys (id, request_hash, status, response, created_at) VALUES (?, ?, 0, ?, ?)',
    [id, id, stepKey.slice(0, 500), dbTime(at)],
  );
  return true;
}
