import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * Sign-in failures and locks (api/auth/login-guard.ts), per username (`u:<name>`) or address (`ip:<addr>`), in the
 * database so every API replica counts the same failures and a restart does not lift a lock. Times in epoch ms.
 */
export class LoginLocks1765400000000 implements MigrationInterface {
  name = 'LoginLocks1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'login_locks',
        columns: [
          { ...col.str('subject_key', 200), isPrimary: true },
          col.int('failures', false, 0),
          { name: 'first_failure_at', type: 'bigint', default: 0 },
          { name: 'locked_until', type: 'bigint', default: 0 },
          col.int('locks', false, 0),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('login_locks', true);
  }
}
