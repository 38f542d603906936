import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '../../config/env';
import { startSystem, type RunningSystem, type SystemOptions } from '../../scripts/lib/system';
import { createTestDatabase, type TestDatabase } from './databases';

/** A whole system for a test: its own database, its own task queue on the shared dev server, the API on a free port. */
export interface TestSystem extends RunningSystem {
  db: TestDatabase;
}

export const DEMO_PASSWORD = 'saraban-demo';

export async function startTestSystem(
  kind: TestDatabase['name'],
  options: SystemOptions & { env?: Record<string, string> } = {},
): Promise<TestSystem> {
  if (!process.env.TEMPORAL_ADDRESS)
    throw new Error('TEMPORAL_ADDRESS is not set: the jest globalSetup starts the dev server');
  const db = await createTestDatabase(kind);
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
    TEMPORAL_TASK_QUEUE: `test-${randomBytes(4).toString('hex')}`,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'saraban-data-')),
    DEMO_PASSWORD,
    // Errors only: a 500 in a test shows its cause in the CI log.
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    // Every test client is 127.0.0.1: production's per-IP limits would throttle suites; test/integration/auth sets its own.
    RATE_LIMIT_IP_PER_MINUTE: '100000',
    RATE_LIMIT_USER_PER_MINUTE: '100000',
    LOGIN_MAX_FAILURES_PER_IP: '1000',
    ...options.env,
  });
  const system = await startSystem(env, { workflowBundlePath: process.env.SARABAN_WORKFLOW_BUNDLE, ...options });
  return {
    ...system,
    db,
    stop: async () => {
      await system.stop();
      await db.drop();
    },
  };
}
