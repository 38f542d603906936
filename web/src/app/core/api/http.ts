import { HttpHeaders } from '@angular/common/http';

import type { QueryOf } from '../api-types';
import type { paths } from './schema';

/** The query of an endpoint as the client sends it: each parameter as text, any of them left out. */
export type QueryParams<P extends keyof paths> = { [K in keyof QueryOf<P, 'get'>]?: string };

/** The options of a write: its Idempotency-Key when the caller keeps one (a retry then gets the first answer). */
export function writeOptions(idempotencyKey?: string): { headers?: HttpHeaders } {
  return idempotencyKey ? { headers: new HttpHeaders({ 'Idempotency-Key': idempotencyKey }) } : {};
}

/** A path segment from an id, encoded. */
export const segment = (id: string | number): string => encodeURIComponent(String(id));
