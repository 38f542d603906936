import type { DataSource } from 'typeorm';
import { inTransaction } from './transaction';
import { bodyText, indexDocument, type IndexedText } from './search-index';

/** Documents per transaction of a rebuild: small enough not to hold the SQLite write lock for long. */
export const REINDEX_BATCH_SIZE = 200;

/** What a rebuild did: documents seen, and index rows before and after. */
export interface ReindexResult {
  documents: number;
  batches: number;
  termsBefore: number;
  termsAfter: number;
}

type Row = Record<string, unknown>;

/**
 * The indexed text of a stored document, as the activities index it when they store it: subject, note, body,
 * sender and recipients; a ลับที่สุด document keeps only its register fields (its note and body are never stored,
 * and never indexed even if a row had them).
 */
export function indexedTextOf(row: Row): IndexedText {
  const topSecret = row.secrecy === 'top_secret';
  return {
    subject: str(row.subject),
    note: topSecret ? null : str(row.note),
    body: topSecret ? null : bodyOfColumn(row.body),
    senderName: str(row.sender_name),
    senderNumber: str(row.sender_number),
    toText: str(row.to_text),
  };
}

/**
 * Rebuilds the Thai search index (`search_terms`) of every document from the documents table, in id order and in
 * batches of `batchSize`, each batch in its own transaction (a document's terms are replaced whole, so running it
 * again changes nothing). For upgrades that add documents to the index and for a changed segmenter (a new ICU).
 */
export async function reindexSearch(
  ds: DataSource,
  o: { batchSize?: number; onBatch?: (done: number) => void } = {},
): Promise<ReindexResult> {
  const batchSize = Math.max(1, o.batchSize ?? REINDEX_BATCH_SIZE);
  const count = async () => Number(((await ds.query('SELECT COUNT(*) AS n FROM search_terms')) as Row[])[0].n);
  const termsBefore = await count();
  let after = '';
  let documents = 0;
  let batches = 0;
  for (;;) {
    const rows = (await ds.query(
      `SELECT id, secrecy, subject, note, body, sender_name, sender_number, to_text FROM documents
       WHERE id > ? ORDER BY id LIMIT ${batchSize}`,
      [after],
    )) as Row[];
    if (rows.length === 0) break;
    await inTransaction(ds, async (em) => {
      for (const row of rows) await indexDocument(em, String(row.id), indexedTextOf(row));
    });
    after = String(rows[rows.length - 1].id);
    documents += rows.length;
    batches++;
    o.onBatch?.(documents);
  }
  return { documents, batches, termsBefore, termsAfter: await count() };
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** The body column: JSON of the kind's parts (outgoing, circulars), or plain text. */
function bodyOfColumn(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  try {
    return bodyText(JSON.parse(value));
  } catch {
    return value;
  }
}
