import { randomBytes } from 'node:crypto';
import type { Context } from 'koa';
import type { EntityManager } from 'typeorm';
import type { ApiDeps } from '../deps';
import { bodyOf } from '../middleware/validate';
import { adminChange, bool, conflict, missing, orNull, refused } from './change';
import { positionCreateInput, positionPatchInput, unitCreateInput, unitPatchInput } from './schema';
import { checkPositionCanBeSwitchedOff, checkUnitCanBeSwitchedOff, requireActiveUnitRow } from './switch';

type Row = Record<string, unknown>;

/** A unit as the administration screen shows it. */
export function presentUnit(u: Row) {
  return {
    id: String(u.id),
    name: String(u.name),
    kind: String(u.kind),
    parentId: orNull(u.parent_id),
    letterCode: String(u.letter_code),
    codeVerified: bool(u.code_verified),
    dopaCode: orNull(u.dopa_code),
    phone: orNull(u.phone),
    centralEmail: orNull(u.central_email),
    earlyPhase: u.early_phase === null || u.early_phase === undefined ? null : Number(u.early_phase),
    /** false: switched off (by org:import or here); kept for the documents that name it. */
    active: bool(u.active),
  };
}

/** A position as the administration screen shows it. */
export function presentPosition(p: Row) {
  return {
    id: String(p.id),
    unitId: String(p.unit_id),
    title: String(p.title),
    level: Number(p.level),
    headOfUnit: bool(p.head_of_unit),
    executive: bool(p.executive),
    active: bool(p.active),
  };
}

const UNIT_COLUMNS = {
  name: 'name',
  kind: 'kind',
  parentId: 'parent_id',
  letterCode: 'letter_code',
  dopaCode: 'dopa_code',
  phone: 'phone',
  centralEmail: 'central_email',
  earlyPhase: 'early_phase',
  active: 'active',
} as const;

