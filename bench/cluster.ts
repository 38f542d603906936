import { createConnection } from 'mysql2/promise';
import { startScratchCluster } from '../scripts/lib/cluster/scratch';
import { runLives, type LivesRun } from './lives';
import { startEmbedded } from './embedded';
import { machineLine } from './machine';

/**
 * `npm run bench:cluster`: whole incoming lives per second (bench/lives.ts, seven updates each) on the production
 * topology (Temporal server on PostgreSQL, APIs behind nginx, the documents on MariaDB) with one worker process and
 * with two, against the embedded default on the same MariaDB server (dev server, worker and API in one process), in
 * one run on one machine. Prints the ratios: the second worker's scaling, and the cluster against the embedded one.
 */
const LIVES = Number(process.env.BENCH_LIVES ?? 80);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const MYSQL_URL = process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

async function main(): Promise<void> {
  console.log(machineLine());
  console.log(`lives per run: ${LIVES}, concurrent users: ${CONCURRENCY}, documents on ${new URL(MYSQL_URL).host}`);
  const embedded = await onEmbedded();
  report('embedded (dev server, 1 process)', embedded);
  const results: Record<number, LivesRun> = {};
  for (const workers of [1, 2]) {
    results[workers] = await onCluster(workers);
    report(`cluster, ${workers} worker${workers > 1 ? 's' : ' '}, 2 APIs`, results[workers]);
  }
  console.log(
    `ratios: 2 workers / 1 worker ${(results[2].perSecond / results[1].perSecond).toFixed(2)}; ` +
      `cluster (2 workers) / embedded ${(results[2].perSecond / embedded.perSecond).toFixed(2)}; ` +
      `cluster (1 worker) / embedded ${(results[1].perSecond / embedded.perSecond).toFixed(2)}`,
  );
}

function report(what: string, r: LivesRun): void {
  console.log(
    `${what.padEnd(34)} ${r.perSecond.toFixed(2)} lives/s (${r.seconds.toFixed(1)} s)  task action p50 ${r.p50} ms p95 ${r.p95} ms`,
  );
}

async function onCluster(workers: number): Promise<LivesRun> {
  const cluster = await startScratchCluster({ workers, logLevel: 'error' });
  try {
    await runLives(cluster.url, Math.min(8, LIVES), CONCURRENCY); // warm: connections, sticky caches, JIT
    return await runLives(cluster.url, LIVES, CONCURRENCY);
  } finally {
    await cluster.destroy();
  }
}

async function onEmbedded(): Promise<LivesRun> {
  const name = `saraban_bench_${process.pid}`;
  const admin = await createConnection({ uri: MYSQL_URL });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  const url = new URL(MYSQL_URL);
  url.pathname = `/${name}`;
  const { system, stop } = await startEmbedded(url.toString(), 'bench-cluster');
  try {
    await runLives(system.baseUrl, Math.min(8, LIVES), CONCURRENCY);
    return await runLives(system.baseUrl, LIVES, CONCURRENCY);
  } finally {
    await stop();
    await admin.query(`DROP DATABASE \`${name}\``);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
