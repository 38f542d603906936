import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultLogger, type NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createActivities, type ActivityDeps } from '../activities';
import { activityRequestLogging, WORKFLOW_INTERCEPTOR_MODULES } from './logging';

/** What a worker needs: where Temporal is, which queue, and the activities' dependencies. */
export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt workflow bundle (npm run build:workflows); without it the workflows are bundled at start. */
  workflowBundlePath?: string;
  /** Where activities log their end with the request id of their step. */
  log: Logger;
}

/** The prebuilt bundle beside the compiled code, if `npm run setup` made one. */
export function defaultBundlePath(): string | undefined {
  const path = join(__dirname, '..', 'workflow-bundle.js');
  return existsSync(path) ? path : undefined;
}

/** Builds the one worker that runs every workflow and activity of the system on one task queue. */
export async function createWorker(o: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    activities: createActivities(o.deps),
    // A prebuilt bundle carries the workflow interceptors itself (bundleWorkflowCode's workflowInterceptorModules):
    // name them only when the worker bundles the workflows (the SDK warns that it ignores them otherwise).
    interceptors: {
      activity: [activityRequestLogging(o.log)],
      ...(o.workflowBundlePath ? {} : { workflowModules: WORKFLOW_INTERCEPTOR_MODULES }),
    },
    ...(o.workflowBundlePath
      ? { workflowBundle: { codePath: o.workflowBundlePath } }
      : { workflowsPath: require.resolve('../workflows') }),
  });
}

let sdkLoggingInstalled = false;

/**
 * Routes the Temporal SDK's own log (and the workflows' `log`, with their workflow id and run) into our pino log at
 * our level, as JSON lines like every other; with `metricsBind` (TEMPORAL_METRICS_BIND) serves the SDK's Prometheus
 * metrics there. Once per process (the runtime is global).
 */
export function installSdkLogging(level: string, metricsBind?: string, log?: Logger): void {
  if (sdkLoggingInstalled) return;
  sdkLoggingInstalled = true;
  const map: Record<string, LogLevel> = {
    trace: 'TRACE',
    debug: 'DEBUG',
    info: 'INFO',
    warn: 'WARN',
    error: 'ERROR',
    fatal: 'ERROR',
  };
  try {
    Runtime.install({
      logger: new DefaultLogger(
        level === 'silent' ? 'ERROR' : (map[level] ?? 'INFO'),
        log ? (entry) => toPino(log, entry.level, entry.message, entry.meta) : undefined,
      ),
      ...(metricsBind ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsBind } } } } : {}),
    });
  } catch {
    // already installed by this process (e.g. a second system in one test run)
  }
}

/** One SDK log entry as a pino line at the matching level. */
function toPino(log: Logger, level: LogLevel, message: string, meta: Record<string, unknown> | undefined): void {
  const fields = { component: 'temporal', ...meta };
  if (level === 'ERROR') log.error(fields, message);
  else if (level === 'WARN') log.warn(fields, message);
  else if (level === 'INFO') log.info(fields, message);
  else log.debug(fields, message);
}
