import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { dbTime, parseDbTime } from './time';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Creates a session and returns its bearer token; only the token's hash is stored. */
export async function createSession(
  ds: DataSource,
  userId: string,
  ttlSeconds: number,
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + ttlSeconds * 1000);
  await ds.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [
    sha256(token),
    userId,
    dbTime(now),
    dbTime(expires),
  ]);
  return token;
}

/** The user id of a live session, or undefined when the token is unknown, expired or revoked. */
export async function sessionUser(ds: DataSource, token: string, now = new Date()): Promise<string | undefined> {
  const rows = (await ds.query('SELECT user_id, expires_at, revoked_at FROM sessions WHERE token_hash = ?', [
    sha256(token),
  ])) as Array<{
    user_id: string;
    expires_at: unknown;
    revoked_at: unknown;
  }>;
  const row = rows[0];
  if (!row || row.revoked_at || parseDbTime(row.expires_at) <= now) return undefined;
  return row.user_id;
}

/** Ends a session for good. */
export async function revokeSession(ds: DataSource, token: string, now = new Date()): Promise<void> {
  await ds.query('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL', [
    dbTime(now),
    sha256(token),
  ]);
}
