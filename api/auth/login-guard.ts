/**
 * Slows down password guessing: after `maxFailures` failed sign-ins of one username (or `maxFailuresPerIp` from one
 * address) within 15 minutes, that username (address) is locked for `lockSeconds`, doubling with each further lock
 * up to an hour. Kept in this process, like the rate limits (docs/security.md says what production needs).
 */
export interface LoginGuardOptions {
  maxFailures: number;
  maxFailuresPerIp: number;
  lockSeconds: number;
}

interface Record_ {
  failures: number;
  firstFailureAt: number;
  lockedUntil: number;
  locks: number;
}

const FAILURE_WINDOW_MS = 15 * 60_000;
const MAX_LOCK_MS = 3600_000;

export class LoginGuard {
  private records = new Map<string, Record_>();

  constructor(private readonly o: LoginGuardOptions) {}

  /** Seconds until the username or the address may try again (0: now). */
  waitFor(username: string, ip: string, now = Date.now()): number {
    const until = Math.max(this.get(userKey(username)).lockedUntil, this.get(ipKey(ip)).lockedUntil);
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  /** Counts a failure; returns true when it locked the username or the address. */
  fail(username: string, ip: string, now = Date.now()): boolean {
    const a = this.count(userKey(username), this.o.maxFailures, now);
    const b = this.count(ipKey(ip), this.o.maxFailuresPerIp, now);
    return a || b;
  }

  /** A successful sign-in clears the username's failures (not the address's: one address may guess many names). */
  succeed(username: string): void {
    this.records.delete(userKey(username));
  }

  private count(key: string, max: number, now: number): boolean {
    const r = this.get(key);
    if (now - r.firstFailureAt > FAILURE_WINDOW_MS) {
      r.failures = 0;
      r.firstFailureAt = now;
    }
    r.failures++;
    this.records.set(key, r);
    if (r.failures < max) return false;
    r.lockedUntil = now + Math.min(this.o.lockSeconds * 1000 * 2 ** r.locks, MAX_LOCK_MS);
    r.locks++;
    r.failures = 0;
    if (this.records.size > 100_000) this.prune(now);
    return true;
  }

  private get(key: string): Record_ {
    return this.records.get(key) ?? { failures: 0, firstFailureAt: 0, lockedUntil: 0, locks: 0 };
  }

  private prune(now: number): void {
    for (const [key, r] of this.records)
      if (r.lockedUntil < now && now - r.firstFailureAt > FAILURE_WINDOW_MS) this.records.delete(key);
  }
}

const userKey = (username: string) => `u:${username.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;
