import { badRequest } from '../errors';

/**
 * An opaque page cursor: the sort key and id of the last row of a page (keyset paging, so a page never repeats or
 * skips a row while new ones arrive). Clients pass it back as it is; anything else is a 400.
 */
export function encodeCursor(sortKey: string, id: string): string {
  return Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');
}

/** The [sort key, id] of a cursor this API gave, else 400 INVALID_CURSOR. */
export function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return value as [string, string];
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('INVALID_CURSOR', 'cursor is not one this API gave');
}
