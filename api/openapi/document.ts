import { z, type ZodType } from 'zod';
import type { RouteEntry } from '../access/middleware';
import { describeRule } from '../access/rule';
import type { EndpointSchemas } from './schemas';

type Json = Record<string, unknown>;

/** The errors every endpoint may answer, in api.md's shape. */
const ERROR_RESPONSES: Record<string, string> = {
  '400': 'Invalid input (INVALID_INPUT, INVALID_JSON, …)',
  '401': 'Not signed in (UNAUTHENTICATED)',
  '403': 'Not allowed (FORBIDDEN)',
  '404': 'Not found, also for documents the caller may not see (NOT_FOUND)',
  '413': 'Too large (PAYLOAD_TOO_LARGE)',
  '415': 'Wrong media type (UNSUPPORTED_MEDIA_TYPE)',
  '429': 'Rate limited (RATE_LIMITED), with Retry-After',
  '503': 'A dependency is down (DEPENDENCY_UNAVAILABLE)',
};

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), as the client sends it (`io: 'input'`). */
export function jsonSchemaOf(schema: ZodType): Json {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete json.$schema;
  return json;
}

/**
 * The OpenAPI 3.1 document of every route the routers serve, with each one's access rule (`x-access`) and, where
 * api/openapi/schemas.ts names them, the zod schemas of its body and query.
 */
export function buildOpenApi(routes: RouteEntry[], schemas: Record<string, EndpointSchemas>, version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    const spec = schemas[key];
    const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
    const parameters: Json[] = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string', maxLength: 200 },
    }));
    if (spec?.query) {
      const query = jsonSchemaOf(spec.query);
      const required = new Set((query.required as string[] | undefined) ?? []);
      for (const [name, schema] of Object.entries((query.properties as Record<string, Json> | undefined) ?? {}))
        parameters.push({ name, in: 'query', required: required.has(name), schema });
    }
    const body = spec?.body ? jsonSchemaOf(spec.body) : undefined;
    paths[openApiPath] ??= {};
    paths[openApiPath][route.method.toLowerCase()] = {
      operationId: operationId(route.method, route.path),
      summary: spec?.summary ?? key,
      tags: [route.path.split('/')[2] ?? 'api'],
      'x-access': route.rule === undefined ? 'NONE DECLARED (refused)' : describeRule(route.rule),
      security: route.rule === 'public' ? [] : [{ bearer: [] }],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: body },
                ...(route.multipart
                  ? {
                      'multipart/form-data': {
                        schema: {
                          type: 'object',
                          properties: { fields: { type: 'string' }, file: { type: 'string', format: 'binary' } },
                        },
                      },
                    }
                  : {}),
              },
            },
          }
        : {}),
      responses: {
        '200': { description: 'OK' },
        ...Object.fromEntries(
          Object.entries(ERROR_RESPONSES).map(([status, description]) => [
            status,
            { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
          ]),
        ),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'e-Saraban BPM API (ระบบสารบรรณอิเล็กทรอนิกส์ กรุงเทพมหานคร)',
      version,
      description: 'JSON over HTTP; send `Authorization: Bearer <token>` from POST /api/auth/login.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
            },
          },
        },
      },
    },
  };
}

function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((w) => (w.startsWith(':') ? `by_${w.slice(1)}` : w));
  return [method.toLowerCase(), ...words].join('_');
}
