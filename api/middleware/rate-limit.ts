import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { AuthUser } from '../auth/current-user';
import { HttpError } from '../errors';
import type { Budget } from '../limits/limits';

/** 429 RATE_LIMITED with Retry-After (api.md). */
export function rateLimited(ctx: Context, retryAfterSeconds: number, what: string): HttpError {
  ctx.set('Retry-After', String(retryAfterSeconds));
  return new HttpError(429, 'RATE_LIMITED', `Too many requests ${what}; try again in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
  });
}

/**
 * Spends `points` of `key`'s budget, or throws 429. A failure that is not a refusal (the store itself, which the
 * insurance limiter should already have covered) lets the request through: a limit never causes a 5xx.
 */
async function spend(
  ctx: Context,
  budget: Budget,
  key: string,
  points: number,
  o: { what: string; log: Logger; refund?: boolean },
) {
  try {
    await budget.consume(key, points);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) {
      o.log.warn({ err: error }, 'rate limit store failed; request let through');
      return;
    }
    if (o.refund) await budget.refund(key, points).catch(() => undefined);
    throw rateLimited(ctx, Math.max(1, Math.ceil(error.msBeforeNext / 1000)), o.what);
  }
}

/**
 * Per client address, only for /api requests with no signed-in user: sign-in, the OIDC callback, the public
 * endpoints and requests whose token is no good. Signed-in work never counts here, so one busy clerk cannot use
 * up the address that a whole district office shares behind its NAT. Runs after authentication.
 */
export function limitBeforeSignIn({ budget, log }: { budget: Budget; log: Logger }): Middleware {
  return async function limitRequestsPerAddress(ctx, next) {
    if (ctx.path.startsWith('/api/') && !ctx.state.user)
      await spend(ctx, budget, ctx.ip, 1, { what: 'from this address', log });
    await next();
  };
}

/**
 * Per signed-in user: one point a request. `chargeUser` lets a handler spend more for a request that does the work
 * of many (POST /api/tasks/bulk: one point per task), before it does any of it.
 */
export function limitPerUser({ budget, log }: { budget: Budget; log: Logger }): Middleware {
  return async function limitRequestsPerUser(ctx, next) {
    const user = ctx.state.user as AuthUser | undefined;
    if (user) {
      await spend(ctx, budget, user.id, 1, { what: 'for this user', log });
      // A refused charge is given back: the caller may still send a smaller batch.
      ctx.state.chargeUser = (points: number) =>
        points > 0
          ? spend(ctx, budget, user.id, points, { what: 'for this user', log, refund: true })
          : Promise.resolve();
    }
    await next();
  };
}

/** Spends `points` more of the signed-in caller's budget (see limitPerUser), or throws 429. */
export async function chargeUser(ctx: Context, points: number): Promise<void> {
  const charge = ctx.state.chargeUser as ((points: number) => Promise<void>) | undefined;
  if (charge) await charge(points);
}
