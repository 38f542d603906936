import { timingSafeEqual } from 'node:crypto';
import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { Env } from '../../config/env';
import { dbTime, parseDbTime } from '../../db/time';
import { findRoute, type RouteEntry } from '../access/middleware';
import type { AuthUser } from '../auth/current-user';
import { HttpError } from '../errors';

/** The Prometheus metrics of one app (its own registry: no globals, so tests can build several apps). */
export function createMetrics({ ds }: { ds: DataSource }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'saraban_' });
  const httpRequests = new Counter({
    name: 'saraban_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'saraban_http_request_duration_seconds',
    help: 'Time to answer an HTTP request',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const workflowStarts = new Counter({
    name: 'saraban_workflow_starts_total',
    help: 'Document lives started through the API (a 201 naming a workflowId), by route',
    labelNames: ['route'],
    registers: [registry],
  });
  new Gauge({
    name: 'saraban_open_tasks',
    help: 'Open human tasks, by type',
    labelNames: ['type'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await openTaskStats(ds)) this.set({ type: row.type }, row.open);
    },
  });
  new Gauge({
    name: 'saraban_overdue_tasks',
    help: 'Open human tasks past their due time, by type',
    labelNames: ['type'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await openTaskStats(ds)) this.set({ type: row.type }, row.overdue);
    },
  });
  new Gauge({
    name: 'saraban_oldest_open_task_age_seconds',
    help: 'Age of the oldest open task, by type',
    labelNames: ['type'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await openTaskStats(ds)) this.set({ type: row.type }, row.oldestAgeSeconds);
    },
  });
  return { registry, httpRequests, httpDuration, workflowStarts };
}

/** The metrics of an app. */
export type Metrics = ReturnType<typeof createMetrics>;

async function openTaskStats(ds: DataSource, now = new Date()) {
  const rows = (await ds.query(
    `SELECT type, COUNT(*) AS n, MIN(created_at) AS oldest, SUM(CASE WHEN due_at < ? THEN 1 ELSE 0 END) AS overdue
     FROM tasks WHERE status = 'open' GROUP BY type`,
    [dbTime(now)],
  )) as Array<{ type: string; n: number | string; oldest: unknown; overdue: number | string | null }>;
  return rows.map((r) => ({
    type: r.type,
    open: Number(r.n),
    overdue: Number(r.overdue ?? 0),
    oldestAgeSeconds: r.oldest ? Math.max(0, (now.getTime() - parseDbTime(r.oldest).getTime()) / 1000) : 0,
  }));
}

/**
 * Counts and times every request by its route (never the raw path, so ids do not explode the label set) and writes
 * one structured log line per request with its request id, the user and the time taken.
 */
export function observeRequests({
  metrics,
  log,
  routes,
}: {
  metrics: Metrics;
  log: Logger;
  routes: RouteEntry[];
}): Middleware {
  return async function observeRequest(ctx, next) {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = ctx.path.startsWith('/api/')
        ? (findRoute(routes, ctx.method, ctx.path)?.route.path ?? 'unmatched')
        : ctx.path === '/metrics'
          ? '/metrics'
          : 'static';
      metrics.httpRequests.inc({ method: ctx.method, route, status: String(ctx.status) });
      metrics.httpDuration.observe({ method: ctx.method, route }, seconds);
      const body = ctx.body as { workflowId?: unknown } | undefined;
      if (ctx.status === 201 && body && typeof body.workflowId === 'string' && !ctx.response.get('Idempotent-Replayed'))
        metrics.workflowStarts.inc({ route });
      if (route !== 'static')
        log.info(
          {
            requestId: ctx.state.requestId as string,
            method: ctx.method,
            route,
            status: ctx.status,
            ms: Math.round(seconds * 1000),
            userId: (ctx.state.user as AuthUser | undefined)?.id,
            ...(typeof body?.workflowId === 'string' ? { workflowId: body.workflowId } : {}),
          },
          'request',
        );
    }
  };
}

/**
 * GET /metrics in Prometheus' text format; with METRICS_TOKEN set, only for `Authorization: Bearer <token>`. With
 * TEMPORAL_METRICS_BIND set (the embedded system: worker in this process) the Temporal SDK's own metrics follow.
 */
export function createMetricsRouter(
  metrics: Metrics,
  env: Pick<Env, 'METRICS_TOKEN' | 'TEMPORAL_METRICS_BIND'>,
): Router {
  const router = new Router();
  router.get('/metrics', async function prometheusMetrics(ctx) {
    if (env.METRICS_TOKEN) {
      const given = Buffer.from(ctx.get('authorization'));
      const expected = Buffer.from(`Bearer ${env.METRICS_TOKEN}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new HttpError(401, 'UNAUTHENTICATED', 'GET /metrics needs the METRICS_TOKEN bearer');
    }
    ctx.type = metrics.registry.contentType;
    const sdk = env.TEMPORAL_METRICS_BIND ? await sdkMetrics(env.TEMPORAL_METRICS_BIND) : '';
    ctx.body = `${await metrics.registry.metrics()}${sdk}`;
  });
  return router;
}

/** The Temporal SDK's metrics from its own exporter, or nothing when it does not answer within a second. */
async function sdkMetrics(bind: string): Promise<string> {
  try {
    const res = await fetch(`http://${bind.replace(/^0\.0\.0\.0:/, '127.0.0.1:')}/metrics`, {
      signal: AbortSignal.timeout(1000),
    });
    return res.ok ? `\n# Temporal SDK\n${await res.text()}` : '';
  } catch {
    return '';
  }
}
