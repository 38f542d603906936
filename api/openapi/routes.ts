import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import type { RouteEntry } from '../access/middleware';
import { buildOpenApi } from './document';
import { docsPage } from './docs-page';
import { ENDPOINT_SCHEMAS } from './schemas';

/** The API's version as published in the OpenAPI document. */
const API_VERSION = '0.1.0';

/**
 * The OpenAPI document of a route table: what GET /api/openapi.json serves, and what the web client's types are
 * generated from (scripts/api-types.ts).
 */
export function openApiDocument(routes: RouteEntry[]): Record<string, unknown> {
  return buildOpenApi(routes, ENDPOINT_SCHEMAS, API_VERSION);
}

/**
 * GET /api/openapi.json (OpenAPI 3.1, generated from the routers, the access table and the zod schemas) and
 * GET /api/docs (a page rendering it). `routes` is read at request time: the table is complete once the app is built.
 */
export function createOpenApiRouter(routes: () => RouteEntry[]): Router {
  const router = new Router({ prefix: '/api' });
  let cached: Record<string, unknown> | undefined;

  router.get('/openapi.json', function serveOpenApiDocument(ctx) {
    cached ??= openApiDocument(routes());
    ctx.body = cached;
  });

  router.get('/docs', function apiDocsPage(ctx) {
    const nonce = randomBytes(16).toString('base64');
    ctx.set(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    );
    ctx.type = 'html';
    ctx.body = docsPage(nonce);
  });

  return router;
}
