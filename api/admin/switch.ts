import type { EntityManager } from 'typeorm';
import { positionInactive, unitInactive } from '../support/org-active';
import { bool, conflict, missing } from './change';

type Row = Record<string, unknown>;

/**
 * Switching units and positions off and on (units.active, positions.active): never deleted, since documents name
 * them, but a switched-off one is offered nowhere and receives nothing. These checks run inside the administrator's
 * transaction, so what they count is what the change commits against.
 */

/**
 * 422 UNIT_INACTIVE when the unit, or the unit above it that keeps its registers (a section's district), is switched
 * off: a new position, user or child there would have nowhere to work.
 */
export async function requireActiveUnitRow(em: EntityManager, unitId: string, path: string): Promise<void> {
  const seen = new Set<string>();
  for (let id: string | null = unitId; id !== null && !seen.has(id);) {
    seen.add(id);
    const [unit] = (await em.query('SELECT name, kind, parent_id, active FROM units WHERE id = ?', [id])) as Row[];
    if (!unit) return;
    if (!bool(unit.active)) throw unitInactive({ unit: { id, name: String(unit.name) }, path });
    id = unit.kind === 'section' && unit.parent_id !== null ? String(unit.parent_id) : null;
  }
}

/** 404 for an unknown position, 422 POSITION_INACTIVE or UNIT_INACTIVE when it or its unit is switched off. */
export async function requireActivePost(em: EntityManager, positionId: string, path: string): Promise<void> {
  const [post] = (await em.query('SELECT title, unit_id, active FROM positions WHERE id = ?', [positionId])) as Row[];
  if (!post) throw missing('position', path);
  if (!bool(post.active)) throw positionInactive({ id: positionId, title: String(post.title) }, path);
  await requireActiveUnitRow(em, String(post.unit_id), path);
}

/** The unit and every unit below it, by the parent links of the table (switched-off ones included). */
async function subtreeOf(em: EntityManager, unitId: string): Promise<string[]> {
  const rows = (await em.query('SELECT id, parent_id FROM units')) as Row[];
  const children = new Map<string, string[]>();
  for (const r of rows) {
    const parent = r.parent_id === null ? '' : String(r.parent_id);
    children.set(parent, [...(children.get(parent) ?? []), String(r.id)]);
  }
  const found = new Set<string>();
  const visit = (id: string) => {
    if (found.has(id)) return;
    found.add(id);
    for (const child of children.get(id) ?? []) visit(child);
  };
  visit(unitId);
  return [...found];
}

async function activeUsersIn(em: EntityManager, where: string, params: unknown[]): Promise<number> {
  const [row] = (await em.query(
    `SELECT COUNT(*) AS n FROM users u JOIN positions p ON p.id = u.position_id WHERE u.active = 1 AND ${where}`,
    params,
  )) as Row[];
  return Number(row.n);
}

/**
 * Before a unit is switched off: 409 UNIT_HAS_ACTIVE_USERS, saying how many, while switched-on users still hold
 * positions in it or in a unit below it (their work would have nowhere to go).
 */
export async function checkUnitCanBeSwitchedOff(em: EntityManager, unitId: string): Promise<void> {
  const units = await subtreeOf(em, unitId);
  const n = await activeUsersIn(em, `p.unit_id IN (${units.map(() => '?').join(',')})`, units);
  if (n > 0)
    throw conflict(
      'UNIT_HAS_ACTIVE_USERS',
      `${n} active user(s) still hold positions in this unit or below; move or switch them off first ` +
        `(ยังมีผู้ใช้งาน ${n} คนในหน่วยงานนี้)`,
      'active',
    );
}

/** Before a position is switched off: 409 POSITION_HAS_ACTIVE_USERS, saying how many, while someone holds it. */
export async function checkPositionCanBeSwitchedOff(em: EntityManager, positionId: string): Promise<void> {
  const n = await activeUsersIn(em, 'p.id = ?', [positionId]);
  if (n > 0)
    throw conflict(
      'POSITION_HAS_ACTIVE_USERS',
      `${n} active user(s) still hold this position; move or switch them off first (ยังมีผู้ใช้งาน ${n} คนในตำแหน่งนี้)`,
      'active',
    );
}
