import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadEnv } from '../config/env';
import { loadDotEnv } from './lib/dot-env';
import { startSystem } from './lib/system';

/** `npm start`: the whole system on the embedded defaults, stopped cleanly on Ctrl-C. */
async function main(): Promise<void> {
  loadDotEnv(resolve('.env'));
  const env = loadEnv();
  const webRoot = resolve(__dirname, '..', '..', 'web', 'dist', 'browser');
  const system = await startSystem(env, { webRoot: existsSync(join(webRoot, 'index.html')) ? webRoot : undefined });
  const shown = `http://localhost:${env.PORT}`;
  console.log(`
  e-Saraban is running.
    Open          ${shown}
    Sign in as    clerk.ladkrabang  (password: ${env.NODE_ENV === 'production' ? '—' : env.DEMO_PASSWORD}, demo data only)
    Temporal UI   ${env.TEMPORAL_ADDRESS ? '(your Temporal)' : `http://localhost:${env.TEMPORAL_UI_PORT}`}
    Database      ${env.DATABASE_URL.replace(/\/\/[^@]*@/, '//…@')}
  Ctrl-C stops everything.
`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    system.stop().then(
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
