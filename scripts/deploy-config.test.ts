import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParameterizedContext } from 'koa';
import { securityHeaders, WEB_CLIENT_CSP } from '../api/middleware/security-headers';
import { SEARCH_ATTRIBUTES } from '../workflows/shared/search-attributes';
import { namespaceConfig } from './lib/cluster/temporal-server';

/**
 * deploy/ repeats a few facts the code owns, because the Temporal server and nginx read files, not TypeScript. These
 * keep each copy equal to its source, so a change to one fails here instead of in production.
 */
const root = join(__dirname, '..');

describe('deploy/temporal/namespace.json', () => {
  it('registers exactly the search attributes the workflows set (workflows/shared/search-attributes.ts)', () => {
    expect(namespaceConfig().searchAttributes).toEqual(SEARCH_ATTRIBUTES);
  });
});

/** The headers the API's middleware puts on a page of the web client (not /api), as name → value. */
async function webClientHeaders(): Promise<Map<string, string>> {
  const headers = new Map<string, string>();
  const ctx = {
    path: '/inbox',
    secure: false,
    set: (name: string, value: string) => headers.set(name, value),
    remove: (name: string) => headers.delete(name),
  } as unknown as ParameterizedContext;
  await securityHeaders()(ctx, async () => undefined);
  return headers;
}

/** The `add_header Name value always;` lines of an nginx include, as name → value (quotes removed). */
function nginxHeaders(conf: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const m of conf.matchAll(/^add_header\s+(\S+)\s+("([^"]*)"|\S+)\s+always;$/gm)) headers.set(m[1], m[3] ?? m[2]);
  return headers;
}

describe('deploy/nginx/saraban-security-headers.conf', () => {
  const conf = readFileSync(join(root, 'deploy', 'nginx', 'saraban-security-headers.conf'), 'utf8');

  it("sets the web client's Content-Security-Policy exactly as the API does (WEB_CLIENT_CSP)", () => {
    expect(nginxHeaders(conf).get('Content-Security-Policy')).toBe(WEB_CLIENT_CSP);
  });

  it('sets every other header the API sets on a page of the web client, with the same value', async () => {
    const fromApi = await webClientHeaders();
    expect(fromApi.size).toBeGreaterThan(3);
    expect(Object.fromEntries(nginxHeaders(conf))).toEqual(Object.fromEntries(fromApi));
  });
});
