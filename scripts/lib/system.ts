import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createLetterServices } from '../../activities/letters-deps';
import { createApp } from '../../api/app';
import { startRateLimits } from '../../api/limits/limits';
import { startMailIntake } from '../../mail-intake/smtp';
import type { Env } from '../../config/env';
import { openDatabase } from '../../db/data-source';
import { createFileStore } from '../../db/file-store';
import { createOrgDirectory } from '../../db/org';
import { seedDemoOrganisation, seedOutsideBodies } from '../../db/seed';
import { demoOrganisation, demoOutsideBodies } from '../../seed/demo-org';
import { createWorker, defaultBundlePath, installSdkLogging } from '../../worker/create-worker';
import { startDevServer, type DevServer } from './temporal-dev-server';

/** The whole system in one process: database, (dev) Temporal, worker and API. */
export interface RunningSystem {
  env: Env;
  ds: DataSource;
  client: Client;
  baseUrl: string;
  temporalAddress: string;
  log: Logger;
  worker?: Worker;
  /** Port of the SMTP endpoint of the units' central addresses, when MAIL_INTAKE_PORT is set. */
  mailIntakePort?: number;
  stop(): Promise<void>;
}

/** Options beyond the environment: which parts to run here. */
export interface SystemOptions {
  /** Run a worker in this process (default true). */
  worker?: boolean;
  /** Serve the built web client from this folder. */
  webRoot?: string;
  /** A prebuilt workflow bundle; default: the one `npm run setup` builds, else bundle at start. */
  workflowBundlePath?: string;
  /** Where the JSON log lines go (default stdout); tests read them here. */
  logDestination?: DestinationStream;
}

/**
 * Starts everything `npm start` runs, in order: migrations, demo data (once), the Temporal dev server unless
 * TEMPORAL_ADDRESS names one, the worker, the API. One process keeps the embedded SQLite file to a single writer.
 */
export async function startSystem(env: Env, options: SystemOptions = {}): Promise<RunningSystem> {
  const log = pino({ level: env.LOG_LEVEL, base: { service: 'saraban' } }, options.logDestination);
  const stops: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => log.warn({ err: error }, 'stop failed'));
  };
  try {
    const ds = await openDatabase(env.DATABASE_URL);
    stops.push(() => ds.destroy());
    if (env.SEED_DEMO && (await seedDemoOrganisation(ds, demoOrganisation, env.DEMO_PASSWORD)))
      log.info('demo organisation loaded');
    if (env.SEED_DEMO && (await seedOutsideBodies(ds, demoOutsideBodies))) log.info('demo outside bodies loaded');

    let devServer: DevServer | undefined;
    if (!env.TEMPORAL_ADDRESS) {
      devServer = await startDevServer({
        port: 7233,
        dbFile: resolve(env.DATA_DIR, 'temporal.sqlite'),
        uiPort: env.TEMPORAL_UI_PORT,
        namespace: env.TEMPORAL_NAMESPACE,
        log: (line) => log.debug({ temporal: line.trim() }),
      });
      stops.push(() => devServer!.stop());
    }
    const temporalAddress = env.TEMPORAL_ADDRESS ?? devServer!.address;
    const connection = await Connection.connect({ address: temporalAddress });
    stops.push(() => connection.close());
    const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });

    let worker: Worker | undefined;
    if (options.worker !== false) {
      installSdkLogging(env.LOG_LEVEL, env.TEMPORAL_METRICS_BIND, log);
      const native = await NativeConnection.connect({ address: temporalAddress });
      // Chromium and the file store for letters; closed after the worker (stops run in reverse).
      const letters = createLetterServices(env, ds, log);
      stops.push(() => letters.close());
      worker = await createWorker({
        connection: native,
        namespace: env.TEMPORAL_NAMESPACE,
        taskQueue: env.TEMPORAL_TASK_QUEUE,
        deps: { ds, ...letters.deps },
        workflowBundlePath: options.workflowBundlePath ?? defaultBundlePath(),
        log,
      });
      const running = worker.run();
      stops.push(async () => {
        // The SDK shuts the worker down on SIGINT/SIGTERM by itself; only ask when it is still running.
        if (worker!.getState() === 'RUNNING') worker!.shutdown();
        await running;
        await native.close();
      });
    }

    const org = createOrgDirectory(ds);
    const files = createFileStore({ ds, dir: join(env.DATA_DIR, 'files'), encryptionKey: env.FILE_ENCRYPTION_KEY });
    const limits = await startRateLimits(env, log);
    stops.push(() => limits.close());
    const app = createApp({ ds, temporal: client, org, files, env, log, limits, webRoot: options.webRoot });
    const server: Server = await new Promise((resolveServer) => {
      const s = app.listen(env.PORT, env.HOST, () => resolveServer(s));
    });
    stops.push(() => new Promise((r) => server.close(() => r(undefined))));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    let mailIntakePort: number | undefined;
    if (env.MAIL_INTAKE_PORT !== undefined) {
      const intake = await startMailIntake(
        { ds, temporal: client, org, files, env, log },
        { port: env.MAIL_INTAKE_PORT, host: env.MAIL_INTAKE_HOST, directoryPath: env.MAIL_SENDER_DIRECTORY },
      );
      stops.push(() => intake.close());
      mailIntakePort = intake.port;
      log.info({ port: intake.port }, 'central mail intake listening');
    }
    return {
      env,
      ds,
      client,
      baseUrl: `http://127.0.0.1:${port}`,
      temporalAddress,
      log,
      worker,
      mailIntakePort,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
