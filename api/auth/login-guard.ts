import { memoryLoginLockStore, type LoginLockRecord, type LoginLockStore } from '../../db/login-locks';

/**
 * Slows down password guessing: after `maxFailures` failed sign-ins of one username (or `maxFailuresPerIp` from one
 * address) within 15 minutes, that username (address) is locked for `lockSeconds`, doubling with each further lock
 * up to an hour. The API keeps the records in the database (`login_locks`), so every replica counts the same
 * failures and a restart lifts no lock; tests may keep them in memory.
 */
export interface LoginGuardOptions {
  maxFailures: number;
  maxFailuresPerIp: number;
  lockSeconds: number;
}

const FAILURE_WINDOW_MS = 15 * 60_000;
const MAX_LOCK_MS = 3600_000;

export class LoginGuard {
  private fails = 0;

  constructor(
    private readonly o: LoginGuardOptions,
    private readonly store: LoginLockStore = memoryLoginLockStore(),
  ) {}

  /** Seconds until the username or the address may try again (0: now). */
  async waitFor(username: string, ip: string, now = Date.now()): Promise<number> {
    const until = await this.store.lockedUntil([userKey(username), ipKey(ip)]);
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  /** Counts a failure; returns true when it locked the username or the address. */
  async fail(username: string, ip: string, now = Date.now()): Promise<boolean> {
    const a = await this.count(userKey(username), this.o.maxFailures, now);
    const b = await this.count(ipKey(ip), this.o.maxFailuresPerIp, now);
    // Now and then, forget the subjects whose lock is over and whose failures are old.
    if (++this.fails % 100 === 0) await this.store.prune(now, now - FAILURE_WINDOW_MS);
    return a || b;
  }

  /** A successful sign-in clears the username's failures (not the address's: one address may guess many names). */
  async succeed(username: string): Promise<void> {
    await this.store.delete(userKey(username));
  }

  private async count(key: string, max: number, now: number): Promise<boolean> {
    let locked = false;
    await this.store.update(key, (before) => {
      const r: LoginLockRecord = { ...before };
      if (now - r.firstFailureAt > FAILURE_WINDOW_MS) {
        r.failures = 0;
        r.firstFailureAt = now;
      }
      r.failures++;
      if (r.failures < max) return r;
      r.lockedUntil = now + Math.min(this.o.lockSeconds * 1000 * 2 ** r.locks, MAX_LOCK_MS);
      r.locks++;
      r.failures = 0;
      locked = true;
      return r;
    });
    return locked;
  }
}

const userKey = (username: string) => `u:${username.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;
