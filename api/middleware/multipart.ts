import Busboy from 'busboy';
import type { Middleware } from 'koa';
import type { RouteEntry } from '../access/middleware';
import { HttpError } from '../errors';

/** One uploaded file as the JSON schemas take it. */
interface FilePart {
  name: string;
  contentBase64: string;
}

/**
 * `multipart/form-data` for the routes whose access rule allows it (`multipart: true`): a `file` part (one, PDF
 * only: checked by its first bytes, 415 otherwise; over `fileLimitBytes` 413) and the other fields, either as one
 * `fields` part holding the JSON body or as plain fields (`sender.name` for nested ones). The result becomes the
 * request body, with the file as `{ name, contentBase64 }`, so the route's zod schema validates it as JSON.
 */
export function multipartBody({
  fileLimitBytes,
  fieldLimitBytes,
}: {
  fileLimitBytes: number;
  fieldLimitBytes: number;
}): Middleware {
  return async function parseMultipart(ctx, next) {
    if (!ctx.is('multipart/form-data')) return next();
    if (!(ctx.state.route as RouteEntry | undefined)?.multipart)
      throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'This endpoint takes JSON (application/json)');
    if ((ctx.request.length ?? 0) > fileLimitBytes + 2 * fieldLimitBytes)
      throw new HttpError(413, 'PAYLOAD_TOO_LARGE', 'Request body too large');
    const { fields, file } = await readParts(ctx.req, ctx.headers, fileLimitBytes, fieldLimitBytes);
    const body: Record<string, unknown> = fields.fields !== undefined ? parseJsonField(fields.fields) : {};
    for (const [name, value] of Object.entries(fields)) if (name !== 'fields') setPath(body, name.split('.'), value);
    if (file) body.file = file;
    (ctx.request as { body?: unknown }).body = body;
    ctx.state.multipart = true;
    await next();
  };
}

function readParts(
  req: NodeJS.ReadableStream,
  headers: Record<string, string | string[] | undefined>,
  fileLimitBytes: number,
  fieldLimitBytes: number,
): Promise<{ fields: Record<string, string>; file?: FilePart }> {
  return new Promise((resolve, reject) => {
    let parser: Busboy.Busboy;
    try {
      parser = Busboy({
        headers: headers as Busboy.BusboyConfig['headers'],
        limits: { files: 1, fileSize: fileLimitBytes, fields: 50, fieldSize: fieldLimitBytes, parts: 52 },
      });
    } catch {
      return reject(new HttpError(400, 'INVALID_MULTIPART', 'Not a readable multipart/form-data body'));
    }
    const fields: Record<string, string> = {};
    let file: FilePart | undefined;
    let failure: HttpError | undefined;
    const fail = (error: HttpError) => (failure ??= error);
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(new HttpError(413, 'PAYLOAD_TOO_LARGE', `Field ${name} too large`));
      if (/^[\w.]{1,64}$/.test(name)) fields[name] = value;
      else fail(new HttpError(400, 'INVALID_INPUT', `Unexpected field name ${name.slice(0, 64)}`));
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(new HttpError(413, 'PAYLOAD_TOO_LARGE', 'File too large')));
      stream.on('close', () => {
        if (name !== 'file') return void fail(new HttpError(400, 'INVALID_INPUT', 'The file part must be named file'));
        const bytes = Buffer.concat(chunks);
        if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
          return void fail(new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The file must be a PDF (ไฟล์ต้องเป็น PDF)'));
        file = { name: (info.filename || 'document.pdf').slice(0, 255), contentBase64: bytes.toString('base64') };
      });
    });
    parser.on('filesLimit', () => fail(new HttpError(400, 'INVALID_INPUT', 'One file per request')));
    parser.on('fieldsLimit', () => fail(new HttpError(400, 'INVALID_INPUT', 'Too many fields')));
    parser.on('partsLimit', () => fail(new HttpError(400, 'INVALID_INPUT', 'Too many parts')));
    parser.on('error', () => reject(failure ?? new HttpError(400, 'INVALID_MULTIPART', 'Malformed multipart body')));
    parser.on('close', () => (failure ? reject(failure) : resolve({ fields, file })));
    req.pipe(parser);
  });
}

function parseJsonField(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HttpError(400, 'INVALID_JSON', 'The fields part must hold a JSON object');
}

function setPath(target: Record<string, unknown>, path: string[], value: string): void {
  if (path.some((p) => p === '__proto__' || p === 'constructor' || p === 'prototype' || p === '')) return;
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = next && typeof next === 'object' ? (next as Record<string, unknown>) : (node[key] = {});
  }
  node[path[path.length - 1]] = value;
}
