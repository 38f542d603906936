import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { dbTime, parseDbTime } from './time';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Server sessions with a sliding idle deadline and an absolute limit: a session ends `idleSeconds` after its last
 * use, and in any case `absoluteSeconds` after sign-in. `expires_at` holds the idle deadline; the absolute one is
 * `created_at + absoluteSeconds`. Tokens are 256-bit random; only their SHA-256 is stored.
 */
export interface SessionPolicy {
  idleSeconds: number;
  absoluteSeconds: number;
}

/** How often at most a session's idle deadline is pushed forward (one write per session per minute, or per half idle time). */
const SLIDE_EVERY_MS = 60_000;

/** Creates a session and returns its bearer token. */
export async function createSession(
  ds: DataSource,
  userId: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + Math.min(policy.idleSeconds, policy.absoluteSeconds) * 1000);
  await ds.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [
    sha256(token),
    userId,
    dbTime(now),
    dbTime(expires),
  ]);
  return token;
}

/**
 * The user id of a live session, or undefined when the token is unknown, idle too long, past its absolute limit
 * or revoked. A live session's idle deadline moves forward (at most once a minute; a failed write is ignored, so a
 * read-only database does not sign everyone out).
 */
export async function sessionUser(
  ds: DataSource,
  token: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<string | undefined> {
  const hash = sha256(token);
  const rows = (await ds.query(
    'SELECT user_id, created_at, expires_at, revoked_at FROM sessions WHERE token_hash = ?',
    [hash],
  )) as Array<{ user_id: string; created_at: unknown; expires_at: unknown; revoked_at: unknown }>;
  const row = rows[0];
  if (!row || row.revoked_at) return undefined;
  const idleDeadline = parseDbTime(row.expires_at).getTime();
  const absoluteDeadline = parseDbTime(row.created_at).getTime() + policy.absoluteSeconds * 1000;
  if (idleDeadline <= now.getTime() || absoluteDeadline <= now.getTime()) return undefined;
  const slid = Math.min(now.getTime() + policy.idleSeconds * 1000, absoluteDeadline);
  if (slid - idleDeadline >= Math.min(SLIDE_EVERY_MS, policy.idleSeconds * 500)) {
    await ds
      .query('UPDATE sessions SET expires_at = ? WHERE token_hash = ? AND revoked_at IS NULL', [
        dbTime(new Date(slid)),
        hash,
      ])
      .catch(() => undefined);
  }
  return row.user_id;
}

/** Ends a session for good. */
export async function revokeSession(ds: DataSource, token: string, now = new Date()): Promise<void> {
  await ds.query('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL', [
    dbTime(now),
    sha256(token),
  ]);
}

/** Ends every session of a user but the one given (after a password change: other devices sign in again). */
export async function revokeOtherSessions(
  ds: DataSource,
  userId: string,
  keepToken: string | undefined,
  now = new Date(),
): Promise<void> {
  await ds.query('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND token_hash <> ? AND revoked_at IS NULL', [
    dbTime(now),
    userId,
    keepToken ? sha256(keepToken) : '',
  ]);
}
