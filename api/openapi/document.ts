import { z, type ZodType } from 'zod';
import type { RouteEntry } from '../access/middleware';
import { describeRule } from '../access/rule';
import { answerComponents, componentName } from './components';
import type { EndpointSchemas } from './schemas';

type Json = Record<string, unknown>;

/** The errors every endpoint may answer, in api.md's shape: status, component name and description. */
const ERROR_RESPONSES: Array<[string, string, string]> = [
  ['400', 'InvalidInput', 'Invalid input (INVALID_INPUT, INVALID_JSON, …)'],
  ['401', 'Unauthenticated', 'Not signed in (UNAUTHENTICATED)'],
  ['403', 'Forbidden', 'Not allowed (FORBIDDEN)'],
  ['404', 'NotFound', 'Not found, also for documents the caller may not see (NOT_FOUND)'],
  ['409', 'Conflict', 'Stale or duplicate action (TASK_NOT_OPEN, ALREADY_CANCELLED, …)'],
  ['413', 'PayloadTooLarge', 'Too large (PAYLOAD_TOO_LARGE)'],
  ['415', 'UnsupportedMediaType', 'Wrong media type (UNSUPPORTED_MEDIA_TYPE)'],
  ['422', 'Refused', 'Refused by a rule (PAPER_ONLY, UNIT_INACTIVE, …)'],
  ['429', 'RateLimited', 'Rate limited (RATE_LIMITED), with Retry-After'],
  ['503', 'DependencyUnavailable', 'A dependency is down (DEPENDENCY_UNAVAILABLE)'],
];

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
        ...Object.fromEntries(
          ERROR_RESPONSES.map(([status, name]) => [status, { $ref: `#/components/responses/${name}` }]),
        ),
        ...successResponses(key, spec),
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
      responses: Object.fromEntries(
        ERROR_RESPONSES.map(([, name, description]) => [
          name,
          { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        ]),
      ),
      schemas: {
        ...answerComponents(),
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

/**
 * The answers of a success: the named JSON schema and any file media types (a PDF, a register as CSV), under the
 * endpoint's status (200 unless it says 201, 204 or 302); `answerAlsoOn` gives other statuses the same body (the 503
 * of GET /api/health).
 */
function successResponses(key: string, spec: EndpointSchemas | undefined): Record<string, Json> {
  const status = spec?.status ?? 200;
  if (status === 204) return { '204': { description: 'Done (no content)' } };
  if (status === 302) return { '302': { description: 'Redirect (Location)' } };
  const content: Record<string, Json> = {};
  if (spec?.response)
    content['application/json'] = { schema: { $ref: `#/components/schemas/${componentName(spec.response, key)}` } };
  for (const type of spec?.files ?? []) content[type] = { schema: fileSchema(type) };
  const answer = {
    description: status === 201 ? 'Created' : 'OK',
    ...(spec?.response || spec?.files ? { content } : {}),
  };
  return Object.fromEntries([status, ...(spec?.answerAlsoOn ?? [])].map((s) => [String(s), answer]));
}

/** A file answer's schema: text for text/*, any object for JSON that has no schema of its own, else bytes. */
function fileSchema(mediaType: string): Json {
  if (mediaType.startsWith('text/')) return { type: 'string' };
  if (mediaType === 'application/json') return { type: 'object' };
  return { type: 'string', format: 'binary' };
}

function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((w) => (w.startsWith(':') ? `by_${w.slice(1)}` : w));
  return [method.toLowerCase(), ...words].join('_');
}
