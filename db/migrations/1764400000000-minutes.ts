import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * Minutes (เกษียนหนังสือ): what each level of a proposal wrote on a received document, by whom, in which position
 * and when, in order. `step_key` (workflow id + step id) makes a retried activity write a minute once.
 */
export class Minutes1764400000000 implements MigrationInterface {
  name = 'Minutes1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'minutes',
        columns: [
          col.serial(),
          col.str('document_id', 36),
          col.str('task_id', 36, true),
          col.str('step_key', 200),
          col.time('at'),
          col.str('author_user_id', 36),
          col.str('author_name', 255),
          col.str('position_title', 500),
          col.text('text', false),
          col.str('decision', 32),
        ],
        indices: [
          { name: 'ix_minutes_document', columnNames: ['document_id'] },
          { name: 'uq_minutes_step', columnNames: ['step_key'], isUnique: true },
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('minutes', true);
  }
}
