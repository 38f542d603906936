import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Middleware } from 'koa';
import serve from 'koa-static';

/** Serves the built Angular client; any other GET that wants HTML gets index.html (the client routes it). */
export function webClient(root: string): Middleware {
  const files = serve(root, { index: 'index.html', maxage: 0 });
  const index = join(root, 'index.html');
  return async function serveWebClient(ctx, next) {
    if (ctx.path.startsWith('/api/') || !existsSync(index)) return next();
    await files(ctx, async () => undefined);
    if (ctx.body !== undefined || ctx.status !== 404) return;
    if (ctx.method === 'GET' && ctx.accepts('html') && !/\.\w+$/.test(ctx.path)) {
      ctx.type = 'html';
      ctx.body = await readFile(index);
      return;
    }
    await next();
  };
}
