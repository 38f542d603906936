import Redis from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** One limiter: `points` per `durationSeconds`, per key, under its own name. */
export interface LimiterSpec {
  name: string;
  points: number;
  durationSeconds: number;
}

/** Where the limits count: Redis (every API replica shares the counts) or this process (the embedded default). */
export interface LimitStore {
  readonly kind: 'redis' | 'memory';
  limiter(spec: LimiterSpec): RateLimiterAbstract;
  /** Whether Redis answers now (always true in memory). */
  healthy(): boolean;
  /**
   * Resolves true once Redis is connected (at once in memory), false after `timeoutMs`: until then the limiters
   * count in this process, so a composition root waits for it before it serves.
   */
  whenReady(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Redis is asked with a short deadline and no offline queue: a Redis that is away or hangs costs a request at most
 * COMMAND_TIMEOUT_MS, after which the limiter's in-process insurance twin answers instead (never a 5xx).
 */
const COMMAND_TIMEOUT_MS = 250;
/** Warnings about Redis at most this often: one per outage, not one per request. */
const WARN_EVERY_MS = 30_000;

/** The counts in this process: the embedded default (one process), unit tests. */
export function memoryLimitStore(): LimitStore {
  return {
    kind: 'memory',
    limiter: (spec) => memoryLimiter(spec),
    healthy: () => true,
    whenReady: () => Promise.resolve(true),
    close: () => Promise.resolve(),
  };
}

/** Redis when a URL is given (with an in-process twin per limiter for when it is away), else this process. */
export function createLimitStore(o: { url?: string; keyPrefix: string; log: Logger }): LimitStore {
  if (!o.url) return memoryLimitStore();
  const client = new Redis(o.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 2000,
    // Reconnect for ever, at most every 2 s: Redis coming back ends the fallback by itself.
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let lastWarning = 0;
  let down = false;
  client.on('error', (error: Error) => {
    down = true;
    if (Date.now() - lastWarning < WARN_EVERY_MS) return;
    lastWarning = Date.now();
    o.log.warn({ err: error }, 'Redis is not answering: rate limits and sign-in counters count in this process');
  });
  client.on('ready', () => {
    if (down) o.log.warn('Redis answers again: rate limits and sign-in counters are shared again');
    down = false;
  });
  return {
    kind: 'redis',
    limiter: (spec) =>
      new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `${o.keyPrefix}${spec.name}`,
        points: spec.points,
        duration: spec.durationSeconds,
        // Not connected: straight to the insurance twin rather than waiting for the deadline.
        rejectIfRedisNotReady: true,
        insuranceLimiter: memoryLimiter(spec),
      }),
    healthy: () => client.status === 'ready',
    whenReady: (timeoutMs) =>
      client.status === 'ready'
        ? Promise.resolve(true)
        : new Promise((resolve) => {
            const timer = setTimeout(() => {
              client.off('ready', onReady);
              resolve(false);
            }, timeoutMs);
            const onReady = () => {
              clearTimeout(timer);
              resolve(true);
            };
            client.once('ready', onReady);
          }),
    async close() {
      // quit() waits for Redis to answer; when it is away, disconnect() is all there is to do.
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    },
  };
}

function memoryLimiter(spec: LimiterSpec): RateLimiterMemory {
  return new RateLimiterMemory({ keyPrefix: spec.name, points: spec.points, duration: spec.durationSeconds });
}
