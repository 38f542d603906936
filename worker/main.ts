import { NativeConnection } from '@temporalio/worker';
import pino from 'pino';
import { loadEnv } from '../config/env';
import { openDatabase } from '../db/data-source';
import { createLetterServices } from '../activities/letters-deps';
import { createWorker, defaultBundlePath, installSdkLogging } from './create-worker';

/** The worker as its own process (production: N replicas). Builds its dependencies once and closes them at the end. */
async function main(): Promise<void> {
  const env = loadEnv();
  if (!env.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS is required for a standalone worker');
  const log = pino({ level: env.LOG_LEVEL, base: { service: 'saraban-worker' } });
  installSdkLogging(env.LOG_LEVEL, env.TEMPORAL_METRICS_BIND, log);
  const ds = await openDatabase(env.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const letters = createLetterServices(env, ds, log);
  try {
    const worker = await createWorker({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      deps: { ds, ...letters.deps },
      workflowBundlePath: defaultBundlePath(),
      log,
    });
    await worker.run(); // returns after SIGINT/SIGTERM, which the SDK handles by shutting the worker down
  } finally {
    await letters.close();
    await connection.close();
    await ds.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
