import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Env } from '../config/env';
import type { FileStore } from '../db/file-store';
import type { OrgDirectory } from '../db/org';
import type { RateLimits } from './limits/limits';

/** Everything the API needs, built once by its composition root (api/main.ts, scripts/start.ts or a test). */
export interface ApiDeps {
  ds: DataSource;
  temporal: Client;
  org: OrgDirectory;
  files: FileStore;
  env: Env;
  log: Logger;
  /** Rate limits and sign-in counters (Redis or this process); the composition root closes them on stop. */
  limits: RateLimits;
  /** Folder of the built web client; served with an SPA fallback when it exists. */
  webRoot?: string;
}
