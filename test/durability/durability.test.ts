import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer, type DevServer } from '../../scripts/lib/temporal-dev-server';
import { testDatabaseKinds, type TestDatabase } from '../support/databases';
import { freePort } from '../support/free-port';
import { expectLivesIntact, runLivesUnderChaos, sleep } from '../support/lives-under-chaos';
import { startTestSystem, type TestSystem } from '../support/system';

/**
 * Durability: DOCUMENTS documents go through receive → assign → close while the worker process is killed with SIGKILL
 * every few seconds and restarted, and the Temporal dev server is restarted once. The worker runs the built code
 * (dist/worker/main.js and the workflow bundle that `npm run setup` builds) in its own process, so it can be killed.
 */
const DOCUMENTS = Number(process.env.DURABILITY_DOCUMENTS ?? 200);
/** A kill every few seconds of a worker's running time, never at a fixed beat. */
const KILL_EVERY_MS = [3000, 8000] as const;
const workerScript = join(__dirname, '..', '..', 'dist', 'worker', 'main.js');

/**
 * One database's run: its own Temporal dev server (on a file, so a restart keeps history), its own system without an
 * in-process worker, and the worker as a child process that can be killed.
 */
class DurabilityRun {
  server!: DevServer;
  system!: TestSystem;
  worker: (ChildProcess & { ready?: Promise<void> }) | undefined;
  kills = 0;
  private port = 0;
  private dbFile = '';

  constructor(readonly kind: TestDatabase['name']) {}

  async start(): Promise<void> {
    if (!existsSync(workerScript)) throw new Error('dist/worker/main.js is missing: run `npm run setup`');
    this.port = await freePort();
    this.dbFile = join(mkdtempSync(join(tmpdir(), 'saraban-durable-')), 'temporal.sqlite');
    this.server = await startDevServer({ port: this.port, dbFile: this.dbFile });
    this.system = await startTestSystem(this.kind, {
      worker: false,
      env: { TEMPORAL_ADDRESS: this.server.address, TEMPORAL_TASK_QUEUE: `durable-${randomBytes(4).toString('hex')}` },
    });
    this.worker = this.startWorker();
  }

  async stop(): Promise<void> {
    this.worker?.kill('SIGKILL');
    await this.system?.stop();
    await this.server?.stop();
  }

  async restartServer(): Promise<void> {
    await this.server.stop();
    this.server = await startDevServer({ port: this.port, dbFile: this.dbFile });
  }

  /** Starts the worker process; `ready` resolves once it polls (its SDK logs the RUNNING state). */
  startWorker(): ChildProcess & { ready?: Promise<void> } {
    const child: ChildProcess & { ready?: Promise<void> } = spawn(process.execPath, [workerScript], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DATABASE_URL: this.system.db.url,
        TEMPORAL_ADDRESS: this.server.address,
        TEMPORAL_TASK_QUEUE: this.system.env.TEMPORAL_TASK_QUEUE,
        // info: its SDK logs the RUNNING state, which says it is ready (the output is read, not printed).
        LOG_LEVEL: 'info',
      },
    });
    child.ready = new Promise((resolve) => {
      const watch = (d: Buffer) => d.toString().includes('RUNNING') && resolve();
      child.stdout?.on('data', watch);
      child.stderr?.on('data', watch);
      child.once('exit', () => resolve());
    });
    return child;
  }
}

// The databases run side by side (each with its own Temporal server and worker): most of a run is waiting for
// restarts, so two at once take little longer than one.
describe('durability', () => {
  it.concurrent.each(testDatabaseKinds())(
    `on %s finishes all ${DOCUMENTS} lives with no lost, duplicate or orphan number, task or audit row`,
    async (kind) => {
      const run = new DurabilityRun(kind);
      try {
        await run.start();
        await liveThroughChaos(run);
      } finally {
        await run.stop();
      }
    },
  );
});

async function liveThroughChaos(run: DurabilityRun): Promise<void> {
  const { system, kind } = run;
  const started = Date.now();

  let chaos = true;
  const killer = (async () => {
    let restartedServer = false;
    while (chaos) {
      // Kill a worker only after it has worked for a few seconds, so even a slow start makes progress.
      await run.worker?.ready;
      await sleep(KILL_EVERY_MS[0] + Math.random() * (KILL_EVERY_MS[1] - KILL_EVERY_MS[0]));
      if (!chaos) break;
      run.worker?.kill('SIGKILL');
      run.kills++;
      if (!restartedServer && Date.now() - started > 10_000) {
        restartedServer = true;
        await run.restartServer();
      }
      run.worker = run.startWorker();
    }
  })();
  const progress = setInterval(() => {
    void system.ds
      .query("SELECT COUNT(*) AS n FROM documents WHERE stage = 'closed'")
      .then((r: Array<{ n: number | string }>) =>
        process.stderr.write(
          `[durability ${kind}] ${Math.round((Date.now() - started) / 1000)} s: ${Number(r[0].n)}/${DOCUMENTS} closed, ${run.kills} kills\n`,
        ),
      )
      .catch(() => undefined);
  }, 10_000);
  const load = await runLivesUnderChaos({ baseUrl: system.baseUrl, count: DOCUMENTS, prefix: 'durable' });
  chaos = false;
  clearInterval(progress);
  await killer;
  const seconds = (Date.now() - started) / 1000;
  expect(run.kills).toBeGreaterThan(0);
  const intact = await expectLivesIntact(system.ds, DOCUMENTS, load.numbers);
  console.log(
    `durability on ${kind}: ${DOCUMENTS} lives in ${seconds.toFixed(1)} s with ${run.kills} worker kills and 1 Temporal restart; ${intact}`,
  );
}
