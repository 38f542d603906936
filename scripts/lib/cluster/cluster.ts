import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { openDatabase } from '../../../db/data-source';
import { loadOrCreateKey } from '../../../db/file-store';
import { seedDemoOrganisation, seedOutsideBodies } from '../../../db/seed';
import { demoOrganisation, demoOutsideBodies } from '../../../seed/demo-org';
import { proxySpec, untilListening } from './proxy';
import type { ClusterSettings } from './settings';
import { Supervisor, type ServiceSpec } from './supervisor';
import {
  ensureNamespace,
  namespaceConfig,
  prepareTemporalStore,
  temporalAddress,
  temporalServerSpec,
  temporalUiSpec,
} from './temporal-server';
import { clusterTools, repoRoot } from './tools';

/** The task queue every workflow and activity of the cluster runs on. */
const TASK_QUEUE = 'saraban';

/** How a cluster reports: where each process's log goes, and which lines reach the console. */
export interface ClusterOptions {
  /** Folder of one log file per process (default DATA_DIR/logs). */
  logDir?: string;
  /** Gets warnings and errors of every process and the supervisor's notes (default console.log); all lines go to the files. */
  print?: (line: string) => void;
  /** Task queue name (tests give each cluster its own). Default `saraban`. */
  taskQueue?: string;
  /** More application settings (config/env.ts) for every replica, e.g. a test's short deadlines. */
  appEnv?: NodeJS.ProcessEnv;
}

/** A running cluster. */
export interface Cluster {
  settings: ClusterSettings;
  /** The proxy's address: what users open. */
  url: string;
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  supervisor: Supervisor;
  workerNames: string[];
  apiNames: string[];
  /** The specs, to start a stopped service again (`supervisor.resume`). */
  specs: Map<string, ServiceSpec>;
  uiUrl?: string;
  stop(): Promise<void>;
}

/**
 * Starts the production topology on this machine, in order: Temporal's store on PostgreSQL and the server; the
 * namespace; the application database on MariaDB (migrations, demo data once); the workers; the two APIs; the mail
 * intake; the Temporal UI; nginx in front. Each process is supervised (replaced when it dies). On failure, whatever
 * started is stopped again.
 */
