import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/** A fresh database for one benchmark run: a SQLite file, or a database of its own on BENCH_MYSQL_URL's server. */
export async function benchDatabase(kind: 'sqlite' | 'mariadb') {
  if (kind === 'sqlite')
    return { url: `sqlite:${join(mkdtempSync(join(tmpdir(), 'bench-db-')), 'b.sqlite')}`, drop: async () => undefined };
  const serverUrl = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
  const name = `saraban_bench_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({ uri: serverUrl, connectTimeout: 3000 });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = await createConnection({ uri: serverUrl });
      await c.query(`DROP DATABASE \`${name}\``);
      await c.end();
    },
  };
}
