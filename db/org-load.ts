import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from './audit';
import type { OrgFile } from './org-file';
import { dbTime } from './time';
import { inTransaction } from './transaction';

export interface OrgLoadOptions {
  /** Id, password hash and demo flag of a user the database does not have yet. */
  newUser(username: string): { id: string; passwordHash: string; demo: boolean };
  /** The audit actor of every change (with `details` on the summary row), or null for seed data (no audit rows). */
  audit: { actor: string; details: Record<string, unknown> } | null;
  dryRun?: boolean;
}

export const ORG_KINDS = ['unit', 'position', 'user', 'oversight', 'acting'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
type Op = 'created' | 'updated' | 'deactivated';
type Values = Record<string, string | number | null>;

/** One change: what it is, which row (by the file's key), and its columns before and after. */
export interface OrgChange {
  kind: OrgKind;
  op: Op;
  key: string;
  before: Values | null;
  after: Values;
}

/** What a load changed (or would change): every change, counts per kind, and what the operator should look at. */
export interface OrgLoadResult {
  changes: OrgChange[];
  counts: Record<OrgKind, Record<Op, number>>;
  warnings: string[];
}

interface TableSpec {
  kind: OrgKind;
  table: string;
  /** Columns that identify a row of the file (the id, the username, or a dated row's natural key). */
  key: string[];
  /** Columns holding JSON text, compared as values rather than text. */
  json?: string[];
  /** Rows the file owns: those it no longer lists are switched off (units, positions, users it loaded). */
  owned?: (row: Values) => boolean;
}

const SPECS: Record<OrgKind, TableSpec> = {
  unit: { kind: 'unit', table: 'units', key: ['id'], owned: () => true },
  position: { kind: 'position', table: 'positions', key: ['id'], owned: () => true },
  user: { kind: 'user', table: 'users', key: ['username'], json: ['roles'], owned: (r) => Number(r.imported) === 1 },
  oversight: {
    kind: 'oversight',
    table: 'oversight',
    key: ['unit_id', 'overseer_position_id', 'kind', 'portfolio', 'valid_from'],
  },
  acting: {
    kind: 'acting',
    table: 'acting_appointments',
    key: ['position_id', 'acting_user_id', 'kind', 'valid_from'],
    json: ['matters'],
  },
};

const AUDIT_ACTIONS: Record<OrgKind, Record<Op, string>> = {
  unit: { created: 'org.unit_created', updated: 'org.unit_changed', deactivated: 'org.unit_deactivated' },
  position: {
    created: 'org.position_created',
    updated: 'org.position_changed',
    deactivated: 'org.position_deactivated',
  },
  user: { created: 'user.created', updated: 'user.changed', deactivated: 'user.deactivated' },
  oversight: { created: 'org.oversight_added', updated: 'org.oversight_changed', deactivated: 'org.oversight_changed' },
  acting: { created: 'org.acting_appointed', updated: 'org.acting_changed', deactivated: 'org.acting_changed' },
};

const orNull = (v: string | null | undefined) => (v === undefined || v === '' ? null : v);
const flag = (v: boolean | undefined) => (v ? 1 : 0);

/**
 * Loads an organisation (units, positions, users, oversight orders, acting appointments) into the database by the
 * file's ids: the one loader of the demo seed (db/seed.ts, into an empty database) and of `npm run org:import`
 * (scripts/org-import.ts, again and again as the file changes). It first works out every change against what the
 * database holds, then writes them all with their audit rows in one transaction, or nothing on a dry run.
 *
 * Units, positions and the users the file loaded that the file no longer lists are switched off, never deleted:
 * documents name them. Oversight orders and acting appointments are dated history: added and updated (their end
 * date), never removed; one ends by its `to`.
 */
export async function loadOrganisation(ds: DataSource, org: OrgFile, options: OrgLoadOptions): Promise<OrgLoadResult> {
  return inTransaction(ds, async (em) => {
    const result = await planChanges(em, org, options);
    if (!options.dryRun) await applyChanges(em, result.changes, options);
    return result;
  });
}

async function planChanges(em: EntityManager, org: OrgFile, options: OrgLoadOptions): Promise<OrgLoadResult> {
  const changes: OrgChange[] = [];
  const current = async (spec: TableSpec) => {
    const rows = new Map<string, Values>();
    for (const row of (await em.query(`SELECT * FROM ${spec.table}`)) as Values[]) {
      const key = keyOf(spec, row);
      if (!rows.has(key)) rows.set(key, row);
    }
    return rows;
  };
  const diff = async (spec: TableSpec, wanted: Values[], create: (v: Values) => Values = (v) => v) => {
    const rows = await current(spec);
    const listed = new Set<string>();
    for (const values of wanted) {
      const key = keyOf(spec, values);
      listed.add(key);
      const row = rows.get(key);
      if (!row) {
        changes.push({ kind: spec.kind, op: 'created', key, before: null, after: create(values) });
        continue;
      }
      const changed = Object.keys(values).filter((c) => !sameValue(spec, c, row[c], values[c]));
      if (changed.length)
        changes.push({
          kind: spec.kind,
          op: 'updated',
          key,
          before: pick(row, changed, spec),
          after: pick(values, changed),
        });
    }
    if (spec.owned)
      for (const [key, row] of rows)
        if (!listed.has(key) && Number(row.active) === 1 && spec.owned(row))
          changes.push({ kind: spec.kind, op: 'deactivated', key, before: { active: 1 }, after: { active: 0 } });
    return rows;
  };

  await diff(
    SPECS.unit,
    org.units.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      parent_id: u.parentId,
      letter_code: u.letterCode,
      code_verified: flag(u.codeVerified),
      dopa_code: orNull(u.dopaCode),
      phone: orNull(u.phone),
      central_email: orNull(u.centralEmail),
      active: 1,
    })),
  );
  await diff(
    SPECS.position,
    org.positions.map((p) => ({
      id: p.id,
      unit_id: p.unitId,
      title: p.title,
      level: p.level,
      executive: flag(p.executive),
      head_of_unit: flag(p.headOfUnit),
      active: 1,
    })),
  );
  const userIds = new Map<string, string>();
  const users = await diff(
    SPECS.user,
    org.users.map((u) => ({
      username: u.username,
      display_name: u.displayName,
      position_id: u.positionId,
      roles: JSON.stringify(u.roles),
      email: orNull(u.email),
      active: 1,
      imported: 1,
    })),
    (values) => {
      const made = options.newUser(String(values.username));
      userIds.set(String(values.username), made.id);
      return { ...values, id: made.id, password_hash: made.passwordHash, demo: flag(made.demo) };
    },
  );
  for (const row of users.values())
    if (!userIds.has(String(row.username))) userIds.set(String(row.username), String(row.id));
  await diff(
    SPECS.oversight,
    org.oversight.map((o) => ({
      unit_id: o.unitId,
      overseer_position_id: o.overseerPositionId,
      kind: o.kind ?? 'unit',
      portfolio: orNull(o.portfolio),
      valid_from: o.from,
      valid_to: orNull(o.to),
    })),
  );
  await diff(
    SPECS.acting,
    org.acting.map((a) => ({
      position_id: a.positionId,
      acting_user_id: userIds.get(a.actingUsername) ?? a.actingUsername,
      kind: a.kind,
      valid_from: a.from,
      matters: a.matters?.length ? JSON.stringify(a.matters) : null,
      valid_to: orNull(a.to),
      note: orNull(a.note),
    })),
  );
  return { changes, counts: countsOf(changes), warnings: keptUserWarnings(users, changes, org) };
}

