import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { THAI_HOLIDAYS } from '../../domain/calendar/holidays';
import { dbTime } from '../time';
import { col } from './columns';

/**
 * The administrator's working calendar: one row per holiday (two holidays on one date are two rows), seeded once
 * from the shipped data (domain/calendar/thai-holidays.json) when the table is created. From then on the table is
 * the truth (GET/POST/DELETE /api/admin/holidays); later edits of the shipped file do not reach a running system.
 * The database's default character set (utf8mb4, set by the first migration) applies on MySQL.
 */
export class Holidays1765300000000 implements MigrationInterface {
  name = 'Holidays1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'holidays',
        columns: [
          col.serial(),
          col.str('date', 10),
          col.str('name', 255),
          col.str('name_en', 255, true),
          { ...col.str('kind', 16), default: "'public'" },
          { ...col.str('status', 16), default: "'verified'" },
          col.time('created_at'),
          col.str('created_by', 36, true),
        ],
        indices: [{ name: 'uq_holidays_date_name', columnNames: ['date', 'name'], isUnique: true }],
      }),
      true,
    );
    const [{ n }] = (await q.query('SELECT COUNT(*) AS n FROM holidays')) as Array<{ n: number | string }>;
    if (Number(n) > 0) return;
    const now = dbTime(new Date());
    for (const h of THAI_HOLIDAYS) {
      await q.query(
        'INSERT INTO holidays (date, name, name_en, kind, status, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, NULL)',
        [h.date, h.name, h.nameEn, h.kind, h.status, now],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('holidays', true);
  }
}
