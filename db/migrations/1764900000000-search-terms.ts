import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * The search index: the words of each document (db/search-index.ts, Intl.Segmenter('th')), one row per word. On
 * MySQL the term compares byte for byte (utf8mb4_bin): the default collation would equate Thai words that differ
 * only by a tone mark (ไม่ / ไม้).
 */
export class SearchTerms1764900000000 implements MigrationInterface {
  name = 'SearchTerms1764900000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    await q.createTable(
      new Table({
        name: 'search_terms',
        columns: [
          { ...col.str('document_id', 36), isPrimary: true },
          {
            ...col.str('term', 64),
            isPrimary: true,
            ...(mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
          },
        ],
        indices: [{ name: 'ix_search_terms_term', columnNames: ['term', 'document_id'] }],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('search_terms', true);
  }
}
