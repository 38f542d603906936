import type { DataSource } from 'typeorm';
import { forUpdate, insertIgnore } from './numbering';
import { inTransaction } from './transaction';

/** One subject's sign-in failures and lock (api/auth/login-guard.ts); times in epoch ms. */
export interface LoginLockRecord {
  failures: number;
  firstFailureAt: number;
  lockedUntil: number;
  locks: number;
}

/** Where the sign-in guard keeps its records: this process (tests) or the database (every API replica). */
export interface LoginLockStore {
  /** The latest `lockedUntil` among the keys (0: none). */
  lockedUntil(keys: string[]): Promise<number>;
  /** Changes one record atomically (a row lock across replicas) and returns the new one. */
  update(key: string, change: (r: LoginLockRecord) => LoginLockRecord): Promise<LoginLockRecord>;
  delete(key: string): Promise<void>;
  /** Drops records whose lock is over and whose failures are older than `before`. */
  prune(now: number, before: number): Promise<void>;
}

const EMPTY: LoginLockRecord = { failures: 0, firstFailureAt: 0, lockedUntil: 0, locks: 0 };

/** The records in a Map: one process only (unit tests, tools). */
export function memoryLoginLockStore(): LoginLockStore {
  const records = new Map<string, LoginLockRecord>();
  return {
    lockedUntil: (keys) => Promise.resolve(Math.max(0, ...keys.map((k) => records.get(k)?.lockedUntil ?? 0))),
    update(key, change) {
      const next = change(records.get(key) ?? EMPTY);
      records.set(key, next);
      return Promise.resolve(next);
    },
    delete(key) {
      records.delete(key);
      return Promise.resolve();
    },
    prune(now, before) {
      for (const [key, r] of records) if (r.lockedUntil < now && r.firstFailureAt < before) records.delete(key);
      return Promise.resolve();
    },
  };
}

/** The records in `login_locks`: every API replica sees the same failures and locks, and a restart keeps them. */
export function databaseLoginLockStore(ds: DataSource): LoginLockStore {
  return {
    async lockedUntil(keys) {
      const rows = (await ds.query(
        `SELECT MAX(locked_until) AS until FROM login_locks WHERE subject_key IN (${keys.map(() => '?').join(', ')})`,
        keys,
      )) as Array<{ until: unknown }>;
      return Number(rows[0]?.until ?? 0);
    },
    update(key, change) {
      return inTransaction(ds, async (em) => {
        await em.query(`${insertIgnore(em)} INTO login_locks (subject_key) VALUES (?)`, [key]);
        const [row] = (await em.query(
          `SELECT failures, first_failure_at, locked_until, locks FROM login_locks WHERE subject_key = ?${forUpdate(em)}`,
          [key],
        )) as Array<Record<string, unknown>>;
        const next = change({
          failures: Number(row.failures),
          firstFailureAt: Number(row.first_failure_at),
          lockedUntil: Number(row.locked_until),
          locks: Number(row.locks),
        });
        await em.query(
          'UPDATE login_locks SET failures = ?, first_failure_at = ?, locked_until = ?, locks = ? WHERE subject_key = ?',
          [next.failures, next.firstFailureAt, next.lockedUntil, next.locks, key],
        );
        return next;
      });
    },
    async delete(key) {
      await ds.query('DELETE FROM login_locks WHERE subject_key = ?', [key]);
    },
    async prune(now, before) {
      await ds.query('DELETE FROM login_locks WHERE locked_until < ? AND first_failure_at < ?', [now, before]);
    },
  };
}