export async function startCluster(s: ClusterSettings, options: ClusterOptions = {}): Promise<Cluster> {
  const tools = clusterTools();
  const dataDir = resolve(repoRoot, s.DATA_DIR);
  const logDir = options.logDir ?? join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logs = new Map<string, WriteStream>();
  const print = options.print ?? ((line: string) => console.log(line));
  const supervisor = new Supervisor((service, line, note) => {
    const name = service.spec.name;
    let file = logs.get(name);
    if (!file) logs.set(name, (file = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' })));
    file.write(`${line}\n`);
    // Starting and stopping, a process says alarming things that mean nothing (Temporal's shards moving): the file
    // keeps them, the console shows a process's warnings only while it serves.
    if (note || (service.state === 'ready' && worthShowing(line))) print(`[${name}] ${line}`);
  });
  const specs = new Map<string, ServiceSpec>();
  const start = async (spec: ServiceSpec) => {
    specs.set(spec.name, spec);
    return supervisor.start(spec);
  };
  const namespace = namespaceConfig().name;
  const taskQueue = options.taskQueue ?? TASK_QUEUE;
  const stop = async () => {
    await supervisor.stopAll();
    for (const file of logs.values()) file.end();
  };
  try {
    await prepareTemporalStore(s, tools);
    await start(temporalServerSpec(s, tools));
    await ensureNamespace(temporalAddress(s));
    await prepareAppDatabase(s);
    const fileKey = fileEncryptionKey(dataDir);
    const app = { ...appEnv(s, { namespace, taskQueue, dataDir, fileKey }), ...options.appEnv };
    const node = (name: string, script: string, extra: NodeJS.ProcessEnv): ServiceSpec => ({
      name,
      command: process.execPath,
      args: [join(repoRoot, 'dist', script)],
      cwd: repoRoot,
      env: { ...app, INSTANCE_NAME: name, ...extra },
    });
    const workerNames = Array.from({ length: s.CLUSTER_WORKERS }, (_, i) => `worker-${i + 1}`);
    // The workers log at info: their SDK's "RUNNING" line says they poll. Their file keeps it; the console does not.
    await Promise.all(
      workerNames.map((name) =>
        start({ ...node(name, 'worker/main.js', { LOG_LEVEL: 'info' }), ready: (w) => w.waitForLine('RUNNING') }),
      ),
    );
    const apiNames = s.CLUSTER_API_PORTS.map((_, i) => `api-${i + 1}`);
    await Promise.all(
      s.CLUSTER_API_PORTS.map((port, i) =>
        start({
          ...node(apiNames[i], 'api/main.js', { PORT: String(port), HOST: '127.0.0.1' }),
          ready: (api) => untilListening(port, api.starting),
        }),
      ),
    );
    await start({
      ...node('mail-intake', 'mail-intake/main.js', { MAIL_INTAKE_PORT: String(s.MAIL_INTAKE_PORT) }),
      ready: (intake) => untilListening(s.MAIL_INTAKE_PORT, intake.starting),
    });
    const ui = temporalUiSpec(s, tools);
    if (ui) await start(ui);
    await start(
      proxySpec({
        port: s.PORT,
        apiPorts: s.CLUSTER_API_PORTS,
        webRoot: join(repoRoot, 'web', 'dist', 'browser'),
        runDir: join(dataDir, 'proxy'),
      }),
    );
    return {
      settings: s,
      url: `http://127.0.0.1:${s.PORT}`,
      temporalAddress: temporalAddress(s),
      namespace,
      taskQueue,
      supervisor,
      workerNames,
      apiNames,
      specs,
      uiUrl: ui ? `http://localhost:${s.TEMPORAL_UI_PORT}` : undefined,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The application's settings (config/env.ts) every replica gets: the same database, Temporal, files and Redis. */
function appEnv(
  s: ClusterSettings,
  o: { namespace: string; taskQueue: string; dataDir: string; fileKey: string },
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: s.NODE_ENV,
    LOG_LEVEL: s.LOG_LEVEL,
    DATABASE_URL: s.DATABASE_URL,
    TEMPORAL_ADDRESS: temporalAddress(s),
    TEMPORAL_NAMESPACE: o.namespace,
    TEMPORAL_TASK_QUEUE: o.taskQueue,
    TEMPORAL_UI_URL: `http://localhost:${s.TEMPORAL_UI_PORT}`,
    DATA_DIR: o.dataDir,
    FILE_ENCRYPTION_KEY: o.fileKey,
    REDIS_URL: s.REDIS_URL,
    REDIS_KEY_PREFIX: s.REDIS_KEY_PREFIX,
    // The APIs see every request through nginx on this machine: its X-Forwarded-For is believed, nobody else's.
    TRUSTED_PROXIES: '127.0.0.1,::1',
    TRUST_PROXY: 'true',
    // The launcher loaded the demo data once; replicas starting together must not race to do it again.
    SEED_DEMO: 'false',
  };
}

/** Creates the MariaDB/MySQL database when missing, applies the migrations and loads the demo data once. */
async function prepareAppDatabase(s: ClusterSettings): Promise<void> {
  const url = new URL(s.DATABASE_URL.replace(/^mariadb:/, 'mysql:'));
  const database = decodeURIComponent(url.pathname.slice(1));
  if (!/^\w+$/.test(database)) throw new Error(`DATABASE_URL must name a database (got "${database}")`);
  const server = new URL(url.toString());
  server.pathname = '/';
  const admin = await createConnection({ uri: server.toString() });
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const ds = await openDatabase(s.DATABASE_URL);
  try {
    if (s.SEED_DEMO === 'true') {
      await seedDemoOrganisation(ds, demoOrganisation, process.env.DEMO_PASSWORD ?? 'saraban-demo');
      await seedOutsideBodies(ds, demoOutsideBodies);
    }
  } finally {
    await ds.destroy();
  }
}

/**
 * The one key every replica encrypts and decrypts secret files with (a deployment keeps it in its secret store):
 * FILE_ENCRYPTION_KEY, else DATA_DIR/file-encryption.key, made there once as the embedded default makes it.
 */
function fileEncryptionKey(dataDir: string): string {
  return loadOrCreateKey(process.env.FILE_ENCRYPTION_KEY, join(dataDir, 'file-encryption.key')).toString('base64');
}

/**
 * Console lines: warnings and errors of the JSON loggers (pino ≥ 40, Temporal's "warn"/"error"), and any plain line.
 * Not Temporal's "shard status unknown": a history shard being acquired (for seconds after every start) or moved, which
 * the server retries by itself; the log file keeps it.
 */
function worthShowing(line: string): boolean {
  if (!line.startsWith('{')) return !/^\d{4}\/\d\d\/\d\d .*Loading config/.test(line);
  try {
    const entry = JSON.parse(line) as { level?: number | string; error?: string };
    if (entry.error === 'shard status unknown') return false;
    return typeof entry.level === 'number'
      ? entry.level >= 40
      : ['warn', 'error', 'fatal'].includes(String(entry.level));
  } catch {
    return true;
  }
}
