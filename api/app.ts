import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import { createAuthRouter } from './auth/routes';
import type { ApiDeps } from './deps';
import { HttpError } from './errors';
import { createDashboardRouter } from './dashboard/routes';
import { createDocumentsRouter } from './documents/routes';
import { createHealthRouter } from './health/routes';
import { createInboxRouter } from './inbox/routes';
import { authenticate } from './middleware/authenticate';
import { errorHandler } from './middleware/error-handler';
import { idempotency } from './middleware/idempotency';
import { requestId } from './middleware/request-id';
import { createLettersRouter } from './letters/routes';
import { createRolloutRouter } from './rollout/routes';
import { webClient } from './static';
import { createTasksRouter } from './tasks/routes';
import { createUnitsRouter } from './units/routes';

/** Paths that answer without a session (the rollout policy is public, so anyone can check it). */
const PUBLIC_PATHS = ['/api/auth/login', '/api/health', '/api/rollout/decision'];

/** Builds the Koa app with its dependencies; no globals, so tests build it against their own services. */
export function createApp(deps: ApiDeps): Koa {
  const app = new Koa({ proxy: true });
  app.use(errorHandler({ log: deps.log }));
  app.use(requestId());
  app.use(async function securityHeaders(ctx, next) {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    await next();
  });
  if (deps.webRoot) app.use(webClient(deps.webRoot));
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: deps.env.JSON_LIMIT_BYTES,
      encoding: 'utf-8',
      onError: (error) => {
        const status = (error as { status?: number }).status;
        if (status === 413 || status === 415) throw error;
        throw new HttpError(400, 'INVALID_JSON', 'Body is not valid JSON (รูปแบบข้อมูลไม่ถูกต้อง)');
      },
    }),
  );
  app.use(async function requireJson(ctx, next) {
    if (['POST', 'PUT', 'PATCH'].includes(ctx.method) && ctx.request.length && !ctx.is('application/json')) {
      ctx.throw(415);
    }
    await next();
  });
  app.use(authenticate({ ds: deps.ds, org: deps.org, publicPaths: PUBLIC_PATHS }));
  app.use(idempotency({ ds: deps.ds }));
  for (const router of [
    createAuthRouter(deps),
    createDocumentsRouter(deps),
    createInboxRouter(deps),
    createTasksRouter(deps),
    createUnitsRouter(deps),
    createHealthRouter(deps),
    createRolloutRouter(deps),
    createLettersRouter(deps),
    createDashboardRouter(deps),
  ]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
