import { loadEnv } from '../config/env';
import { openDatabase } from '../db/data-source';
import { REINDEX_BATCH_SIZE, reindexSearch } from '../db/search-reindex';

/**
 * `npm run search:reindex`: rebuilds the Thai search index of DATABASE_URL for every document, in batches
 * (`--batch-size N`, default 200), and prints the counts. Safe to run again and while the system runs (each document's
 * terms are replaced in one transaction); run it after an upgrade or when Node's ICU (the segmenter) changed.
 */
async function main(): Promise<void> {
  const i = process.argv.indexOf('--batch-size');
  const batchSize = i > 0 ? Number(process.argv[i + 1]) : REINDEX_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch-size needs a positive whole number');
  const ds = await openDatabase(loadEnv().DATABASE_URL);
  try {
    const result = await reindexSearch(ds, {
      batchSize,
      onBatch: (done) => console.log(`search:reindex: ${done} documents indexed`),
    });
    console.log(
      `search index rebuilt: ${result.documents} documents in ${result.batches} batches, ` +
        `${result.termsBefore} terms before, ${result.termsAfter} after`,
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
