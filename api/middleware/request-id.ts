import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

/** Gives every request an id (or keeps the caller's `X-Request-Id`), echoed in the response and carried into logs. */
export function requestId(): Middleware {
  return async function assignRequestId(ctx, next) {
    const given = ctx.get('x-request-id');
    ctx.state.requestId = /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    ctx.set('X-Request-Id', ctx.state.requestId as string);
    await next();
  };
}
