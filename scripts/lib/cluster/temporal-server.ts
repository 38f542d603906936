import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import type { ClusterSettings } from './settings';
import type { Service, ServiceSpec } from './supervisor';
import { repoRoot, type ClusterTools } from './tools';

const run = promisify(execFile);

/** deploy/temporal/namespace.json: the namespace the lives run in, its retention and search attributes. */
export interface NamespaceConfig {
  name: string;
  description: string;
  retentionDays: number;
  searchAttributes: Record<string, 'Keyword' | 'Int'>;
}

export function namespaceConfig(): NamespaceConfig {
  return JSON.parse(readFileSync(join(repoRoot, 'deploy', 'temporal', 'namespace.json'), 'utf8')) as NamespaceConfig;
}

/** The frontend's address for clients (workers, APIs, the intake, the UI). */
export const temporalAddress = (s: ClusterSettings) => `127.0.0.1:${s.TEMPORAL_PORT_BASE}`;

/**
 * Temporal's store on PostgreSQL, made or brought up to date: the role (with CREATEDB) when missing, both databases,
 * and the schema of this server version (`setup-schema -v 0.0` is a no-op on a set-up database, `update-schema`
 * applies only what is newer). Safe on every start.
 */
export async function prepareTemporalStore(s: ClusterSettings, tools: ClusterTools): Promise<void> {
  const psql = (sql: string) => psqlAdmin(s, sql);
  const role = s.TEMPORAL_DB_USER.replace(/'/g, "''");
  if ((await psql(`SELECT 1 FROM pg_roles WHERE rolname = '${role}'`)).trim() !== '1')
    await psql(`CREATE ROLE "${role}" LOGIN CREATEDB PASSWORD '${s.TEMPORAL_DB_PASSWORD.replace(/'/g, "''")}'`);
  const env = {
    ...process.env,
    SQL_PLUGIN: 'postgres12',
    SQL_HOST: s.TEMPORAL_DB_HOST,
    SQL_PORT: String(s.TEMPORAL_DB_PORT),
    SQL_USER: s.TEMPORAL_DB_USER,
    SQL_PASSWORD: s.TEMPORAL_DB_PASSWORD,
  };
  for (const [db, folder] of [
    [s.TEMPORAL_DB_NAME, 'temporal'],
    [s.TEMPORAL_VISIBILITY_DB_NAME, 'visibility'],
  ]) {
    const exists = await psql(`SELECT 1 FROM pg_database WHERE datname = '${db}'`);
    if (exists.trim() !== '1') await run(tools.sqlTool, ['--db', db, 'create-database'], { env });
    await run(tools.sqlTool, ['--db', db, 'setup-schema', '-v', '0.0'], { env });
    await run(tools.sqlTool, ['--db', db, 'update-schema', '-d', join(tools.schemaDir, 'v12', folder, 'versioned')], {
      env,
    });
  }
}

/** Drops Temporal's two databases (tests that made their own). */
export async function dropTemporalStore(s: ClusterSettings): Promise<void> {
  for (const db of [s.TEMPORAL_DB_NAME, s.TEMPORAL_VISIBILITY_DB_NAME])
    await psqlAdmin(s, `DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
}

/** One SQL statement as PostgreSQL's admin user (TEMPORAL_DB_ADMIN_USER) on its `postgres` database; rows as text. */
export async function psqlAdmin(s: ClusterSettings, sql: string): Promise<string> {
  const { stdout } = await run('psql', [
    '-h',
    s.TEMPORAL_DB_HOST,
    '-p',
    String(s.TEMPORAL_DB_PORT),
    '-U',
    s.TEMPORAL_DB_ADMIN_USER,
    '-d',
    'postgres',
    '-tAc',
    sql,
  ]);
  return stdout;
}

/** The Temporal server process: all four services in one, from deploy/temporal/saraban.yaml. */
export function temporalServerSpec(s: ClusterSettings, tools: ClusterTools): ServiceSpec {
  return {
    name: 'temporal',
    command: tools.temporalServer,
    args: ['--root', repoRoot, '--config', 'deploy/temporal', '--env', 'saraban', '--allow-no-auth', 'start'],
    cwd: repoRoot,
    env: {
      ...process.env,
      TEMPORAL_PORT_BASE: String(s.TEMPORAL_PORT_BASE),
      TEMPORAL_DB_HOST: s.TEMPORAL_DB_HOST,
      TEMPORAL_DB_PORT: String(s.TEMPORAL_DB_PORT),
      TEMPORAL_DB_USER: s.TEMPORAL_DB_USER,
      TEMPORAL_DB_PASSWORD: s.TEMPORAL_DB_PASSWORD,
      TEMPORAL_DB_NAME: s.TEMPORAL_DB_NAME,
      TEMPORAL_VISIBILITY_DB_NAME: s.TEMPORAL_VISIBILITY_DB_NAME,
      TEMPORAL_DYNAMIC_CONFIG: join(repoRoot, 'deploy', 'temporal', 'dynamicconfig.yaml'),
    },
    ready: (service) => untilServing(temporalAddress(s), service.starting),
    readySeconds: 180,
  };
}

/** The Temporal UI process, pointed at the frontend, from deploy/temporal/ui/saraban.yaml. */
export function temporalUiSpec(s: ClusterSettings, tools: ClusterTools): ServiceSpec | undefined {
  if (!tools.uiServer) return undefined;
  return {
    name: 'temporal-ui',
    command: tools.uiServer,
    args: ['--root', join(repoRoot, 'deploy', 'temporal'), '--config', 'ui', '--env', 'saraban', 'start'],
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: temporalAddress(s),
      TEMPORAL_UI_PORT: String(s.TEMPORAL_UI_PORT),
      TEMPORAL_NAMESPACE: namespaceConfig().name,
    },
    ready: (service) => untilHttp(`http://127.0.0.1:${s.TEMPORAL_UI_PORT}/`, service.starting),
  };
}

/** Waits until the frontend answers GetSystemInfo (the whole server is up: it needs history and matching). */
export async function untilServing(address: string, polling: () => boolean = () => true): Promise<void> {
  while (polling()) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function untilHttp(url: string, polling: () => boolean): Promise<void> {
  while (polling()) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      () => true,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * The namespace of deploy/temporal/namespace.json, registered when missing (else its retention brought to the
 * file's), with its search attributes added when missing. Safe on every start.
 */
export async function ensureNamespace(address: string, ns: NamespaceConfig = namespaceConfig()): Promise<void> {
  const connection = await Connection.connect({ address });
  const retentionSeconds = ns.retentionDays * 86400;
  const retention = msToTs(retentionSeconds * 1000);
  try {
    const existing = await connection.workflowService.describeNamespace({ namespace: ns.name }).catch(() => undefined);
    if (!existing)
      await connection.workflowService.registerNamespace({
        namespace: ns.name,
        description: ns.description,
        workflowExecutionRetentionPeriod: retention,
      });
    else if (Number(existing.config?.workflowExecutionRetentionTtl?.seconds ?? 0) !== retentionSeconds)
      await connection.workflowService.updateNamespace({
        namespace: ns.name,
        config: { workflowExecutionRetentionTtl: retention },
      });
    await untilNamespaceReady(connection, ns.name);
    const listed = await connection.operatorService.listSearchAttributes({ namespace: ns.name });
    const missing = Object.entries(ns.searchAttributes).filter(([name]) => !(name in (listed.customAttributes ?? {})));
    const typeCode = { Keyword: 2, Int: 3 } as const; // temporal.api.enums.v1.IndexedValueType
    if (missing.length > 0)
      await connection.operatorService.addSearchAttributes({
        namespace: ns.name,
        searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, typeCode[type]])),
      });
  } finally {
    await connection.close();
  }
}

/** A new namespace reaches every frontend's cache within seconds; until then calls to it fail NotFound. */
async function untilNamespaceReady(connection: Connection, namespace: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const ok = await connection.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 }).then(
      () => true,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`namespace ${namespace} not usable after 60 s`);
}

export type { Service };
