import type { Logger } from 'pino';
import { BurstyRateLimiter, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import type { Env } from '../../config/env';
import { LoginGuard } from '../auth/login-guard';
import { createLimitStore, type LimitStore } from './store';

/** Something that spends points of a key's budget: resolves when allowed, rejects with a RateLimiterRes when not. */
export interface Budget {
  consume(key: string, points?: number): Promise<RateLimiterRes>;
  /**
   * Gives back what a refused consume() counted (fixed windows count a refusal too), so a refused bulk request
   * does not also spend the points it was refused for.
   */
  refund(key: string, points: number): Promise<void>;
}

/** Every limit of one API process, over one store (Redis shared by the replicas, or this process). */
export interface RateLimits {
  store: LimitStore;
  /** Per client address, for requests without a signed-in user (sign-in, OIDC callback, public endpoints). */
  beforeSignIn: Budget;
  /** Per signed-in user: the minute's points, then the burst reserve. */
  perUser: Budget;
  /** Sign-in failures per account and per address, and their locks. */
  login: LoginGuard;
  close(): Promise<void>;
}

/** The burst reserve refills over this window: a clerk's big day is one bulk job, not one every minute. */
const BURST_WINDOW_SECONDS = 600;

type LimitSettings = Pick<
  Env,
  | 'REDIS_URL'
  | 'REDIS_KEY_PREFIX'
  | 'RATE_LIMIT_IP_PER_MINUTE'
  | 'RATE_LIMIT_USER_PER_MINUTE'
  | 'RATE_LIMIT_USER_BURST'
  | 'LOGIN_MAX_FAILURES'
  | 'LOGIN_MAX_FAILURES_PER_IP'
  | 'LOGIN_LOCK_SECONDS'
>;

/**
 * The limits from the settings: in Redis when REDIS_URL is set, else in this process. Waits up to two seconds for
 * Redis to connect, so the first requests are counted where every replica sees them; a Redis that is not there by
 * then is only a warning (the in-process insurance counts until it is).
 */
export async function startRateLimits(env: LimitSettings, log: Logger): Promise<RateLimits> {
  const limits = createRateLimits(env, log);
  if (!(await limits.store.whenReady(2000)))
    log.warn({ redis: 'not connected' }, 'Redis not reachable at start: limits count in this process until it is');
  return limits;
}

/** Builds the limits from the settings: in Redis when REDIS_URL is set, else in this process. */
export function createRateLimits(env: LimitSettings, log: Logger): RateLimits {
  const store = createLimitStore({ url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX, log });
  const minute = store.limiter({ name: 'user', points: env.RATE_LIMIT_USER_PER_MINUTE, durationSeconds: 60 });
  const perUser =
    env.RATE_LIMIT_USER_BURST > 0
      ? bursty(
          minute,
          store.limiter({
            name: 'user-burst',
            points: env.RATE_LIMIT_USER_BURST,
            durationSeconds: BURST_WINDOW_SECONDS,
          }),
        )
      : single(minute);
  return {
    store,
    beforeSignIn: single(store.limiter({ name: 'ip', points: env.RATE_LIMIT_IP_PER_MINUTE, durationSeconds: 60 })),
    perUser,
    login: new LoginGuard(
      {
        maxFailures: env.LOGIN_MAX_FAILURES,
        maxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
        lockSeconds: env.LOGIN_LOCK_SECONDS,
      },
      store,
    ),
    close: () => store.close(),
  };
}

function single(limiter: RateLimiterAbstract): Budget {
  return {
    consume: (key, points = 1) => limiter.consume(key, points),
    refund: async (key, points) => void (await limiter.reward(key, points)),
  };
}

/** The minute's budget first; only when it refuses, the burst reserve (rate-limiter-flexible's BurstyRateLimiter). */
function bursty(main: RateLimiterAbstract, burst: RateLimiterAbstract): Budget {
  const both = new BurstyRateLimiter(main, burst);
  return {
    consume: (key, points = 1) => both.consume(key, points),
    // A refusal of both means both counted the points.
    refund: async (key, points) => void (await Promise.all([main.reward(key, points), burst.reward(key, points)])),
  };
}
