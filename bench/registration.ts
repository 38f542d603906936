import { randomBytes } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { RunningSystem } from '../scripts/lib/system';
import { echoStepUpdate, echoWorkflowId } from '../workflows/bench/contract';
import { incomingWorkflowId } from '../workflows/incoming/contract';
import { historyBreakdown } from './history-breakdown';
import { client, pool } from './lives';
import { startEmbedded } from './embedded';
import { machineLine } from './machine';
import { benchDatabase } from './databases';

/**
 * `npm run bench:registration`: the registration of an incoming letter (POST /api/documents/incoming) against the
 * engine's own pace on the same server: an Update-with-start of a workflow with no activities (benchEcho). Prints,
 * per database: registrations per second at CONCURRENCY callers and the baseline's, their ratio, the unloaded p50 and
 * the loaded p95 of a registration, and where a loaded registration's time goes (from the workflows' histories).
 */
const COUNT = Number(process.env.BENCH_REGISTRATIONS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const UNLOADED = Number(process.env.BENCH_UNLOADED ?? 30);

async function main(): Promise<void> {
  console.log(machineLine());
  console.log(`registrations per run: ${COUNT} at ${CONCURRENCY} in flight; unloaded: ${UNLOADED} one at a time`);
  for (const kind of (process.env.BENCH_DATABASES ?? 'sqlite,mariadb').split(',') as Array<'sqlite' | 'mariadb'>) {
    const db = await benchDatabase(kind).catch((error: Error) => {
      console.log(`${kind}: skipped (${error.message})`);
      return undefined;
    });
    if (!db) continue;
    const { system, stop } = await startEmbedded(db.url, 'bench-registration');
    try {
      const http = client(system.baseUrl);
      const clerk = await http.login('clerk.ladkrabang');
      const register = async (i: number) => {
        const t0 = performance.now();
        const body = (await http.call('POST', '/api/documents/incoming', clerk, {
          subject: `ขอเชิญประชุมคณะกรรมการ ${i}`,
          urgency: 'normal',
          sender: { name: 'สำนักการระบายน้ำ', number: `กท 1601/${i + 1}` },
        })) as { id: string };
        return { ms: performance.now() - t0, id: body.id };
      };
      await pool(8, 4, async (i) => void (await register(i))); // warm
      const unloaded: number[] = [];
      for (let i = 0; i < UNLOADED; i++) unloaded.push((await register(100_000 + i)).ms);
      const baseline = await runBaseline(system);
      const loaded: number[] = [];
      const ids: string[] = [];
      const started = performance.now();
      await pool(COUNT, CONCURRENCY, async (i) => {
        const r = await register(i);
        loaded.push(r.ms);
        ids.push(r.id);
      });
      const perSecond = COUNT / ((performance.now() - started) / 1000);
      const [p50u, p50, p95] = [pct(unloaded, 0.5), pct(loaded, 0.5), pct(loaded, 0.95)];
      console.log(
        `${kind.padEnd(8)} registrations ${perSecond.toFixed(1)}/s  baseline ${baseline.perSecond.toFixed(1)}/s  ` +
          `ratio ${(perSecond / baseline.perSecond).toFixed(2)}  unloaded p50 ${p50u} ms  loaded p50 ${p50} ms p95 ${p95} ms  ` +
          `p95/unloaded p50 ${(p95 / p50u).toFixed(1)}`,
      );
      console.log(
        `         baseline: unloaded p50 ${baseline.p50u} ms  loaded p95 ${baseline.p95} ms  ` +
          `p95/unloaded p50 ${(baseline.p95 / baseline.p50u).toFixed(1)}`,
      );
      const sample = ids.slice(Math.floor(ids.length / 3), Math.floor(ids.length / 3) + 40).map(incomingWorkflowId);
      console.log(`  where a loaded registration's time goes (mean of ${sample.length} histories):`);
      for (const line of await historyBreakdown(system.client, sample)) console.log(`    ${line}`);
    } finally {
      await stop();
      await db.drop();
    }
  }
}

/**
 * Update-with-start of a workflow that completes on its first update: the engine's own pace for a registration,
 * at CONCURRENCY in flight, and its own latency one at a time and loaded (Little's law binds it as it binds ours).
 */
async function runBaseline(system: RunningSystem): Promise<{ perSecond: number; p50u: number; p95: number }> {
  const run = randomBytes(3).toString('hex');
  const once = async (key: string) => {
    const t0 = performance.now();
    await system.client.workflow.executeUpdateWithStart(echoStepUpdate, {
      args: ['start'],
      startWorkflowOperation: new WithStartWorkflowOperation('benchEcho', {
        workflowId: echoWorkflowId(`reg-${run}-${key}`),
        taskQueue: system.env.TEMPORAL_TASK_QUEUE,
        args: [{ updates: 1 }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    return performance.now() - t0;
  };
  const unloaded: number[] = [];
  for (let i = 0; i < UNLOADED; i++) unloaded.push(await once(`u${i}`));
  const loaded: number[] = [];
  const started = performance.now();
  await pool(COUNT, CONCURRENCY, async (i) => void loaded.push(await once(String(i))));
  return {
    perSecond: COUNT / ((performance.now() - started) / 1000),
    p50u: pct(unloaded, 0.5),
    p95: pct(loaded, 0.95),
  };
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
