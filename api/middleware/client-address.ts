import type { Middleware } from 'koa';
import proxyaddr from 'proxy-addr';
import type { Env } from '../../config/env';

/** The proxies the API believes: TRUSTED_PROXIES, plus loopback for the deprecated TRUST_PROXY=true. */
export function trustedProxies(env: Pick<Env, 'TRUSTED_PROXIES' | 'TRUST_PROXY'>): string[] {
  return [...env.TRUSTED_PROXIES, ...(env.TRUST_PROXY ? ['loopback'] : [])];
}

/** Headers a proxy sets about the client; only a trusted proxy's are believed. */
const FORWARDED_HEADERS = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host'];

/**
 * Sets `ctx.ip` to the client's address: the socket peer, unless the peer is a trusted proxy, in which case
 * X-Forwarded-For is walked from the right and the first address that is not a trusted proxy is the client
 * (proxy-addr). A request whose peer is not trusted has the X-Forwarded-* headers removed before anything reads
 * them, so Koa's `proxy` mode (ctx.protocol for HSTS, ctx.host) believes them only from a trusted proxy.
 * Runs first: limits, audit rows and logs all read `ctx.ip`.
 */
export function clientAddress({ trusted }: { trusted: string[] }): Middleware {
  const trust = proxyaddr.compile(trusted);
  return async function resolveClientAddress(ctx, next) {
    const peer = ctx.req.socket.remoteAddress ?? '';
    if (trusted.length === 0 || !trust(peer, 0)) {
      for (const header of FORWARDED_HEADERS) delete ctx.req.headers[header];
      ctx.request.ip = peer;
    } else {
      ctx.request.ip = proxyaddr(ctx.req, trust);
    }
    await next();
  };
}
