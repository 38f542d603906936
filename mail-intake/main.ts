import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { loadEnv } from '../config/env';
import { openDatabase } from '../db/data-source';
import { createFileStore } from '../db/file-store';
import { createOrgDirectory } from '../db/org';
import { startMailIntake } from './smtp';

/** Port of the intake when it runs as its own process and MAIL_INTAKE_PORT is unset. */
const DEFAULT_PORT = 2525;

/**
 * The central mail intake as its own process (production: one or more behind the organisation's mail relay): the
 * SMTP endpoint of every unit's central address. It registers letters through the incoming life, so it needs the
 * database, the file store the workers read, and Temporal; it serves no HTTP.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  if (!env.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS is required for the mail intake');
  const log = pino({ level: env.LOG_LEVEL, base: { service: 'saraban-mail-intake', instance: env.INSTANCE_NAME } });
  const ds = await openDatabase(env.DATABASE_URL);
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const intake = await startMailIntake(
    {
      ds,
      temporal: new Client({ connection, namespace: env.TEMPORAL_NAMESPACE }),
      org: createOrgDirectory(ds),
      files: createFileStore({ ds, dir: join(env.DATA_DIR, 'files'), encryptionKey: env.FILE_ENCRYPTION_KEY }),
      env,
      log,
    },
    {
      port: env.MAIL_INTAKE_PORT ?? DEFAULT_PORT,
      host: env.MAIL_INTAKE_HOST,
      directoryPath: env.MAIL_SENDER_DIRECTORY,
    },
  );
  log.info({ port: intake.port, host: env.MAIL_INTAKE_HOST }, 'central mail intake listening');
  const stop = () => {
    // Refuse new sessions, finish the ones in flight (a letter half-received is retried by the relay), then close.
    void intake
      .close()
      .then(() => connection.close())
      .then(() => ds.destroy())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
