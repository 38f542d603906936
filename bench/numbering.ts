import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { openDatabase } from '../db/data-source';
import { allocateNumber } from '../db/numbering';
import { inTransaction } from '../db/transaction';
import { machineLine } from './machine';

/**
 * `npm run bench:numbering`: receipt numbers per second from 1, 8 and 64 concurrent callers, each taking numbers
 * through the same transaction the registration activity uses (counter row lock + register row), on SQLite and on
 * MariaDB (BENCH_MYSQL_URL, default the local server). Counts duplicates and gaps, which must be 0.
 */
const PER_RUN = Number(process.env.BENCH_NUMBERS ?? 2000);

async function main(): Promise<void> {
  console.log(machineLine());
  console.log(`numbers per run: ${PER_RUN}`);
  const targets: Array<[string, () => Promise<{ url: string; drop: () => Promise<void> }>]> = [
    [
      'sqlite',
      async () => ({
        url: `sqlite:${join(mkdtempSync(join(tmpdir(), 'bench-')), 'b.sqlite')}`,
        drop: async () => undefined,
      }),
    ],
    ['mariadb', () => mysqlDatabase(process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test')],
  ];
  for (const [name, make] of targets) {
    let target;
    try {
      target = await make();
    } catch (error) {
      console.log(`${name}: skipped (${(error as Error).message})`);
      continue;
    }
    const ds = await openDatabase(target.url);
    for (const callers of [1, 8, 64]) {
      const unitId = `bench-${callers}`;
      let next = 0;
      const started = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: callers }, async () => {
          while (next < PER_RUN) {
            const i = next++;
            await inTransaction(ds, (em) =>
              allocateNumber(em, {
                register: 'receipt',
                unitId,
                year: 2569,
                idempotencyKey: `bench:${unitId}:${i}`,
                documentId: null,
                subject: `bench ${i}`,
                recordedAt: new Date(),
              }),
            );
          }
        }),
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rows = (await ds.query('SELECT number FROM register_entries WHERE unit_id = ? ORDER BY number', [
        unitId,
      ])) as Array<{ number: number | string }>;
      const numbers = rows.map((r) => Number(r.number));
      const duplicates = numbers.length - new Set(numbers).size;
      const gaps = numbers.length === 0 ? 0 : numbers[numbers.length - 1] - new Set(numbers).size;
      console.log(
        `${name.padEnd(8)} callers=${String(callers).padStart(2)}  ${(PER_RUN / seconds).toFixed(0).padStart(6)} numbers/s  ` +
          `issued=${numbers.length} duplicates=${duplicates} gaps=${gaps}`,
      );
    }
    await ds.destroy();
    await target.drop();
  }
}

async function mysqlDatabase(serverUrl: string) {
  const database = `saraban_bench_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection({ uri: serverUrl, connectTimeout: 3000 });
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = await createConnection({ uri: serverUrl });
      await c.query(`DROP DATABASE \`${database}\``);
      await c.end();
    },
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
