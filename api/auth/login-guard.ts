import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { memoryLimitStore, type LimitStore } from '../limits/store';

/**
 * Slows down password guessing: after `maxFailures` failed sign-ins of one username (or `maxFailuresPerIp` from one
 * address) within `failureWindowSeconds` (15 minutes), that username (address) is locked for `lockSeconds`,
 * doubling with each further lock within a day, up to an hour. The counters are rate-limiter-flexible limiters in
 * the API's limit store: Redis, so every replica counts the same failures and sees the same locks; in this process
 * for the embedded default (docs/security.md).
 */
export interface LoginGuardOptions {
  maxFailures: number;
  maxFailuresPerIp: number;
  lockSeconds: number;
  failureWindowSeconds?: number;
}

const MAX_LOCK_SECONDS = 3600;
/** Locks are remembered this long for the doubling: a day without one starts again at `lockSeconds`. */
const LOCK_MEMORY_SECONDS = 86_400;

export class LoginGuard {
  private readonly failures: { user: RateLimiterAbstract; ip: RateLimiterAbstract };
  /** A key is locked while this limiter holds a block for it (`block()`); nothing else writes to it. */
  private readonly locks: RateLimiterAbstract;
  /** How many locks a key had within LOCK_MEMORY_SECONDS: each one doubles the next. */
  private readonly lockCount: RateLimiterAbstract;

  constructor(
    private readonly o: LoginGuardOptions,
    store: LimitStore = memoryLimitStore(),
  ) {
    const window = o.failureWindowSeconds ?? 900;
    this.failures = {
      user: store.limiter({ name: 'login-failures-user', points: o.maxFailures, durationSeconds: window }),
      ip: store.limiter({ name: 'login-failures-ip', points: o.maxFailuresPerIp, durationSeconds: window }),
    };
    this.locks = store.limiter({ name: 'login-lock', points: 1, durationSeconds: MAX_LOCK_SECONDS });
    this.lockCount = store.limiter({ name: 'login-lock-count', points: 1000, durationSeconds: LOCK_MEMORY_SECONDS });
  }

  /** Seconds until the username or the address may try again (0: now). */
  async waitFor(username: string, ip: string): Promise<number> {
    const held = await Promise.all([this.locks.get(userKey(username)), this.locks.get(ipKey(ip))]);
    const ms = Math.max(0, ...held.map((r) => (r ? r.msBeforeNext : 0)));
    return ms > 0 ? Math.ceil(ms / 1000) : 0;
  }

  /** Counts a failure; returns true when it locked the username or the address. */
  async fail(username: string, ip: string): Promise<boolean> {
    const [a, b] = await Promise.all([
      this.count(userKey(username), this.failures.user, this.o.maxFailures),
      this.count(ipKey(ip), this.failures.ip, this.o.maxFailuresPerIp),
    ]);
    return a || b;
  }

  /** A successful sign-in clears the username's failures (not the address's: one address may guess many names). */
  async succeed(username: string): Promise<void> {
    await Promise.all([this.failures.user.delete(userKey(username)), this.lockCount.delete(userKey(username))]);
  }

  private async count(key: string, failures: RateLimiterAbstract, max: number): Promise<boolean> {
    // penalty() adds without refusing; its answer is the count within the window, atomic across replicas.
    const counted = await failures.penalty(key, 1);
    if (counted.consumedPoints < max) return false;
    const locks = (await this.lockCount.penalty(key, 1)).consumedPoints;
    await this.locks.block(key, Math.min(this.o.lockSeconds * 2 ** (locks - 1), MAX_LOCK_SECONDS));
    // The lock starts a new count: the failures that led to it are spent.
    await failures.delete(key);
    return true;
  }
}

const userKey = (username: string) => `u:${username.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;
