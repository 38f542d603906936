import fc from 'fast-check';

/** A JSON Schema (2020-12) node, as z.toJSONSchema writes it into the OpenAPI document. */
export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};

/** A PDF small enough for any upload limit, so some generated uploads are valid. */
const TINY_PDF_BASE64 = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');

/** Text a person could type: Thai, Latin, digits, punctuation and now and then something nasty. */
const humanText = (min = 0, max = 40) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: max }) },
    { weight: 3, arbitrary: fc.constantFrom('ขอเชิญประชุม', 'สำนักงานเขตลาดกระบัง', 'กท 0403/ว 276', 'ด่วนที่สุด') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "' OR 1=1 --",
        '<script>alert(1)</script>',
        '../../etc/passwd',
        '\u0000',
        '%00',
        '{{7*7}}',
        '\u202e',
      ),
    },
  );

/** Values that satisfy the schema (as far as a generator can tell: refinements may still refuse some). */
export function validFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return fc.oneof(...options.map((s) => validFor(s, depth + 1)));
  if (schema.allOf?.length) return validFor(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringFor(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validFor(schema.items, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'object': {
      const props = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, validFor(s, depth + 1)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'date')
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'date-time')
    return fc.date({ min: new Date('2000-01-01'), max: new Date(), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'base64' || s.pattern?.includes('A-Za-z0-9+/'))
    return fc.oneof(fc.constant(TINY_PDF_BASE64), fc.base64String({ minLength: 4, maxLength: 64 }));
  if (s.pattern === '^\\d{4}-\\d{2}-\\d{2}$')
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (s.maxLength ?? 200));
    } catch {
      // a pattern JavaScript cannot take: fall back to text
    }
  }
  const min = s.minLength ?? 0;
  return humanText(min, Math.max(min, Math.min(s.maxLength ?? 40, 40)));
}

/** Values that break the schema in the ways clients do: wrong types, missing or unknown fields, huge or hostile text. */
export function invalidFor(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const anything = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(null, true, 0, -1, 1e308, '', [], {}, 'x'.repeat(5000)),
    humanText(),
  );
  const props = schema?.properties;
  if (!props || Object.keys(props).length === 0) return anything;
  const keys = Object.keys(props);
  const valid = validFor(schema) as fc.Arbitrary<Record<string, unknown>>;
  return fc.oneof(
    anything,
    // a required field missing
    fc.tuple(valid, fc.constantFrom(...(schema.required?.length ? schema.required : keys))).map(([v, k]) => {
      const copy = { ...v };
      delete copy[k];
      return copy;
    }),
    // a field of the wrong type or out of range
    fc.tuple(valid, fc.constantFrom(...keys), anything).map(([v, k, bad]) => ({ ...v, [k]: bad })),
    // an unknown field (the schemas are strict)
    fc.tuple(valid, fc.string({ minLength: 1, maxLength: 12 })).map(([v, k]) => ({ ...v, [`x_${k}`]: 1 })),
    // prototype pollution attempts
    fc.constant(JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}') as unknown),
  );
}
