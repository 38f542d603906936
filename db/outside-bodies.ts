import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from './audit';
import { dbTime, parseDbTime } from './time';

type Db = DataSource | EntityManager;
type Row = Record<string, unknown>;

/** What kind of body an entry of the directory is. */
export const OUTSIDE_BODY_KINDS = ['ministry', 'agency', 'company', 'person', 'other'] as const;
export type OutsideBodyKind = (typeof OUTSIDE_BODY_KINDS)[number];

/** One entry of the directory of outside bodies (table `outside_bodies`). */
export interface OutsideBody {
  id: string;
  name: string;
  email: string;
  kind: string;
  note: string | null;
  active: boolean;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

/** The fields an administrator (or a clerk adding a mail sender) gives. */
export interface OutsideBodyFields {
  name: string;
  email: string;
  /** One of OUTSIDE_BODY_KINDS (the API's schemas check it). */
  kind: string;
  note?: string | null;
}

const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
const squash = (text: string) => text.normalize('NFC').toLowerCase().replace(/\s+/g, '');

/**
 * What the directory search compares a query with: the name (lower case, NFC, without spaces) from each of its word
 * starts, one per line ("กรมการปกครอง" → "\nกรมการปกครอง\nการปกครอง\nปกครอง"). A query then matches when it is the
 * beginning of the name or of any word in it, also across words ("การปกครอง"), with a plain LIKE on both databases.
 */
export function directorySearchText(name: string): string {
  const text = name.normalize('NFC').toLowerCase();
  const starts = new Set<string>();
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike) continue;
    const suffix = squash(text.slice(s.index));
    if (suffix) starts.add(suffix);
  }
  starts.add(squash(text));
  return [...starts].map((s) => `\n${s}`).join('');
}

/** The query as the search text holds it, with LIKE's wildcards escaped (escape character `!`). */
export function directoryQueryTerm(q: string): string {
  return squash(q).replace(/[!%_]/g, (c) => `!${c}`);
}

/** A row as the API shows it. */
export function presentOutsideBody(r: Row): OutsideBody {
  const orNull = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id),
    name: String(r.name),
    email: String(r.email),
    kind: String(r.kind),
    note: orNull(r.note),
    active: Boolean(Number(r.active)),
    createdAt: parseDbTime(r.created_at).toISOString(),
    createdBy: orNull(r.created_by),
    updatedAt: parseDbTime(r.updated_at).toISOString(),
    updatedBy: orNull(r.updated_by),
  };
}

/** One entry by id, or undefined. */
export async function outsideBodyById(db: Db, id: string): Promise<OutsideBody | undefined> {
  const [row] = (await db.query('SELECT * FROM outside_bodies WHERE id = ?', [id])) as Row[];
  return row && presentOutsideBody(row);
}

/** One entry by e-mail (any case), or undefined. */
export async function outsideBodyByEmail(db: Db, email: string): Promise<OutsideBody | undefined> {
  const [row] = (await db.query('SELECT * FROM outside_bodies WHERE email = ?', [email.toLowerCase()])) as Row[];
  return row && presentOutsideBody(row);
}

/**
 * Active entries whose name (from a word start) or e-mail begins with `q`, names in order; every active entry when
 * `q` is empty. Bound parameters only.
 */
export async function searchOutsideBodies(db: Db, q: string, limit: number): Promise<OutsideBody[]> {
  const term = directoryQueryTerm(q);
  const where = term ? " AND (email LIKE ? ESCAPE '!' OR search_text LIKE ? ESCAPE '!')" : '';
  const rows = (await db.query(
    `SELECT * FROM outside_bodies WHERE active = 1${where} ORDER BY name, email LIMIT ${Math.floor(limit)}`,
    term ? [`${term}%`, `%\n${term}%`] : [],
  )) as Row[];
  return rows.map(presentOutsideBody);
}

/** Every entry, also the switched-off ones, names in order (the administrator's list). */
export async function listOutsideBodies(db: Db): Promise<OutsideBody[]> {
  return ((await db.query('SELECT * FROM outside_bodies ORDER BY active DESC, name, email')) as Row[]).map(
    presentOutsideBody,
  );
}

/** The active entries as the mail intake knows senders: e-mail (lower case) → name. */
export async function activeSenderNames(db: Db): Promise<Map<string, string>> {
  const rows = (await db.query('SELECT email, name FROM outside_bodies WHERE active = 1')) as Array<{
    email: string;
    name: string;
  }>;
  return new Map(rows.map((r) => [String(r.email).toLowerCase(), String(r.name)]));
}

/** Inserts an entry inside the caller's transaction (the unique e-mail index refuses a duplicate) and returns it. */
export async function insertOutsideBody(
  em: EntityManager,
  fields: OutsideBodyFields,
  by: string | null,
  at = new Date(),
): Promise<OutsideBody> {
  const id = randomUUID();
  await em.query(
    `INSERT INTO outside_bodies (id, name, email, kind, note, active, search_text, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
    [
      id,
      fields.name,
      fields.email.toLowerCase(),
      fields.kind,
      fields.note ?? null,
      directorySearchText(fields.name),
      dbTime(at),
      by,
      dbTime(at),
      by,
    ],
  );
  return (await outsideBodyById(em, id))!;
}

/** Changes an entry's fields and active flag inside the caller's transaction and returns it as it now is. */
export async function updateOutsideBody(
  em: EntityManager,
  id: string,
  next: OutsideBodyFields & { active: boolean },
  by: string | null,
  at = new Date(),
): Promise<OutsideBody> {
  await em.query(
    `UPDATE outside_bodies SET name = ?, email = ?, kind = ?, note = ?, active = ?, search_text = ?, updated_at = ?,
       updated_by = ? WHERE id = ?`,
    [
      next.name,
      next.email.toLowerCase(),
      next.kind,
      next.note ?? null,
      next.active ? 1 : 0,
      directorySearchText(next.name),
      dbTime(at),
      by,
      id,
    ],
  );
  return (await outsideBodyById(em, id))!;
}

/** The fields of an entry that its audit rows keep as before and after. */
export function auditedFields(b: OutsideBody) {
  return { name: b.name, email: b.email, kind: b.kind, note: b.note, active: b.active };
}

/**
 * Adds an entry with its `directory.body_created` audit row in the caller's transaction, unless its e-mail is there
 * already (then nothing is written and undefined is returned). For callers outside api/admin (the mail review).
 */
export async function addOutsideBodyOnce(
  em: EntityManager,
  fields: OutsideBodyFields,
  by: string | null,
  extra: Record<string, unknown>,
): Promise<OutsideBody | undefined> {
  if (await outsideBodyByEmail(em, fields.email)) return undefined;
  const body = await insertOutsideBody(em, fields, by);
  await appendAudit(em, {
    at: new Date(),
    actorUserId: by,
    action: 'directory.body_created',
    details: { outsideBodyId: body.id, before: null, after: auditedFields(body), ...extra },
  });
  return body;
}
