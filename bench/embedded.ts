import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '../config/env';
import { startSystem, type RunningSystem } from '../scripts/lib/system';
import { startDevServer } from '../scripts/lib/temporal-dev-server';
import { freePort } from './ports';

/**
 * The embedded default as a benchmark runs it: a fresh dev server on a SQLite file and the whole system (worker, API)
 * in this process on `databaseUrl`, silent, on a free port; `stop` stops both.
 */
export async function startEmbedded(
  databaseUrl: string,
  taskQueue: string,
): Promise<{ system: RunningSystem; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), `${taskQueue}-`));
  const server = await startDevServer({ port: await freePort(), dbFile: join(dir, 'temporal.sqlite') });
  const system = await startSystem(
    loadEnv({
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: server.address,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      TEMPORAL_TASK_QUEUE: taskQueue,
    }),
  );
  return {
    system,
    async stop() {
      await system.stop();
      await server.stop();
    },
  };
}
