import { randomBytes } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { RunningSystem } from '../scripts/lib/system';
import { echoStepUpdate, echoWorkflowId } from '../workflows/bench/contract';
import { startEmbedded } from './embedded';
import { machineLine } from './machine';
import { benchDatabase } from './databases';
import { pool, runLives, UPDATES_PER_LIFE } from './lives';

/**
 * `npm run bench:lifecycle`: whole incoming lives per second driven through the HTTP API by simulated users
 * (clerk registers → assigns to staff → staff proposes to the director through three levels (head, assistant,
 * director) → the head and the assistant send on with a minute → the director approves → staff closes), on the
 * embedded default (SQLite + dev server on a SQLite file) and on MariaDB, beside a baseline: a trivial workflow
 * taking the same number of updates on the same server. Also p50/p95 latency of a task action.
 */
const LIVES = Number(process.env.BENCH_LIVES ?? 60);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

async function main(): Promise<void> {
  console.log(machineLine());
  console.log(`lives per run: ${LIVES}, concurrent users: ${CONCURRENCY}`);
  for (const kind of ['sqlite', 'mariadb'] as const) {
    const db = await benchDatabase(kind).catch((error: Error) => {
      console.log(`${kind}: skipped (${error.message})`);
      return undefined;
    });
    if (!db) continue;
    const { system, stop } = await startEmbedded(db.url, 'bench');
    try {
      const lives = await runLives(system.baseUrl, LIVES, CONCURRENCY);
      const baseline = await runBaseline(system);
      console.log(
        `${kind.padEnd(8)} lives: ${lives.perSecond.toFixed(2)}/s (${lives.seconds.toFixed(1)} s)  baseline: ${baseline.perSecond.toFixed(2)}/s  ` +
          `ratio: ${(lives.perSecond / baseline.perSecond).toFixed(2)}  task action p50 ${lives.p50} ms p95 ${lives.p95} ms`,
      );
    } finally {
      await stop();
      await db.drop();
    }
  }
}

async function runBaseline(system: RunningSystem) {
  const started = performance.now();
  const run = randomBytes(3).toString('hex');
  await pool(LIVES, CONCURRENCY, async (i) => {
    const workflowId = echoWorkflowId(`${run}-${i}`);
    await system.client.workflow.executeUpdateWithStart(echoStepUpdate, {
      args: ['start'],
      startWorkflowOperation: new WithStartWorkflowOperation('benchEcho', {
        workflowId,
        taskQueue: system.env.TEMPORAL_TASK_QUEUE,
        args: [{ updates: UPDATES_PER_LIFE }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    const handle = system.client.workflow.getHandle(workflowId);
    for (let step = 1; step < UPDATES_PER_LIFE; step++)
      await handle.executeUpdate(echoStepUpdate, { args: [`step ${step}`] });
    await handle.result();
  });
  const seconds = (performance.now() - started) / 1000;
  return { seconds, perSecond: LIVES / seconds };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
