import { HttpErrorResponse } from '@angular/common/http';

/** An API failure reduced to what a screen shows: status, code, message and per-field messages. */
export interface ApiError {
  status: number;
  code: string;
  message: string;
  /** Messages by dotted field path (`subject`, `sender.name`), taken from `error.details`. */
  fields: Record<string, string>;
}

/** Reads the API's `{ error: { code, message, details } }` body (or a network failure) into an ApiError. */
export function toApiError(failure: unknown): ApiError {
  if (!(failure instanceof HttpErrorResponse)) {
    return { status: 0, code: 'CLIENT_ERROR', message: String(failure), fields: {} };
  }
  const body = (failure.error ?? {}) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
  const error = body.error ?? {};
  return {
    status: failure.status,
    code: typeof error.code === 'string' ? error.code : failure.status === 0 ? 'NETWORK' : `HTTP_${failure.status}`,
    message: typeof error.message === 'string' ? error.message : '',
    fields: fieldMessages(error.details),
  };
}

/**
 * Field messages from `details`, whatever shape the validator gave it: a list of zod issues
 * (`[{ path, message }]`), zod's flattened errors (`{ fieldErrors }`), zod 4's tree (`{ properties }`), or a plain
 * map of path to message(s).
 */
export function fieldMessages(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (path: string, message: unknown): void => {
    const text = Array.isArray(message) ? message.filter((m) => typeof m === 'string').join(' ') : message;
    if (typeof text === 'string' && text && !(path in out)) out[path] = text;
  };
  if (Array.isArray(details)) {
    for (const issue of details as { path?: unknown; message?: unknown; field?: unknown }[]) {
      const path = Array.isArray(issue?.path) ? issue.path.join('.') : (issue?.path ?? issue?.field);
      if (typeof path === 'string') add(path, issue.message);
    }
  } else if (details && typeof details === 'object') {
    const record = details as Record<string, unknown>;
    if (record['fieldErrors'] && typeof record['fieldErrors'] === 'object') {
      for (const [path, messages] of Object.entries(record['fieldErrors'] as Record<string, unknown>))
        add(path, messages);
    } else if (record['properties'] && typeof record['properties'] === 'object') {
      walkTree(record, '', add);
    } else if (Array.isArray(record['issues'])) {
      return fieldMessages(record['issues']);
    } else {
      for (const [path, messages] of Object.entries(record)) add(path, messages);
    }
  }
  return out;
}

/** Walks zod 4's `treeifyError` shape: `{ errors: string[], properties?: { [key]: node } }`. */
function walkTree(node: unknown, prefix: string, add: (path: string, message: unknown) => void): void {
  if (!node || typeof node !== 'object') return;
  const { errors, properties } = node as { errors?: unknown; properties?: Record<string, unknown> };
  if (prefix) add(prefix, errors);
  for (const [key, child] of Object.entries(properties ?? {})) walkTree(child, prefix ? `${prefix}.${key}` : key, add);
}
