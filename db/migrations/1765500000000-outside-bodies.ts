import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * The directory of outside bodies (หน่วยงานภายนอก) that the administrator keeps: ministries, agencies, companies and
 * people the BMA writes to and receives mail from, by name and central e-mail (stored in lower case, unique). A body
 * is switched off, never deleted (letters name it). `search_text` holds the name from each of its word starts
 * (db/outside-bodies.ts `directorySearchText`), compared byte for byte on MySQL so Thai tone marks count.
 */
export class OutsideBodies1765500000000 implements MigrationInterface {
  name = 'OutsideBodies1765500000000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.options.type === 'mysql';
    await q.createTable(
      new Table({
        name: 'outside_bodies',
        columns: [
          col.id(),
          col.str('name', 255),
          col.str('email', 255),
          { ...col.str('kind', 16), default: "'agency'" },
          col.text('note'),
          col.bool('active', true),
          { ...col.text('search_text', false), ...(mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}) },
          col.time('created_at'),
          col.str('created_by', 36, true),
          col.time('updated_at'),
          col.str('updated_by', 36, true),
        ],
        indices: [
          { name: 'uq_outside_bodies_email', columnNames: ['email'], isUnique: true },
          { name: 'ix_outside_bodies_active_name', columnNames: ['active', 'name'] },
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('outside_bodies', true);
  }
}
