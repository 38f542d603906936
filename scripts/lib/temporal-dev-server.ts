import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../../workflows/shared/search-attributes';
import { temporalCliPath } from './temporal-cli';

/** Options of a Temporal dev server run by this project. */
export interface DevServerOptions {
  port: number;
  /** SQLite file of the server's state; omitted = in memory. */
  dbFile?: string;
  /** Port of the web UI; omitted = headless. */
  uiPort?: number;
  namespace?: string;
  log?: (line: string) => void;
}

/** A running dev server. */
export interface DevServer {
  address: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` with the flags the SDK's own test server uses, WAL on its SQLite file, and
 * registers our search attributes (idempotently: `--search-attribute` only applies to a new namespace file).
 */
export async function startDevServer(o: DevServerOptions): Promise<DevServer> {
  const namespace = o.namespace ?? 'default';
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(o.port),
    '--namespace',
    namespace,
    '--log-level',
    'warn',
  ];
  for (const v of [
    'frontend.enableUpdateWorkflowExecution=true',
    'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
    'frontend.enableExecuteMultiOperation=true',
    'frontend.enableServerVersionCheck=false',
    'system.forceSearchAttributesCacheRefreshOnRead=true',
  ])
    args.push('--dynamic-config-value', v);
  if (o.dbFile) {
    mkdirSync(dirname(o.dbFile), { recursive: true });
    args.push(
      '--db-filename',
      o.dbFile,
      '--sqlite-pragma',
      'journal_mode=wal',
      '--sqlite-pragma',
      'synchronous=normal',
    );
  }
  args.push(...(o.uiPort ? ['--ui-port', String(o.uiPort)] : ['--headless']));
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  const child = spawn(temporalCliPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = o.log ?? (() => undefined);
  child.stdout?.on('data', (d: Buffer) => log(d.toString()));
  child.stderr?.on('data', (d: Buffer) => log(d.toString()));
  const address = `127.0.0.1:${o.port}`;
  await waitUntilServing(address, child);
  await registerSearchAttributes(address, namespace);
  return {
    address,
    process: child,
    stop: () => stopChild(child),
  };
}

async function waitUntilServing(address: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error('temporal dev server exited during start (is the port taken?)');
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Adds the custom search attributes unless present; safe to run on every start. */
export async function registerSearchAttributes(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = Object.entries(SEARCH_ATTRIBUTES).filter(([name]) => !(name in (existing.customAttributes ?? {})));
    if (missing.length === 0) return;
    const typeCode = { Keyword: 2, Int: 3 } as const; // temporal.api.enums.v1.IndexedValueType
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, typeCode[type]])),
    });
  } finally {
    await connection.close();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
