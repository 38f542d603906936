import type { DataSource } from 'typeorm';
import { openDatabase } from '../../db/data-source';
import { expectLivesIntact, runLivesUnderChaos, sleep } from '../support/lives-under-chaos';
import { startTestCluster, type TestCluster } from './support/test-cluster';

/** Lives through the chaos (CLUSTER_CHAOS_LIVES to change). */
const LIVES = Number(process.env.CLUSTER_CHAOS_LIVES ?? 300);
/** A worker is killed every few seconds of its running time, never at a fixed beat. */
const KILL_EVERY_MS = [3000, 7000] as const;

/**
 * Chaos on the production topology: LIVES letters go through register → assign → close through the proxy while a
 * worker is SIGKILLed every few seconds (the supervisor starts a replacement, as an orchestrator would), one API
 * replica is SIGKILLed and restarted, and the Temporal server process is SIGKILLed once and restarted on its
 * PostgreSQL. Nothing may be lost or done twice, and the client may see no error but 503 (retried with its key).
 */
describe('chaos on the cluster', () => {
  let cluster: TestCluster;
  let ds: DataSource;

  beforeAll(async () => {
    cluster = await startTestCluster();
    ds = await openDatabase(cluster.settings.DATABASE_URL);
  });
  afterAll(async () => {
    await ds?.destroy();
    await cluster?.destroy();
  });

  it(`finishes all ${LIVES} lives with gap-free numbers, no orphan or double task and one audit row per step`, async () => {
    const { supervisor } = cluster;
    const started = Date.now();
    const events: string[] = [];
    let workerKills = 0;
    let chaos = true;
    const killer = (async () => {
      let apiRestarted = false;
      let temporalRestarted = false;
      while (chaos) {
        await sleep(KILL_EVERY_MS[0] + Math.random() * (KILL_EVERY_MS[1] - KILL_EVERY_MS[0]));
        if (!chaos) break;
        const name = cluster.workerNames[workerKills % cluster.workerNames.length];
        const before = supervisor.get(name).starts;
        supervisor.kill(name, 'SIGKILL');
        workerKills++;
        const elapsed = Date.now() - started;
        if (!apiRestarted && elapsed > 8_000) {
          apiRestarted = true;
          const api = supervisor.get('api-1').starts;
          supervisor.kill('api-1', 'SIGKILL');
          await supervisor.replaced('api-1', api);
          events.push(`api-1 killed and restarted at ${Math.round(elapsed / 1000)} s`);
        } else if (!temporalRestarted && elapsed > 20_000) {
          temporalRestarted = true;
          const at = Date.now();
          const temporal = supervisor.get('temporal').starts;
          supervisor.kill('temporal', 'SIGKILL');
          await supervisor.replaced('temporal', temporal);
          events.push(
            `Temporal server away for ${((Date.now() - at) / 1000).toFixed(1)} s at ${Math.round(elapsed / 1000)} s`,
          );
        }
        // The next kill only once the replacement polls, so the lives always make progress.
        await supervisor.replaced(name, before);
      }
      return { apiRestarted, temporalRestarted };
    })();
    killer.catch(() => undefined); // when the lives fail first, the cluster stops under it
    const progress = setInterval(() => {
      void ds
        .query("SELECT COUNT(*) AS n FROM documents WHERE stage = 'closed'")
        .then((r: Array<{ n: number | string }>) =>
          process.stderr.write(
            `[chaos] ${Math.round((Date.now() - started) / 1000)} s: ${Number(r[0].n)}/${LIVES} closed, ${workerKills} worker kills\n`,
          ),
        )
        .catch(() => undefined);
    }, 10_000);

    let load;
    try {
      load = await runLivesUnderChaos({ baseUrl: cluster.url, count: LIVES, prefix: 'chaos' });
      // A fast run may end before the chaos has done everything once: wait for it.
      while (events.length < 2 && Date.now() - started < 180_000) await sleep(500);
    } finally {
      chaos = false;
      clearInterval(progress);
    }
    const done = await killer;
    const seconds = (Date.now() - started) / 1000;

    expect(done).toEqual({ apiRestarted: true, temporalRestarted: true });
    expect(workerKills).toBeGreaterThan(2);
    // The proxy turns a replica that cannot be reached into 503, and the API a Temporal that is away: never another.
    expect([...load.refusals].filter(([status]) => status !== 503)).toEqual([]);
    expect(load.networkErrors).toBe(0);
    const intact = await expectLivesIntact(ds, LIVES, load.numbers);
    const refused = [...load.refusals].map(([status, r]) => `${r.count} × ${status}`).join(', ') || 'none';
    console.log(
      `chaos on the cluster: ${LIVES} lives in ${seconds.toFixed(1)} s; ${workerKills} worker kills, ${events.join(', ')}; ` +
        `answers retried: ${refused}; ${intact}`,
    );
  });
});
