import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { OutgoingCircular1765000000000 } from './migrations/1765000000000-outgoing-circular';
import { Minutes1764400000000 } from './migrations/1764400000000-minutes';
import { SearchTerms1764900000000 } from './migrations/1764900000000-search-terms';
import { Holidays1765300000000 } from './migrations/1765300000000-holidays';
import { LoginLocks1765400000000 } from './migrations/1765400000000-login-locks';
import { OutsideBodies1765500000000 } from './migrations/1765500000000-outside-bodies';
import { HeldMail1765600000000 } from './migrations/1765600000000-held-mail';
import { RegisterCancellation1765700000000 } from './migrations/1765700000000-register-cancellation';
import { OrgImport1765800000000 } from './migrations/1765800000000-org-import';
import { DropLoginLocks1765910000000 } from './migrations/1765910000000-drop-login-locks';

/** Every migration in order; each is written once with TypeORM's table API and runs on SQLite and MySQL alike. */
export const migrations = [
  InitialSchema1764000000000,
  Minutes1764400000000,
  SearchTerms1764900000000,
  OutgoingCircular1765000000000,
  Holidays1765300000000,
  LoginLocks1765400000000,
  OutsideBodies1765500000000,
  HeldMail1765600000000,
  RegisterCancellation1765700000000,
  OrgImport1765800000000,
  DropLoginLocks1765910000000,
];

/** The options for a `DATABASE_URL`: `sqlite:<file>` (embedded default) or `mysql://…` (MySQL 8 / MariaDB). */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  const common = {
    entities,
    migrations,
    synchronize: false,
    logging: false,
    migrationsTransactionMode: 'each',
  } as const;
  if (databaseUrl.startsWith('mysql://') || databaseUrl.startsWith('mariadb://')) {
    return {
      ...common,
      type: 'mysql',
      url: databaseUrl.replace(/^mariadb:/, 'mysql:'),
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      // Counters and audit rows are taken under row locks: a pool lets other documents proceed meanwhile.
      extra: { connectionLimit: 20 },
      supportBigNumbers: true,
    };
  }
  if (databaseUrl.startsWith('sqlite:')) {
    const file = resolve(databaseUrl.slice('sqlite:'.length) || 'data/saraban.sqlite');
    mkdirSync(dirname(file), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: file,
      // WAL lets readers run beside the writer; a busy timeout waits out another process's write.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.pragma('busy_timeout = 10000');
        db.pragma('foreign_keys = ON');
      },
    };
  }
  throw new Error(`DATABASE_URL must start with sqlite: or mysql:// (got ${databaseUrl.split(':')[0]}:)`);
}

/** Builds the one DataSource of a process (not yet initialised). */
export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}

/** True when the data source is the embedded SQLite file. */
export function isSqlite(ds: DataSource): boolean {
  return ds.options.type === 'better-sqlite3';
}

/** Initialises the data source and applies pending migrations. */
export async function openDatabase(databaseUrl: string): Promise<DataSource> {
  const ds = createDataSource(databaseUrl);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}

/** The data source for TypeORM's CLI (`typeorm migration:run -d dist/db/data-source.js`). */
export default createDataSource(process.env.DATABASE_URL ?? 'sqlite:data/saraban.sqlite');
