import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * Who cancelled a register row, when and why (Saraban practice: a number once taken is never reused or deleted; the
 * row stays, marked ยกเลิก). `cancelled` and `remark` already existed; these three say it without reading the audit
 * trail, for the registers' JSON, CSV, PDF and XLSX. Rows cancelled before this migration keep them empty.
 */
export class RegisterCancellation1765700000000 implements MigrationInterface {
  name = 'RegisterCancellation1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('register_entries', [
      new TableColumn(col.time('cancelled_at', true)),
      new TableColumn(col.str('cancelled_by', 36, true)),
      new TableColumn(col.str('cancel_reason', 400, true)),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['cancel_reason', 'cancelled_by', 'cancelled_at']) await q.dropColumn('register_entries', name);
  }
}
