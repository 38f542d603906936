import { loadEnv } from '../config/env';
import { openDatabase } from '../db/data-source';

/** `npm run migrate`: applies pending migrations to DATABASE_URL. */
async function main(): Promise<void> {
  const ds = await openDatabase(loadEnv().DATABASE_URL);
  console.log(`migrations applied: ${(await ds.query('SELECT COUNT(*) AS n FROM migrations'))[0].n}`);
  await ds.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
