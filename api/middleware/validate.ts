import type { Context } from 'koa';
import type { ZodType } from 'zod';

/** Parses the JSON body with a zod schema; a failure becomes 400 INVALID_INPUT through the error middleware. */
export function bodyOf<T>(ctx: Context, schema: ZodType<T>): T {
  return schema.parse((ctx.request as { body?: unknown }).body ?? {});
}

/** Parses the query string with a zod schema. */
export function queryOf<T>(ctx: Context, schema: ZodType<T>): T {
  return schema.parse(ctx.query);
}
