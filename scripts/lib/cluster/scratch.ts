import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { startCluster, type Cluster } from './cluster';
import { loadClusterSettings } from './settings';
import { dropTemporalStore } from './temporal-server';

/**
 * A cluster of its own for a test file or a benchmark run: its own PostgreSQL and MariaDB databases, ports, files and
 * Redis keys.
 */
export interface ScratchCluster extends Cluster {
  logDir: string;
  /** What reached the console: the processes' warnings and errors, the supervisor's notes. */
  consoleLines: string[];
  /** Stops every process and drops the databases it made. */
  destroy(): Promise<void>;
}

/**
 * Starts the production topology as `npm run start:cluster` does, on fresh databases (Temporal's two on the
 * machine's PostgreSQL, the documents on MariaDB: TEST_MYSQL_URL, default root@127.0.0.1) and free ports, so it
 * runs beside anything else on the machine (TEST_MYSQL_URL names the MariaDB server). Console output is only the processes' warnings and the supervisor's notes.
 */
export async function startScratchCluster(
  o: { workers?: number; appEnv?: NodeJS.ProcessEnv; logLevel?: string } = {},
): Promise<ScratchCluster> {
  const id = randomBytes(4).toString('hex');
  const server = new URL(process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test');
  server.pathname = `/saraban_c_${id}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'saraban-cluster-'));
  const [proxy, api1, api2, intake, ui] = await freePorts(5);
  const settings = loadClusterSettings({
    PORT: String(proxy),
    CLUSTER_API_PORTS: `${api1},${api2}`,
    CLUSTER_WORKERS: String(o.workers ?? 2),
    TEMPORAL_PORT_BASE: String(await freePortRange(21)),
    TEMPORAL_UI_PORT: String(ui),
    MAIL_INTAKE_PORT: String(intake),
    DATABASE_URL: server.toString(),
    TEMPORAL_DB_NAME: `temporal_c_${id}`,
    TEMPORAL_VISIBILITY_DB_NAME: `temporal_visibility_c_${id}`,
    REDIS_KEY_PREFIX: `saraban-test-${id}:`,
    DATA_DIR: dataDir,
    LOG_LEVEL: o.logLevel ?? 'warn',
  });
  const logDir = join(dataDir, 'logs');
  const lines: string[] = [];
  const cluster = await startCluster(settings, {
    logDir,
    taskQueue: `cluster-${id}`,
    print: (line) => {
      lines.push(line);
      if (process.env.CLUSTER_VERBOSE) process.stderr.write(`${line}\n`);
    },
    appEnv: o.appEnv,
  });
  return {
    ...cluster,
    logDir,
    consoleLines: lines,
    async destroy() {
      await cluster.stop();
      await dropTemporalStore(settings);
      const admin = await createConnection({ uri: process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test' });
      await admin.query(`DROP DATABASE IF EXISTS \`saraban_c_${id}\``);
      await admin.end();
    },
  };
}

/** n distinct ports that were free a moment ago. */
async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await listenOn(0));
  return [...ports];
}

/** The first of `n` consecutive ports that were free a moment ago (the Temporal server takes a block). */
export async function freePortRange(n: number): Promise<number> {
  for (;;) {
    const base = 20000 + Math.floor(Math.random() * 12000); // ≤ 32700: see TEMPORAL_PORT_BASE
    const free = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        listenOn(base + i).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (free.every(Boolean)) return base;
  }
}

function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const taken = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(taken));
    });
  });
}
