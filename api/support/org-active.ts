import { registryUnitOf, unitPath, type OrgPosition, type OrgSnapshot, type OrgUnit } from '../../domain';
import { HttpError } from '../errors';

/**
 * Units and positions the organisation file no longer lists, or an administrator switched off, stay in the snapshot
 * (old documents name them) but are never offered in a picker nor receive new work. These are the checks the
 * routes that address, forward, assign or appoint share.
 */
export const isActive = (item: { active?: boolean }): boolean => item.active !== false;

/**
 * 422 UNIT_INACTIVE naming the switched-off unit (the first one when a list names several), with each field that
 * named one in the details.
 */
export function unitInactive(...named: Array<{ unit: Pick<OrgUnit, 'id' | 'name'>; path: string }>): HttpError {
  const { name } = named[0].unit;
  return new HttpError(
    422,
    'UNIT_INACTIVE',
    `${name} is switched off and receives nothing (หน่วยงาน ${name} ถูกปิดใช้งานแล้ว)`,
    named.map(({ unit, path }) => ({ path, message: `unit ${unit.id} (${unit.name}) is switched off` })),
  );
}

/** 422 POSITION_INACTIVE naming the position, with the field that named it. */
export function positionInactive(position: Pick<OrgPosition, 'id' | 'title'>, path: string): HttpError {
  return new HttpError(
    422,
    'POSITION_INACTIVE',
    `${position.title} is switched off (ตำแหน่ง ${position.title} ถูกปิดใช้งานแล้ว)`,
    [{ path, message: `position ${position.id} (${position.title}) is switched off` }],
  );
}

/**
 * The first switched-off unit between a unit and the unit that keeps its registers (a section of a switched-off
 * district cannot receive either), or undefined when all of them are on.
 */
export function inactiveOnTheWay(unitId: string, org: OrgSnapshot): OrgUnit | undefined {
  const registry = registryUnitOf(unitId, org);
  const path = unitPath(unitId, org);
  return path.slice(0, path.indexOf(registry) + 1).find((u) => !isActive(u));
}

/** Throws UNIT_INACTIVE when the unit, or the registry unit above it, is switched off. */
export function requireActiveUnit(unitId: string, org: OrgSnapshot, path: string): void {
  const off = inactiveOnTheWay(unitId, org);
  if (off) throw unitInactive({ unit: off, path });
}

/**
 * Throws UNIT_INACTIVE naming each unit recipient of a saved draft that was switched off after the draft named it,
 * so the author takes it out before the document goes up for signature (it would be delivered to nobody).
 */
export function requireActiveRecipients(recipients: Array<{ unitId?: unknown }>, org: OrgSnapshot): void {
  const known = new Set(org.units.map((u) => u.id));
  const off = recipients.flatMap((r) => {
    const unit = typeof r.unitId === 'string' && known.has(r.unitId) ? inactiveOnTheWay(r.unitId, org) : undefined;
    return unit ? [{ unit, path: 'to' }] : [];
  });
  if (off.length > 0) throw unitInactive(...off);
}
