import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../../api/app';
import { startRateLimits, type RateLimits } from '../../api/limits/limits';
import type { Env } from '../../config/env';
import { createFileStore } from '../../db/file-store';
import { createOrgDirectory } from '../../db/org';
import type { TestSystem } from './system';

/** Another API process's app over a test system's database and Temporal: a replica, with settings of its own. */
export interface SecondApi {
  baseUrl: string;
  limits: RateLimits;
  stop(): Promise<void>;
}

/**
 * Starts one more API (createApp, as api/main.ts builds it) on a free port beside the test system's own, with
 * `overrides` over its settings (parsed values: TRUSTED_PROXIES is a list). It makes its own limits (its own Redis
 * connection when REDIS_URL is set), as a separate replica would.
 */
export async function startSecondApi(system: TestSystem, overrides: Partial<Env> = {}): Promise<SecondApi> {
  const env: Env = { ...system.env, ...overrides };
  const limits = await startRateLimits(env, system.log);
  const app = createApp({
    ds: system.ds,
    temporal: system.client,
    org: createOrgDirectory(system.ds),
    files: createFileStore({ ds: system.ds, dir: join(env.DATA_DIR, 'files'), encryptionKey: env.FILE_ENCRYPTION_KEY }),
    env,
    log: system.log,
    limits,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    limits,
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await limits.close();
    },
  };
}
