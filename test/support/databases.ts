import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/** A database a test runs against, made fresh for it and dropped after. */
export interface TestDatabase {
  name: 'sqlite' | 'mariadb';
  url: string;
  drop(): Promise<void>;
}

/**
 * The databases every integration suite runs on: SQLite always; MariaDB/MySQL when TEST_MYSQL_URL is set
 * (.ci/run sets it to the local MariaDB). Each call makes a new empty database.
 */
export function testDatabaseKinds(): Array<TestDatabase['name']> {
  return process.env.TEST_MYSQL_URL ? ['sqlite', 'mariadb'] : ['sqlite'];
}

export async function createTestDatabase(kind: TestDatabase['name']): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'saraban-db-'));
    return { name: 'sqlite', url: `sqlite:${join(dir, 'test.sqlite')}`, drop: async () => undefined };
  }
  const server = new URL(process.env.TEST_MYSQL_URL!);
  const database = `saraban_t_${randomBytes(5).toString('hex')}`;
  const admin = await createConnection({ uri: server.toString() });
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(server.toString());
  url.pathname = `/${database}`;
  return {
    name: 'mariadb',
    url: url.toString(),
    drop: async () => {
      const c = await createConnection({ uri: server.toString() });
      await c.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await c.end();
    },
  };
}
