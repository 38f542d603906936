import { mkdtempSync, writeFileSync } from 'node:fs';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer } from '../../scripts/lib/temporal-dev-server';
import { WORKFLOW_INTERCEPTOR_MODULES } from '../../worker/logging';
import { freePort } from './free-port';

const quietLogger = new DefaultLogger('WARN');

/**
 * Starts one real Temporal dev server (the pinned CLI, in memory) for the whole run, unless TEMPORAL_ADDRESS names
 * one already (.ci/run may start its own). Its address reaches the tests through process.env.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.SARABAN_WORKFLOW_BUNDLE) {
    // Bundle the workflows once for the whole run instead of once per test system (each takes seconds).
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
      logger: quietLogger,
    });
    const path = join(mkdtempSync(join(tmpdir(), 'saraban-bundle-')), 'workflows.js');
    writeFileSync(path, code);
    process.env.SARABAN_WORKFLOW_BUNDLE = path;
  }
  if (process.env.TEMPORAL_ADDRESS) return;
  const port = await freePort();
  const server = await startDevServer({ port });
  process.env.TEMPORAL_ADDRESS = server.address;
  const pidFile = join(tmpdir(), `saraban-test-temporal-${process.pid}.pid`);
  writeFileSync(pidFile, String(server.process.pid));
  process.env.SARABAN_TEST_TEMPORAL_PIDFILE = pidFile;
  (globalThis as { __temporalServer?: typeof server }).__temporalServer = server;
}
