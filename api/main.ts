import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { loadEnv } from '../config/env';
import { openDatabase } from '../db/data-source';
import { createFileStore } from '../db/file-store';
import { createOrgDirectory } from '../db/org';
import { createApp } from './app';
import { startRateLimits } from './limits/limits';

/** The API as its own process (production: N replicas behind a proxy). */
async function main(): Promise<void> {
  const env = loadEnv();
  if (!env.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS is required for a standalone API');
  const log = pino({ level: env.LOG_LEVEL, base: { service: 'saraban-api' } });
  const ds = await openDatabase(env.DATABASE_URL);
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const limits = await startRateLimits(env, log);
  const app = createApp({
    limits,
    ds,
    temporal: new Client({ connection, namespace: env.TEMPORAL_NAMESPACE }),
    org: createOrgDirectory(ds),
    files: createFileStore({ ds, dir: join(env.DATA_DIR, 'files'), encryptionKey: env.FILE_ENCRYPTION_KEY }),
    env,
    log,
    webRoot: resolve(__dirname, '..', '..', 'web', 'dist', 'browser'),
  });
  const server = app.listen(env.PORT, env.HOST, () => log.info({ port: env.PORT }, 'API listening'));
  const stop = () =>
    server.close(() => {
      void connection
        .close()
        .then(() => limits.close())
        .then(() => ds.destroy())
        .then(() => process.exit(0));
    });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
