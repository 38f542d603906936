import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { HttpError } from '../errors';

/** The first middleware: turns every failure into api.md's error shape; bad input never becomes a 500. */
export function errorHandler({ log }: { log: Logger }): Middleware {
  return async function handleErrors(ctx, next) {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api/')) {
        throw new HttpError(404, 'NOT_FOUND', `No such endpoint: ${ctx.method} ${ctx.path}`);
      }
      if ((ctx.status === 405 || ctx.status === 501) && !ctx.body && ctx.path.startsWith('/api/')) {
        throw new HttpError(ctx.status, 'METHOD_NOT_ALLOWED', `${ctx.method} is not served on ${ctx.path}`);
      }
    } catch (error) {
      const http = toHttpError(error);
      if (http.status >= 500)
        log.error({ err: error, requestId: ctx.state.requestId, path: ctx.path }, 'request failed');
      ctx.status = http.status;
      ctx.body = {
        error: { code: http.code, message: http.message, ...(http.details ? { details: http.details } : {}) },
      };
    }
  };
}

/** The API answer for any failure: an HttpError as it is, else by kind (bad input 4xx, a dependency down 503, else 500). */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof ZodError)
    return new HttpError(400, 'INVALID_INPUT', 'Invalid input (ข้อมูลไม่ถูกต้อง)', issuesOf(error));
  const e = error as { status?: number; statusCode?: number; type?: string; message?: string; expose?: boolean };
  const status = e.status ?? e.statusCode;
  if (status === 413 || e.type === 'entity.too.large')
    return new HttpError(413, 'PAYLOAD_TOO_LARGE', 'Request body too large');
  if (status === 415 || e.type === 'unsupported.media.type' || e.type === 'encoding.unsupported')
    return new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send JSON (application/json)');
  if (e.type === 'entity.parse.failed' || (status === 400 && e.expose))
    return new HttpError(400, 'INVALID_JSON', 'Body is not valid JSON');
  if (status && status >= 400 && status < 500) return new HttpError(status, 'BAD_REQUEST', e.message ?? 'Bad request');
  if (isUnavailable(error))
    return new HttpError(
      503,
      'DEPENDENCY_UNAVAILABLE',
      'A service the system needs is not answering; try again shortly',
    );
  return new HttpError(500, 'INTERNAL', 'Internal error');
}

/** Connection-level failures of the database or Temporal: the request may be retried later, so 503. */
function isUnavailable(error: unknown): boolean {
  const e = error as {
    code?: string | number;
    errno?: number;
    name?: string;
    message?: string;
    driverError?: { code?: string; errno?: number };
  };
  const code = String(e.driverError?.code ?? e.code ?? '');
  if (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'PROTOCOL_CONNECTION_LOST',
      'ETIMEDOUT',
      'SQLITE_BUSY',
      'ER_CON_COUNT_ERROR',
      'ER_ACCESS_DENIED_ERROR',
      'ER_DBACCESS_DENIED_ERROR',
      'ER_CONNECTION_KILLED',
      'ER_SERVER_SHUTDOWN',
      'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
      'EPIPE',
      'SQLITE_READONLY',
      'SQLITE_IOERR',
      'SQLITE_CANTOPEN',
    ].includes(code) ||
    // A locked database account: MariaDB 4151, MySQL 3118 (mysql2 names them after other errors).
    [4151, 3118].includes(Number(e.driverError?.errno ?? e.errno))
  )
    return true;
  if (
    e.name === 'ServiceError' ||
    e.name === 'ConnectionError' ||
    e.name === 'WorkflowUpdateRPCTimeoutOrCancelledError'
  )
    return true;
  return /UNAVAILABLE|DEADLINE_EXCEEDED|connect ECONNREFUSED/.test(e.message ?? '');
}

/** Zod issues as `{ path, message }`, which the web client shows next to the field. */
export function issuesOf(error: ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}
