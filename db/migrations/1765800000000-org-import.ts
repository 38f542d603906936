import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * What `npm run org:import` needs: units and positions the organisation file no longer lists are switched off
 * (`active`), never deleted, because documents name them; and users remember whether the file loaded them
 * (`imported`), so a reload switches off only its own users, never an account made by admin:create or the admin
 * screens. Demo users were loaded from the demo file, so they count as loaded by it.
 */
export class OrgImport1765800000000 implements MigrationInterface {
  name = 'OrgImport1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('units', new TableColumn(col.bool('active', true)));
    await q.addColumn('positions', new TableColumn(col.bool('active', true)));
    await q.addColumn('users', new TableColumn(col.bool('imported')));
    await q.query('UPDATE users SET imported = 1 WHERE demo = 1');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('users', 'imported');
    await q.dropColumn('positions', 'active');
    await q.dropColumn('units', 'active');
  }
}
