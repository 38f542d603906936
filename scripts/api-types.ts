import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from 'openapi-typescript';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Client } from '@temporalio/client';
import { loadEnv } from '../config/env';
import type { FileStore } from '../db/file-store';
import type { OrgDirectory } from '../db/org';
import { createRouting } from '../api/app';
import type { ApiDeps } from '../api/deps';
import type { RateLimits } from '../api/limits/limits';
import { createMetrics } from '../api/middleware/metrics';
import { openApiDocument } from '../api/openapi/routes';

/** The project's root, from dist/scripts (npm run api:types) or from scripts/ (the test). */
const PROJECT = __dirname.endsWith(join('dist', 'scripts')) ? resolve(__dirname, '..', '..') : resolve(__dirname, '..');

/** Where the web client's API types live (committed; scripts/api-types.test.ts fails when they are stale). */
export const API_TYPES_FILE = join(PROJECT, 'web', 'src', 'app', 'core', 'api', 'schema.d.ts');

/**
 * A stand-in for a service the routers are built with but must not use while they are built: a router may keep it
 * and its parts (`deps.limits.login`), but calling anything of it throws, so a router that started talking to the
 * database or Redis at construction would fail the generation rather than need one.
 */
function unused<T>(name: string): T {
  const refuse = (): never => {
    throw new Error(`Building the routes called ${name}: routers must not use services while they are built`);
  };
  return new Proxy(function service() {}, {
    get: (_target, property) =>
      property === 'then' || typeof property === 'symbol' ? undefined : unused(`${name}.${String(property)}`),
    apply: refuse,
    construct: refuse,
  }) as T;
}

/** The OpenAPI document GET /api/openapi.json serves, built in this process from the routers (no server, no DB). */
export function builtOpenApiDocument(): Record<string, unknown> {
  const deps: ApiDeps = {
    ds: unused<DataSource>('ds'),
    temporal: unused<Client>('temporal'),
    org: unused<OrgDirectory>('org'),
    files: unused<FileStore>('files'),
    env: loadEnv({}),
    log: unused<Logger>('log'),
    limits: unused<RateLimits>('limits'),
  };
  const { routes } = createRouting(deps, createMetrics({ ds: deps.ds }));
  return openApiDocument(routes);
}

/**
 * The TypeScript of the document's paths and components as openapi-typescript writes it (left out of Prettier's
 * checks: .prettierignore).
 */
export async function generatedApiTypes(): Promise<string> {
  const ast = await openapiTS(builtOpenApiDocument() as unknown as OpenAPI3, { silent: true });
  return `${COMMENT_HEADER}// From the API's OpenAPI document by \`npm run api:types\` (docs/web.md).\n\n${astToString(ast)}`;
}

/** `npm run api:types`: writes the web client's API types; `--check` only says whether the committed file is stale. */
async function main(): Promise<void> {
  const fresh = await generatedApiTypes();
  if (process.argv.includes('--check')) {
    const committed = await readFile(API_TYPES_FILE, 'utf8').catch(() => '');
    if (committed !== fresh) throw new Error(`${API_TYPES_FILE} is stale: run npm run api:types`);
    console.log('API types are up to date');
    return;
  }
  await writeFile(API_TYPES_FILE, fresh);
  console.log(`wrote ${API_TYPES_FILE}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
