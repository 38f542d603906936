import { resolve } from 'node:path';
import { startCluster } from './lib/cluster/cluster';
import { loadDotEnv } from './lib/dot-env';
import { loadClusterSettings } from './lib/cluster/settings';

/**
 * `npm run start:cluster`: the production topology on one machine (Temporal on PostgreSQL, the documents on
 * MariaDB, two workers, two APIs behind nginx, the mail intake, the Temporal UI, Redis), stopped on Ctrl-C.
 */
async function main(): Promise<void> {
  loadDotEnv(resolve('.env.cluster'));
  const settings = loadClusterSettings();
  console.log('  Starting the cluster (the Temporal server takes up to a minute)…');
  const cluster = await startCluster(settings);
  const [api1, api2] = settings.CLUSTER_API_PORTS;
  console.log(`
  e-Saraban is running (production topology on this machine).
    Open          http://localhost:${settings.PORT}   (nginx → api-1 :${api1}, api-2 :${api2})
    Sign in as    clerk.ladkrabang  (password: ${settings.NODE_ENV === 'production' ? '—' : (process.env.DEMO_PASSWORD ?? 'saraban-demo')}, demo data only)
    Temporal UI   ${cluster.uiUrl ?? '(not built: npm run setup -- --cluster)'}
    Database      ${settings.DATABASE_URL.replace(/\/\/[^@]*@/, '//…@')}
    Temporal      ${cluster.temporalAddress}, namespace ${cluster.namespace}, on PostgreSQL ${settings.TEMPORAL_DB_HOST}:${settings.TEMPORAL_DB_PORT}
    Workers       ${cluster.workerNames.length}   Mail intake  smtp://127.0.0.1:${settings.MAIL_INTAKE_PORT}   Redis  ${settings.REDIS_URL}
    Logs          ${resolve(settings.DATA_DIR, 'logs')}/<process>.log
  Ctrl-C stops everything.
`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    cluster.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