/** POST /api/admin/units: 409 for a taken id or letter code, 404 for an unknown parent. */
export async function createUnit(ctx: Context, deps: ApiDeps): Promise<void> {
  const input = bodyOf(ctx, unitCreateInput);
  const id = input.id ?? `unit-${randomBytes(4).toString('hex')}`;
  const taken = () => conflict('UNIT_EXISTS', 'A unit with this id exists (มีหน่วยงานนี้แล้ว)', 'id');
  ctx.body = await adminChange(
    ctx,
    deps,
    'org.unit_created',
    async (em) => {
      if ((await unitRow(em, id)) !== undefined) throw taken();
      if (input.parentId !== null && !(await unitRow(em, input.parentId))) throw missing('parent unit', 'parentId');
      if (input.parentId !== null) await requireActiveUnitRow(em, input.parentId, 'parentId');
      await checkLetterCode(em, id, input.kind, input.letterCode);
      await em.query(
        `INSERT INTO units (id, name, kind, parent_id, letter_code, code_verified, dopa_code, phone, central_email,
           early_phase) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
        [
          id,
          input.name,
          input.kind,
          input.parentId,
          input.letterCode,
          input.dopaCode ?? null,
          input.phone || null,
          input.centralEmail ?? null,
          input.earlyPhase ?? null,
        ],
      );
      const after = presentUnit((await unitRow(em, id))!);
      return { subject: { unitId: id }, before: null, after, result: after };
    },
    taken,
  );
  ctx.status = 201;
}

/**
 * PATCH /api/admin/units/:unitId: 404 unknown unit or parent, 409 letter code taken, 422 a cycle in the tree or a
 * switched-off new parent; `active: false` 409 UNIT_HAS_ACTIVE_USERS while active users hold positions in it or below.
 */
export async function changeUnit(ctx: Context, deps: ApiDeps): Promise<void> {
  const unitId = String(ctx.params.unitId);
  const input = bodyOf(ctx, unitPatchInput);
  ctx.body = await adminChange(
    ctx,
    deps,
    'org.unit_changed',
    async (em) => {
      const row = await unitRow(em, unitId);
      if (!row) throw missing('unit', 'unitId');
      const before = presentUnit(row);
      if (input.parentId !== undefined && input.parentId !== null) {
        await checkParent(em, unitId, input.parentId);
        await requireActiveUnitRow(em, input.parentId, 'parentId');
      }
      if (input.active === false && before.active) await checkUnitCanBeSwitchedOff(em, unitId);
      if (input.letterCode !== undefined || input.kind !== undefined)
        await checkLetterCode(em, unitId, input.kind ?? before.kind, input.letterCode ?? before.letterCode);
      const set = Object.entries(input).filter(([, v]) => v !== undefined) as Array<
        [keyof typeof UNIT_COLUMNS, unknown]
      >;
      await em.query(`UPDATE units SET ${set.map(([k]) => `${UNIT_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`, [
        ...set.map(([, v]) => (v === '' ? null : typeof v === 'boolean' ? Number(v) : v)),
        unitId,
      ]);
      const after = presentUnit((await unitRow(em, unitId))!);
      return { subject: { unitId }, before, after, result: after };
    },
    () => conflict('UNIT_EXISTS', 'Conflicting change (ข้อมูลซ้ำ)'),
  );
}

/** POST /api/admin/positions: 404 unknown unit, 422 a switched-off one, 409 a taken id. */
export async function createPosition(ctx: Context, deps: ApiDeps): Promise<void> {
  const input = bodyOf(ctx, positionCreateInput);
  const id = input.id ?? `${input.unitId}-p${randomBytes(3).toString('hex')}`.slice(0, 64);
  const taken = () => conflict('POSITION_EXISTS', 'A position with this id exists (มีตำแหน่งนี้แล้ว)', 'id');
  ctx.body = await adminChange(
    ctx,
    deps,
    'org.position_created',
    async (em) => {
      if (await positionRow(em, id)) throw taken();
      if (!(await unitRow(em, input.unitId))) throw missing('unit', 'unitId');
      await requireActiveUnitRow(em, input.unitId, 'unitId');
      await em.query(
        'INSERT INTO positions (id, unit_id, title, level, executive, head_of_unit) VALUES (?, ?, ?, ?, ?, ?)',
        [id, input.unitId, input.title, input.level, input.executive ? 1 : 0, input.headOfUnit ? 1 : 0],
      );
      const after = presentPosition((await positionRow(em, id))!);
      return { subject: { positionId: id }, before: null, after, result: after };
    },
    taken,
  );
  ctx.status = 201;
}

/**
 * PATCH /api/admin/positions/:positionId: 404 unknown position or unit, 422 a move into (or switching on in) a
 * switched-off unit; `active: false` 409 POSITION_HAS_ACTIVE_USERS while an active user holds it.
 */
export async function changePosition(ctx: Context, deps: ApiDeps): Promise<void> {
  const positionId = String(ctx.params.positionId);
  const input = bodyOf(ctx, positionPatchInput);
  const columns = {
    unitId: 'unit_id',
    title: 'title',
    level: 'level',
    headOfUnit: 'head_of_unit',
    executive: 'executive',
    active: 'active',
  };
  ctx.body = await adminChange(
    ctx,
    deps,
    'org.position_changed',
    async (em) => {
      const row = await positionRow(em, positionId);
      if (!row) throw missing('position', 'positionId');
      if (input.unitId && !(await unitRow(em, input.unitId))) throw missing('unit', 'unitId');
      if (input.unitId) await requireActiveUnitRow(em, input.unitId, 'unitId');
      else if (input.active === true) await requireActiveUnitRow(em, String(row.unit_id), 'active');
      if (input.active === false && bool(row.active)) await checkPositionCanBeSwitchedOff(em, positionId);
      const set = Object.entries(input).filter(([, v]) => v !== undefined) as Array<[keyof typeof columns, unknown]>;
      await em.query(`UPDATE positions SET ${set.map(([k]) => `${columns[k]} = ?`).join(', ')} WHERE id = ?`, [
        ...set.map(([, v]) => (typeof v === 'boolean' ? Number(v) : v)),
        positionId,
      ]);
      const after = presentPosition((await positionRow(em, positionId))!);
      return { subject: { positionId }, before: presentPosition(row), after, result: after };
    },
    () => conflict('POSITION_EXISTS', 'Conflicting change (ข้อมูลซ้ำ)'),
  );
}

async function unitRow(em: EntityManager, id: string): Promise<Row | undefined> {
  return ((await em.query('SELECT * FROM units WHERE id = ?', [id])) as Row[])[0];
}

async function positionRow(em: EntityManager, id: string): Promise<Row | undefined> {
  return ((await em.query('SELECT * FROM positions WHERE id = ?', [id])) as Row[])[0];
}

/** A unit that keeps registers (any kind but a section) needs a letter code no other such unit has. */
async function checkLetterCode(em: EntityManager, unitId: string, kind: string, letterCode: string): Promise<void> {
  if (kind === 'section') return;
  const [other] = (await em.query("SELECT id FROM units WHERE letter_code = ? AND kind <> 'section' AND id <> ?", [
    letterCode,
    unitId,
  ])) as Row[];
  if (other)
    throw conflict(
      'LETTER_CODE_TAKEN',
      `Letter code ${letterCode} belongs to unit ${String(other.id)} (รหัสหนังสือนี้มีหน่วยงานอื่นใช้แล้ว)`,
      'letterCode',
    );
}

/** The new parent must exist and must not be the unit itself or one of its descendants. */
async function checkParent(em: EntityManager, unitId: string, parentId: string): Promise<void> {
  const seen = new Set<string>();
  for (let id: string | null = parentId; id !== null;) {
    if (id === unitId) throw refused('PARENT_CYCLE', 'A unit cannot be placed under itself (โครงสร้างวนซ้ำ)', 'parentId');
    if (seen.has(id)) break;
    seen.add(id);
    const row = await unitRow(em, id);
    if (!row) throw missing('parent unit', 'parentId');
    id = orNull(row.parent_id);
  }
}
