import { readFile } from 'node:fs/promises';
import { API_TYPES_FILE, builtOpenApiDocument, generatedApiTypes } from './api-types';

type Json = Record<string, any>;

describe('the web client API types (npm run api:types)', () => {
  it('are committed as a fresh generation from the OpenAPI document would write them', async () => {
    const committed = await readFile(API_TYPES_FILE, 'utf8').catch(() => 'missing');
    // On failure: run `npm run api:types` and commit web/src/app/core/api/schema.d.ts.
    expect(committed).toBe(await generatedApiTypes());
  });

  it('come from a document whose every JSON success names the schema of its answer', () => {
    const doc = builtOpenApiDocument();
    const unnamed: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths as Json))
      for (const [method, operation] of Object.entries(operations as Json)) {
        const success = Object.entries(operation.responses as Json).filter(([status]) => /^[23]/.test(status));
        expect(success.length).toBeGreaterThan(0);
        for (const [status, answer] of success) {
          const content = (answer as Json).content as Json | undefined;
          if (status === '204' || status === '302') expect(content).toBeUndefined();
          else if (!content) unnamed.push(`${method.toUpperCase()} ${path} ${status}`);
          else if (content['application/json'] && path !== '/api/openapi.json')
            expect(content['application/json'].schema.$ref).toMatch(/^#\/components\/schemas\/\w+$/);
        }
      }
    expect(unnamed).toEqual([]);
  });
});
