import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LoginLocks1765400000000 } from './1765400000000-login-locks';

/**
 * Sign-in failures and locks moved to the API's limit store (api/auth/login-guard.ts: rate-limiter-flexible in Redis,
 * shared by every replica, or in the process for the embedded default), beside the rate limits they work with; the
 * table is dropped. Any lock it held lapses at once, as it would have within the hour.
 */
export class DropLoginLocks1765910000000 implements MigrationInterface {
  name = 'DropLoginLocks1765910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.dropTable('login_locks', true);
  }

  async down(q: QueryRunner): Promise<void> {
    await new LoginLocks1765400000000().up(q);
  }
}
