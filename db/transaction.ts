import type { DataSource, EntityManager } from 'typeorm';
import { isSqlite } from './data-source';

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

const RETRYABLE_MYSQL = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const RETRYABLE_SQLITE = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']);

/**
 * Runs `work` in one transaction. On SQLite, TypeORM's better-sqlite3 driver shares a single connection, so two
 * concurrent transactions would interleave on it: they are queued in the process. Deadlocks (MySQL) and a busy file
 * (SQLite, another process writing) are retried a few times with a short random back-off.
 */
export async function inTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return isSqlite(ds) ? await queued(ds, () => sqliteTransaction(ds, work)) : await ds.transaction(work);
    } catch (error) {
      const code =
        (error as { code?: string; driverError?: { code?: string } }).driverError?.code ??
        (error as { code?: string }).code;
      const retryable = code !== undefined && (RETRYABLE_MYSQL.has(code) || RETRYABLE_SQLITE.has(code));
      if (!retryable || attempt >= 8) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}

function queued<T>(ds: DataSource, run: () => Promise<T>): Promise<T> {
  const previous = sqliteQueues.get(ds) ?? Promise.resolve();
  const next = previous.then(run, run);
  sqliteQueues.set(
    ds,
    next.catch(() => undefined),
  );
  return next;
}

/** BEGIN IMMEDIATE takes the write lock up front, so a second process waits (busy timeout) instead of failing mid-way. */
async function sqliteTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const runner = ds.createQueryRunner();
  await runner.query('BEGIN IMMEDIATE');
  try {
    const result = await work(runner.manager);
    await runner.query('COMMIT');
    return result;
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
