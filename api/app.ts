import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import type Router from '@koa/router';
import { enforceAccess, routeTable, type RouteEntry } from './access/middleware';
import { ACCESS_RULES } from './access/rules';
import { createAdminRouter } from './admin/routes';
import { createOidcRouter } from './auth/oidc';
import { createDocumentFileRouter } from './documents/file';
import { cors } from './middleware/cors';
import { createMetrics, createMetricsRouter, observeRequests, type Metrics } from './middleware/metrics';
import { multipartBody } from './middleware/multipart';
import { clientAddress, trustedProxies } from './middleware/client-address';
import { limitBeforeSignIn, limitPerUser } from './middleware/rate-limit';
import { securityHeaders } from './middleware/security-headers';
import { createOpenApiRouter } from './openapi/routes';
import { createSearchRouter } from './search/routes';
import { createAuthRouter } from './auth/routes';
import { createCircularsRouter } from './circulars/routes';
import type { ApiDeps } from './deps';
import { HttpError } from './errors';
import { createDashboardRouter } from './dashboard/routes';
import { createDirectoryRouter } from './directory/routes';
import { createDocumentsRouter } from './documents/routes';
import { createHealthRouter } from './health/routes';
import { createInboxRouter } from './inbox/routes';
import { authenticate } from './middleware/authenticate';
import { errorHandler } from './middleware/error-handler';
import { idempotency } from './middleware/idempotency';
import { instanceHeader, instanceName } from './middleware/instance';
import { requestId } from './middleware/request-id';
import { createLettersRouter } from './letters/routes';
import { createRegistersRouter } from './registers/routes';
import { createMailRouter } from './mail/routes';
import { createRolloutRouter } from './rollout/routes';
import { webClient } from './static';
import { createSupervisorRouter } from './supervisor/routes';
import { createTasksRouter } from './tasks/routes';
import { createUnitsRouter } from './units/routes';

/**
 * Every router of the API in matching order, and the route table they serve joined with the access rules. Building
 * them touches no service (scripts/api-types.ts builds the OpenAPI document from them with none).
 */
export function createRouting(deps: ApiDeps, metrics: Metrics): { routers: Router[]; routes: RouteEntry[] } {
  const routers = [
    createAuthRouter(deps),
    createDocumentsRouter(deps),
    createInboxRouter(deps),
    createTasksRouter(deps),
    createUnitsRouter(deps),
    createHealthRouter(deps),
    createRolloutRouter(deps),
    createCircularsRouter(deps),
    createSupervisorRouter(deps),
    createLettersRouter(deps),
    createRegistersRouter(deps),
    createMailRouter(deps),
    createDirectoryRouter(deps),
    createDashboardRouter(deps),
    createSearchRouter(deps),
    createDocumentFileRouter(deps),
    createOidcRouter(deps),
    createAdminRouter(deps),
    createOpenApiRouter(() => routes),
    createMetricsRouter(metrics, deps.env),
  ];
  const routes = routeTable(routers, ACCESS_RULES);
  return { routers, routes };
}

/** Builds the Koa app with its dependencies; no globals, so tests build it against their own services. */
export function createApp(deps: ApiDeps): Koa {
  if (deps.env.NODE_ENV === 'production' && !deps.env.FILE_ENCRYPTION_KEY)
    throw new Error('FILE_ENCRYPTION_KEY is required in production (docs/security.md)');
  const trusted = trustedProxies(deps.env);
  // Koa's proxy mode believes X-Forwarded-Proto/-Host; clientAddress strips them from any peer that is not trusted.
  const app = new Koa({ proxy: trusted.length > 0 });
  const metrics = createMetrics({ ds: deps.ds });
  const { routers, routes } = createRouting(deps, metrics);
  app.use(errorHandler({ log: deps.log }));
  app.use(clientAddress({ trusted }));
  app.use(requestId());
  app.use(instanceHeader({ name: instanceName(deps.env) }));
  app.use(observeRequests({ metrics, log: deps.log, routes }));
  app.use(securityHeaders());
  app.use(cors({ origins: deps.env.CORS_ORIGINS }));
  if (deps.webRoot) app.use(webClient(deps.webRoot));
  app.use(
    authenticate({
      ds: deps.ds,
      org: deps.org,
      sessions: { idleSeconds: deps.env.SESSION_IDLE_SECONDS, absoluteSeconds: deps.env.SESSION_TTL_SECONDS },
    }),
  );
  // Per address only before sign-in; signed-in work spends its user's budget (docs/security.md).
  app.use(limitBeforeSignIn({ budget: deps.limits.beforeSignIn, log: deps.log }));
  app.use(limitPerUser({ budget: deps.limits.perUser, log: deps.log }));
  app.use(enforceAccess({ routes, ds: deps.ds, log: deps.log }));
  app.use(multipartBody({ fileLimitBytes: deps.env.UPLOAD_LIMIT_BYTES, fieldLimitBytes: deps.env.JSON_LIMIT_BYTES }));
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
    const multipart = ctx.state.multipart === true;
    if (
      ['POST', 'PUT', 'PATCH'].includes(ctx.method) &&
      ctx.request.length &&
      !ctx.is('application/json') &&
      !multipart
    ) {
      ctx.throw(415);
    }
    await next();
  });
  app.use(idempotency({ ds: deps.ds }));
  for (const router of routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
