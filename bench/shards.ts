import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePortRange } from '../scripts/lib/cluster/scratch';
import { loadClusterSettings, type ClusterSettings } from '../scripts/lib/cluster/settings';
import { Supervisor } from '../scripts/lib/cluster/supervisor';
import {
  dropTemporalStore,
  ensureNamespace,
  prepareTemporalStore,
  psqlAdmin,
  temporalAddress,
  temporalServerSpec,
} from '../scripts/lib/cluster/temporal-server';
import { clusterTools, repoRoot } from '../scripts/lib/cluster/tools';
import { machineLine } from './machine';

/**
 * `npm run bench:shards`: what deploy/temporal's numHistoryShards costs on this machine. For 4 shards and for the
 * chosen 512, on a fresh PostgreSQL store: the first start (the server creates its shards), a restart on the same
 * store, and what the idle server uses over IDLE_SECONDS: its CPU time, its memory and PostgreSQL transactions.
 */
const SHARDS = (process.env.BENCH_SHARDS ?? '4,512').split(',').map(Number);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 30);

async function main(): Promise<void> {
  console.log(machineLine());
  for (const shards of SHARDS) console.log(await measure(shards));
}

async function measure(shards: number): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), `bench-shards-${shards}-`));
  cpSync(join(repoRoot, 'deploy'), join(root, 'deploy'), { recursive: true });
  const yaml = join(root, 'deploy', 'temporal', 'saraban.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/numHistoryShards: \d+/, `numHistoryShards: ${shards}`));
  const s = loadClusterSettings({
    TEMPORAL_PORT_BASE: String(await freePortRange(21)),
    TEMPORAL_DB_NAME: `temporal_bench_${shards}_${process.pid}`,
    TEMPORAL_VISIBILITY_DB_NAME: `temporal_visibility_bench_${shards}_${process.pid}`,
  });
  const tools = clusterTools();
  await prepareTemporalStore(s, tools);
  const spec = temporalServerSpec(s, tools);
  spec.args[spec.args.indexOf('--root') + 1] = root;
  spec.cwd = root;
  const supervisor = new Supervisor(() => undefined);
  try {
    let t0 = performance.now();
    await supervisor.start(spec);
    await ensureNamespace(temporalAddress(s));
    const firstStart = (performance.now() - t0) / 1000;
    await supervisor.stop('temporal');
    t0 = performance.now();
    const server = await supervisor.resume(spec);
    const restart = (performance.now() - t0) / 1000;
    const pid = server.child.pid ?? 0;
    const [cpu0, tx0] = [cpuSeconds(pid), await transactions(s)];
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    const [cpu1, tx1] = [cpuSeconds(pid), await transactions(s)];
    return (
      `${String(shards).padStart(4)} shards: first start ${firstStart.toFixed(1)} s, restart ${restart.toFixed(1)} s; ` +
      `idle over ${IDLE_SECONDS} s: ${(((cpu1 - cpu0) / IDLE_SECONDS) * 100).toFixed(1)} % of a core, ` +
      `RSS ${rssMiB(pid)} MiB, PostgreSQL ${((tx1 - tx0) / IDLE_SECONDS).toFixed(0)} transactions/s`
    );
  } finally {
    await supervisor.stopAll();
    await dropTemporalStore(s);
  }
}

/** User + system CPU seconds of a process so far (/proc/<pid>/stat, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
  return Math.round(Number(line?.[1] ?? 0) / 1024);
}

/** Commits and rollbacks on both of Temporal's databases so far. */
async function transactions(s: ClusterSettings): Promise<number> {
  const out = await psqlAdmin(
    s,
    `SELECT SUM(xact_commit + xact_rollback) FROM pg_stat_database WHERE datname IN ('${s.TEMPORAL_DB_NAME}', '${s.TEMPORAL_VISIBILITY_DB_NAME}')`,
  );
  return Number(out.trim());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
