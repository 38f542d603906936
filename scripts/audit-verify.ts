import { loadEnv } from '../config/env';
import { openDatabase } from '../db/data-source';
import { verifyAuditChain } from '../db/audit';

/** `npm run audit:verify`: walks the audit hash chain of DATABASE_URL and names the first bad row; exit 1 if any. */
async function main(): Promise<void> {
  const ds = await openDatabase(loadEnv().DATABASE_URL);
  try {
    const result = await verifyAuditChain(ds.manager);
    if (result.ok) {
      console.log(`audit chain intact: ${result.rows} rows`);
    } else {
      console.error(
        `audit chain BROKEN at row ${result.firstBadId}: ${result.problem} (${result.rows} rows verified before it)`,
      );
      process.exitCode = 1;
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
