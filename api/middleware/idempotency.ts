import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';
import type { DataSource } from 'typeorm';
import { dbTime } from '../../db/time';
import { HttpError } from '../errors';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * `Idempotency-Key` on a write: the same key and body return the first answer (kept in the database), the same key
 * with another body is refused. Requests in flight at the same time rely on the handlers' own idempotency
 * (workflow ids and update ids derived from the key).
 */
export function idempotency({ ds }: { ds: DataSource }): Middleware {
  return async function replayIdempotentWrites(ctx, next) {
    const key = ctx.get('idempotency-key');
    if (ctx.method !== 'POST' || !key || !ctx.state.user) return next();
    if (!/^[\w.:-]{8,200}$/.test(key))
      throw new HttpError(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key: 8-200 of A-Z a-z 0-9 . : _ -');
    const userId = (ctx.state.user as { id: string }).id;
    const id = sha256(`${userId}\n${ctx.method} ${ctx.path}\n${key}`);
    const requestHash = sha256(JSON.stringify((ctx.request as { body?: unknown }).body ?? null));
    const [seen] = (await ds.query('SELECT request_hash, status, response FROM idempotency_keys WHERE id = ?', [
      id,
    ])) as Array<{
      request_hash: string;
      status: number;
      response: string;
    }>;
    if (seen) {
      if (seen.request_hash !== requestHash)
        throw new HttpError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request');
      ctx.status = Number(seen.status);
      ctx.body = JSON.parse(seen.response) as unknown;
      ctx.set('Idempotent-Replayed', 'true');
      return;
    }
    ctx.state.idempotencyKey = key;
    await next();
    // A handler may ask not to be replayed: a 200 that holds a 5xx part (POST /api/tasks/bulk) is worth a retry.
    if (ctx.status >= 200 && ctx.status < 300 && ctx.state.idempotencyNoReplay !== true) {
      await ds
        .query('INSERT INTO idempotency_keys (id, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?)', [
          id,
          requestHash,
          ctx.status,
          JSON.stringify(ctx.body ?? null),
          dbTime(new Date()),
        ])
        .catch(() => undefined); // a concurrent twin stored the same answer first
    }
  };
}
