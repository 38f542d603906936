import type { Middleware } from 'koa';

/**
 * The Content-Security-Policy of the built Angular client: its scripts and styles come from this origin; Angular
 * injects component styles at run time (style-src 'unsafe-inline'); the one inline script is the `onload` that the
 * build puts on the deferred stylesheet link (`this.media='all'`), allowed by its hash; files the client fetches
 * are shown through blob: URLs.
 */
export const WEB_CLIENT_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-hashes' 'sha256-MhtPZXr7+LpJUY5qtMutB+qWfQtMaPccfe7QXtCcEYc='",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'self' blob:",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** API answers are data, never a page to run: nothing may load from them and nobody may frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Security headers on every answer: CSP (the client's, or a closed one for /api), HSTS when the request came over
 * TLS (directly, or by X-Forwarded-Proto from a trusted proxy: TRUSTED_PROXIES), no caching of API answers, and no
 * banner naming the server.
 */
export function securityHeaders(): Middleware {
  return async function setSecurityHeaders(ctx, next) {
    const api = ctx.path.startsWith('/api/') || ctx.path === '/metrics';
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    ctx.set('Cross-Origin-Resource-Policy', 'same-origin');
    ctx.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    ctx.set('Content-Security-Policy', api ? API_CSP : WEB_CLIENT_CSP);
    if (ctx.secure) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (api) ctx.set('Cache-Control', 'no-store');
    try {
      await next();
    } finally {
      ctx.remove('X-Powered-By');
      ctx.remove('Server');
    }
  };
}
