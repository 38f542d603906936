import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { appendAudit } from '../../db/audit';
import { inTransaction } from '../../db/transaction';
import type { AuthUser } from '../auth/current-user';
import { forbidden, HttpError, notFound, unauthorized } from '../errors';
import { describeRule, type AccessRule, type EndpointRule } from './rule';
import { canSeeDocument, isSecret } from './visibility';
import { watermarkPdf } from './watermark';

/** One route a router serves, with the rule the access table declares for it (undefined: none, so refused). */
export interface RouteEntry {
  method: string;
  path: string;
  rule?: AccessRule;
  multipart: boolean;
  match(path: string): Record<string, string> | undefined;
}

interface LayerLike {
  path: string | RegExp;
  methods: string[];
  match(path: string): boolean;
  captures(path: string): string[];
  params(path: string, captures: string[]): Record<string, string>;
}

/** Every (method, path) the routers serve, in their order, joined with the access table. */
export function routeTable(routers: Router[], rules: EndpointRule[]): RouteEntry[] {
  const byKey = new Map(rules.map((r) => [`${r.method} ${r.path}`, r]));
  const entries: RouteEntry[] = [];
  for (const router of routers) {
    for (const layer of router.stack as unknown as LayerLike[]) {
      if (typeof layer.path !== 'string' || !layer.path.startsWith('/api/')) continue;
      for (const method of layer.methods.filter((m) => m !== 'HEAD' && m !== 'OPTIONS')) {
        const declared = byKey.get(`${method} ${layer.path}`);
        entries.push({
          method,
          path: layer.path,
          rule: declared?.rule,
          multipart: declared?.multipart === true,
          match: (path) => (layer.match(path) ? layer.params(path, layer.captures(path)) : undefined),
        });
      }
    }
  }
  return entries;
}

/** Routes served without a declared rule: refused at run time, and the access-matrix test fails on them. */
export function routesWithoutRule(routes: RouteEntry[]): string[] {
  return routes.filter((r) => r.rule === undefined).map((r) => `${r.method} ${r.path}`);
}

/** Finds the route a request goes to, as the routers would (first in order; HEAD is served by GET). */
export function findRoute(
  routes: RouteEntry[],
  method: string,
  path: string,
): { route: RouteEntry; params: Record<string, string> } | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  for (const route of routes) {
    if (route.method !== m) continue;
    const params = route.match(path);
    if (params) return { route, params };
  }
  return undefined;
}

/**
 * Enforces the access table on every /api request before any handler runs: 401 without a session, 403 for a
 * missing role, 404 for a document or task the caller may not see, 403 NO_ACCESS_RULE for a route nobody declared.
 * A successful read of a ลับ/ลับมาก document is audited before the answer leaves.
 */
export function enforceAccess({ routes, ds, log }: { routes: RouteEntry[]; ds: DataSource; log: Logger }): Middleware {
  const missing = routesWithoutRule(routes);
  if (missing.length > 0)
    log.error(
      { routes: missing },
      'routes without an access rule are refused: add a line for each to api/access/rules.ts',
    );
  return async function checkAccess(ctx, next) {
    if (!ctx.path.startsWith('/api/')) return next();
    const found = findRoute(routes, ctx.method, ctx.path);
    if (!found) return next(); // no such endpoint: the error handler answers 404 (405 from allowedMethods)
    const { route, params } = found;
    ctx.state.route = route;
    const rule = route.rule;
    if (rule === undefined)
      throw new HttpError(403, 'NO_ACCESS_RULE', `No access rule declared for ${route.method} ${route.path}`);
    if (rule === 'public') return next();
    const user = ctx.state.user as AuthUser | undefined;
    if (!user) throw unauthorized((ctx.state.authProblem as string | undefined) ?? undefined);
    if (rule === 'signedIn') return next();
    if ('roles' in rule && rule.roles && !rule.roles.some((r) => user.roles.includes(r)))
      throw forbidden(`Needs the role ${rule.roles.join(' or ')} (${describeRule(rule)})`);
    if ('document' in rule) return checkDocument(ctx, next, params[rule.document], user);
    if ('task' in rule) await checkTask(params[rule.task], user);
    if ('unit' in rule && params[rule.unit] !== user.registryUnit.id)
      throw forbidden('Only your own unit (เฉพาะหน่วยงานของท่าน)');
    return next();
  };

  async function checkDocument(ctx: Context, next: () => Promise<unknown>, id: string | undefined, user: AuthUser) {
    if (!id || !/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
    const [doc] = (await ds.query('SELECT id, unit_id, secrecy, created_by FROM documents WHERE id = ?', [
      id,
    ])) as Array<Record<string, unknown>>;
    if (!doc || !(await canSeeDocument(ds, doc, user))) throw notFound();
    await next();
    if (ctx.method === 'GET' && ctx.status === 200 && isSecret(doc.secrecy) && isPdf(ctx.body)) {
      // The viewer's name on every page of a secret PDF (a new revision: signatures over the original still verify).
      const mark = `${String(doc.secrecy).toUpperCase()} - ${user.username} - ${new Date().toISOString()}`;
      ctx.body = await watermarkPdf(ctx.body, mark).catch((error: unknown) => {
        log.warn({ err: error, documentId: id }, 'could not watermark a secret PDF; served as stored');
        return ctx.body as Buffer;
      });
      ctx.remove('ETag');
      ctx.set('Cache-Control', 'no-store');
    }
    if (ctx.method === 'GET' && ctx.status < 300 && isSecret(doc.secrecy)) {
      // Written before the answer is sent: when the audit cannot be written, the document is not shown.
      await inTransaction(ds, (em) =>
        appendAudit(em, {
          at: new Date(),
          actorUserId: user.id,
          action: 'document.viewed',
          documentId: id,
          details: { secrecy: doc.secrecy, path: ctx.path, requestId: ctx.state.requestId as string, ip: ctx.ip },
        }),
      );
    }
  }

  async function checkTask(id: string | undefined, user: AuthUser) {
    const [t] = (await ds.query('SELECT assignee_user_id, unit_id FROM tasks WHERE id = ?', [id ?? ''])) as Array<
      Record<string, unknown>
    >;
    if (!t || (t.assignee_user_id !== user.id && t.unit_id !== user.registryUnit.id)) throw notFound('No such task');
  }
}

function isPdf(body: unknown): body is Buffer {
  return Buffer.isBuffer(body) && body.subarray(0, 5).toString('latin1') === '%PDF-';
}
