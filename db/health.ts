import Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { isSqlite } from './data-source';

/**
 * Checks that the database can do its job, not only that a socket answers: on MySQL a read of a real table through
 * the pool (a locked account, revoked grants or a dead server fail it); on SQLite that the file's write lock can be
 * taken within `timeoutMs` through a second connection (another process holding it means nothing can be written).
 */
export async function probeDatabase(ds: DataSource, timeoutMs = 1000): Promise<void> {
  if (!isSqlite(ds)) {
    await ds.query('SELECT last_id FROM audit_head LIMIT 1');
    return;
  }
  const probe = new Database(String(ds.options.database), { timeout: timeoutMs, fileMustExist: true });
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.exec('ROLLBACK');
  } finally {
    probe.close();
  }
}
