import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyAuditChain } from '../../db/audit';
import { startDevServer, type DevServer } from '../../scripts/lib/temporal-dev-server';
import { apiClient, buildIncoming, type ApiResponse } from '../support/api-client';
import { testDatabaseKinds, type TestDatabase } from '../support/databases';
import { freePort } from '../support/free-port';
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
  const api = apiClient(system.baseUrl);
  const [clerk, staff] = [await api.login('clerk.ladkrabang'), await api.login('staff.ladkrabang')];
  const staffId = (await api.get('/api/me', staff)).body.id as string;
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
  const lives = Array.from({ length: DOCUMENTS }, (_, i) => i);
  const results: number[] = [];
  await pool(lives, 16, async (i) => {
    const reg = await retry(() =>
      api.post('/api/documents/incoming', buildIncoming({ subject: `ทนทาน ${i}` }), clerk, {
        'idempotency-key': `durable-${i}-reg`,
      }),
    );
    results.push(reg.body.receipt.number as number);
    const triage = await openTaskOf(reg.body.id as string, clerk);
    await retry(() =>
      api.post(`/api/tasks/${triage}/actions`, { action: 'assign', toUserId: staffId }, clerk, {
        'idempotency-key': `durable-${i}-assign`,
      }),
    );
    const act = await openTaskOf(reg.body.id as string, staff);
    await retry(() =>
      api.post(`/api/tasks/${act}/actions`, { action: 'close' }, staff, { 'idempotency-key': `durable-${i}-close` }),
    );
  });
  chaos = false;
  clearInterval(progress);
  await killer;
  const seconds = (Date.now() - started) / 1000;
  expect(run.kills).toBeGreaterThan(0);

  const numbers = [...results].sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: DOCUMENTS }, (_, i) => i + 1));
  const q = (sql: string) => system.ds.query(sql) as Promise<Array<Record<string, unknown>>>;
  const stages = await q("SELECT stage, COUNT(*) AS n FROM documents WHERE direction = 'incoming' GROUP BY stage");
  expect(stages.map((s) => [s.stage, Number(s.n)])).toEqual([['closed', DOCUMENTS]]);
  const registerRows = await q(
    "SELECT COUNT(*) AS n, COUNT(DISTINCT number) AS d, MAX(number) AS m FROM register_entries WHERE register = 'receipt'",
  );
  expect(registerRows[0]).toEqual({ n: expect.anything(), d: expect.anything(), m: expect.anything() });
  expect([Number(registerRows[0].n), Number(registerRows[0].d), Number(registerRows[0].m)]).toEqual([
    DOCUMENTS,
    DOCUMENTS,
    DOCUMENTS,
  ]);
  const openTasks = await q("SELECT COUNT(*) AS n FROM tasks WHERE status = 'open'");
  expect(Number(openTasks[0].n)).toBe(0);
  const tasksPerDoc = await q('SELECT document_id, COUNT(*) AS n FROM tasks GROUP BY document_id');
  expect(new Set(tasksPerDoc.map((r) => Number(r.n)))).toEqual(new Set([2]));
  const auditPerDoc = await q(
    'SELECT document_id, action, COUNT(*) AS n FROM audit_log WHERE document_id IS NOT NULL GROUP BY document_id, action',
  );
  expect(auditPerDoc.filter((r) => Number(r.n) !== 1)).toEqual([]);
  const actions = new Map<string, number>();
  for (const r of auditPerDoc) actions.set(String(r.action), (actions.get(String(r.action)) ?? 0) + 1);
  for (const action of ['document.registered', 'task.assigned', 'document.closed'])
    expect(actions.get(action)).toBe(DOCUMENTS);
  expect((await verifyAuditChain(system.ds.manager)).ok).toBe(true);

  console.log(
    `durability on ${kind}: ${DOCUMENTS} lives in ${seconds.toFixed(1)} s with ${run.kills} worker kills and 1 Temporal restart; ` +
      `numbers 1..${DOCUMENTS}, 0 duplicates, 0 gaps, 0 open tasks, ${tasksPerDoc.length * 2} tasks, audit chain intact`,
  );

  async function openTaskOf(documentId: string, token: string): Promise<string> {
    for (;;) {
      const doc = await api.get(`/api/documents/${documentId}`, token);
      const task =
        doc.status === 200
          ? (doc.body.openTasks as Array<{ taskId: string; availableActions: string[] }>).find(
              (t) => t.availableActions.length,
            )
          : undefined;
      if (task) return task.taskId;
      await sleep(200);
    }
  }
}

/** Retries a request while the system is down (5xx) or the network fails; a 409 after a retry means it went through. */
async function retry(call: () => Promise<ApiResponse>): Promise<ApiResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await call();
      if (res.status < 300 || (res.status === 409 && attempt > 1)) return res;
      if (res.status < 500) throw new Error(`refused: ${res.status} ${JSON.stringify(res.body)}`);
    } catch (error) {
      if ((error as Error).message.startsWith('refused')) throw error;
    }
    await sleep(Math.min(2000, 100 * attempt));
  }
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
