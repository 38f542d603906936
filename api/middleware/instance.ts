import { hostname } from 'node:os';
import type { Middleware } from 'koa';
import type { Env } from '../../config/env';

/** The name of this API process: INSTANCE_NAME (start:cluster names api-1, api-2), else `<hostname>:<pid>`. */
export const instanceName = (env: Pick<Env, 'INSTANCE_NAME'>): string =>
  env.INSTANCE_NAME ?? `${hostname()}:${process.pid}`;

/**
 * Names the answering replica in `X-Instance` on every answer, so an operator (or a test) behind the proxy can tell
 * which API served a request. A process name, never an address.
 */
export function instanceHeader({ name }: { name: string }): Middleware {
  return async function nameInstance(ctx, next) {
    ctx.set('X-Instance', name);
    await next();
  };
}
