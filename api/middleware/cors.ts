import type { Middleware } from 'koa';
import { HttpError } from '../errors';

/**
 * CORS, closed by default: only the origins in CORS_ORIGINS get Access-Control-Allow-Origin, and a preflight from
 * any other origin is refused. The API authenticates with a bearer header, never a cookie, so no credentials mode.
 */
export function cors({ origins }: { origins: string[] }): Middleware {
  const allowed = new Set(origins);
  return async function applyCors(ctx, next) {
    const origin = ctx.get('origin');
    if (!origin || !ctx.path.startsWith('/api/')) return next();
    ctx.vary('Origin');
    const ok = allowed.has(origin);
    if (ctx.method === 'OPTIONS' && ctx.get('access-control-request-method')) {
      if (!ok) throw new HttpError(403, 'CORS_ORIGIN_REFUSED', 'This origin may not call the API (CORS_ORIGINS)');
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.set('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
      ctx.set('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key, X-Request-Id, Accept');
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    if (ok) {
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.set('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After, Idempotent-Replayed, Content-Disposition');
    }
    await next();
  };
}
