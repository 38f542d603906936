import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultLogger, type NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';

/** What a worker needs: where Temporal is, which queue, and the activities' dependencies. */
export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt workflow bundle (npm run build:workflows); without it the workflows are bundled at start. */
  workflowBundlePath?: string;
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
    ...(o.workflowBundlePath
      ? { workflowBundle: { codePath: o.workflowBundlePath } }
      : { workflowsPath: require.resolve('../workflows') }),
  });
}

let sdkLoggingInstalled = false;

/**
 * Routes the Temporal SDK's own log through its default logger at our level, and, with `metricsBind`
 * (TEMPORAL_METRICS_BIND), serves the SDK's Prometheus metrics there; once per process (the runtime is global).
 */
export function installSdkLogging(level: string, metricsBind?: string): void {
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
      logger: new DefaultLogger(level === 'silent' ? 'ERROR' : (map[level] ?? 'INFO')),
      ...(metricsBind ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsBind } } } } : {}),
    });
  } catch {
    // already installed by this process (e.g. a second system in one test run)
  }
}