/** Accounts the file does not own (admin:create, the admin screens) stay; say so when their position goes. */
function keptUserWarnings(users: Map<string, Values>, changes: OrgChange[], org: OrgFile): string[] {
  const listed = new Set(org.users.map((u) => u.username));
  const gone = new Set(changes.filter((c) => c.kind === 'position' && c.op === 'deactivated').map((c) => c.key));
  const warnings: string[] = [];
  for (const row of users.values()) {
    const username = String(row.username);
    if (listed.has(username) || Number(row.active) !== 1 || SPECS.user.owned!(row)) continue;
    const position = String(row.position_id);
    if (gone.has(position))
      warnings.push(`user ${username} (not from the file, kept) holds position ${position}, which is switched off`);
  }
  return warnings;
}

async function applyChanges(em: EntityManager, changes: OrgChange[], options: OrgLoadOptions): Promise<void> {
  const now = new Date();
  for (const change of changes) {
    const spec = SPECS[change.kind];
    const keyValues = JSON.parse(change.key) as Array<string | null>;
    if (change.op === 'created') {
      const columns = Object.keys(change.after);
      await em.query(
        `INSERT INTO ${spec.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        columns.map((c) => change.after[c]),
      );
    } else {
      // A natural key may hold a null (an oversight order without a portfolio): match it with IS NULL.
      const clauses = spec.key.map((c, i) => (keyValues[i] === null ? `${c} IS NULL` : `${c} = ?`)).join(' AND ');
      const columns = Object.keys(change.after);
      await em.query(`UPDATE ${spec.table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE ${clauses}`, [
        ...columns.map((c) => change.after[c]),
        ...keyValues.filter((v) => v !== null),
      ]);
    }
    if (change.kind === 'user' && change.op === 'deactivated')
      await em.query(
        'UPDATE sessions SET revoked_at = ? WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE username = ?)',
        [dbTime(now), keyValues[0]],
      );
    if (options.audit)
      await appendAudit(em, {
        at: now,
        actorUserId: options.audit.actor,
        action: AUDIT_ACTIONS[change.kind][change.op],
        details: {
          [change.kind]: JSON.parse(change.key) as unknown,
          before: change.before,
          after: hideHash(change.after),
          source: 'org:import',
        },
      });
  }
  if (options.audit && changes.length)
    await appendAudit(em, {
      at: now,
      actorUserId: options.audit.actor,
      action: 'org.imported',
      details: { ...options.audit.details, counts: countsOf(changes) },
    });
}

/** The key of a row as JSON text of its key columns' values, e.g. '["bma"]'. */
function keyOf(spec: TableSpec, row: Values): string {
  return JSON.stringify(spec.key.map((c) => (row[c] === null || row[c] === undefined ? null : String(row[c]))));
}

/** Compares a stored column with the file's value as both databases return it (0/1 booleans, numbers, JSON text). */
function sameValue(spec: TableSpec, column: string, stored: unknown, wanted: string | number | null): boolean {
  if (stored === null || stored === undefined || wanted === null) return (stored ?? null) === wanted;
  if (spec.json?.includes(column)) return JSON.stringify(JSON.parse(String(stored))) === wanted;
  return typeof wanted === 'number' ? Number(stored) === wanted : String(stored) === wanted;
}

function pick(row: Values, columns: string[], spec?: TableSpec): Values {
  const out: Values = {};
  for (const c of columns) {
    const v = row[c] ?? null;
    out[c] =
      v === null || typeof v === 'number'
        ? v
        : spec?.json?.includes(c)
          ? String(v)
          : typeof v === 'bigint'
            ? Number(v)
            : String(v);
  }
  return out;
}

/** The audit trail never holds a password hash, not even an unusable one. */
function hideHash(values: Values): Values {
  const { password_hash: _hash, ...rest } = values;
  return rest;
}

function countsOf(changes: OrgChange[]): OrgLoadResult['counts'] {
  const counts = Object.fromEntries(
    ORG_KINDS.map((k) => [k, { created: 0, updated: 0, deactivated: 0 }]),
  ) as OrgLoadResult['counts'];
  for (const c of changes) counts[c.kind][c.op]++;
  return counts;
}
