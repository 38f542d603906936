import type { Context, Middleware } from 'koa';
import type { AuthUser } from '../auth/current-user';
import { HttpError } from '../errors';

/**
 * A counter per key over a sliding minute (two fixed windows, weighted), kept in this process. Enough for the
 * embedded default (one process); N API replicas each count on their own, so production behind several replicas
 * needs a shared store (Redis, the proxy's limiter): see docs/security.md.
 */
export class WindowCounter {
  private windows = new Map<string, { start: number; current: number; previous: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one hit; returns the seconds to wait when the key is over its limit, else 0. */
  hit(key: string, now = Date.now()): number {
    const start = now - (now % this.windowMs);
    let w = this.windows.get(key);
    if (!w || w.start < start - this.windowMs) w = { start, current: 0, previous: 0 };
    else if (w.start < start) w = { start, current: 0, previous: w.current };
    const weight = 1 - (now - start) / this.windowMs;
    const estimate = w.previous * weight + w.current;
    this.windows.set(key, w);
    if (estimate >= this.limit) return Math.max(1, Math.ceil((start + this.windowMs - now) / 1000));
    w.current++;
    if (this.windows.size > 100_000) this.prune(start);
    return 0;
  }

  private prune(start: number): void {
    for (const [key, w] of this.windows) if (w.start < start - this.windowMs) this.windows.delete(key);
  }
}

/** 429 RATE_LIMITED with Retry-After (api.md). */
export function rateLimited(ctx: Context, retryAfterSeconds: number, what: string): HttpError {
  ctx.set('Retry-After', String(retryAfterSeconds));
  return new HttpError(429, 'RATE_LIMITED', `Too many requests ${what}; try again in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
  });
}

/** Limits /api requests per client IP (before anything else runs). */
export function limitPerIp({ perMinute }: { perMinute: number }): Middleware {
  const counter = new WindowCounter(perMinute);
  return async function limitRequestsPerIp(ctx, next) {
    if (!ctx.path.startsWith('/api/')) return next();
    const wait = counter.hit(ctx.ip);
    if (wait > 0) throw rateLimited(ctx, wait, 'from this address');
    await next();
  };
}

/** Limits /api requests per signed-in user (after authentication). */
export function limitPerUser({ perMinute }: { perMinute: number }): Middleware {
  const counter = new WindowCounter(perMinute);
  return async function limitRequestsPerUser(ctx, next) {
    const user = ctx.state.user as AuthUser | undefined;
    if (user) {
      const wait = counter.hit(user.id);
      if (wait > 0) throw rateLimited(ctx, wait, 'for this user');
    }
    await next();
  };
}
