/** Look-ups in the organisation tree: units, positions, users, registry units and who oversees which unit. */
import { inForce, type OrgPosition, type OrgSnapshot, type OrgUnit, type OrgUser } from './types';

type OrgIndex = {
  units: Map<string, OrgUnit>;
  positions: Map<string, OrgPosition>;
  usersByName: Map<string, OrgUser>;
  usersByPosition: Map<string, OrgUser[]>;
  positionsByUnit: Map<string, OrgPosition[]>;
  children: Map<string, OrgUnit[]>;
};

// Snapshots are treated as immutable values: build the maps once per snapshot object.
const indexes = new WeakMap<OrgSnapshot, OrgIndex>();

function group<T>(items: T[], key: (item: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== null) map.set(k, [...(map.get(k) ?? []), item]);
  }
  return map;
}

/** Maps of the snapshot by id (built once per snapshot object). */
export function indexOf(org: OrgSnapshot): OrgIndex {
  let index = indexes.get(org);
  if (!index) {
    index = {
      units: new Map(org.units.map((u) => [u.id, u])),
      positions: new Map(org.positions.map((p) => [p.id, p])),
      usersByName: new Map(org.users.map((u) => [u.username, u])),
      usersByPosition: group(org.users, (u) => u.positionId),
      // Switched-off units and positions are still found by id (old documents name them), never walked to.
      positionsByUnit: group(
        org.positions.filter((p) => p.active !== false),
        (p) => p.unitId,
      ),
      children: group(
        org.units.filter((u) => u.active !== false),
        (u) => u.parentId,
      ),
    };
    indexes.set(org, index);
  }
  return index;
}

/** The unit with this id; throws when there is none. */
export function unitById(unitId: string, org: OrgSnapshot): OrgUnit {
  const unit = indexOf(org).units.get(unitId);
  if (!unit) throw new RangeError(`Unknown unit: ${unitId}`);
  return unit;
}

/** The position with this id; throws when there is none. */
export function positionById(positionId: string, org: OrgSnapshot): OrgPosition {
  const position = indexOf(org).positions.get(positionId);
  if (!position) throw new RangeError(`Unknown position: ${positionId}`);
  return position;
}

/** The user with this username, or undefined. */
export function userByUsername(username: string, org: OrgSnapshot): OrgUser | undefined {
  return indexOf(org).usersByName.get(username);
}

/** The unit and its ancestors, nearest first, up to the root. */
export function unitPath(unitId: string, org: OrgSnapshot): OrgUnit[] {
  const path: OrgUnit[] = [];
  for (let unit: OrgUnit | undefined = unitById(unitId, org); unit;) {
    if (path.includes(unit)) throw new RangeError(`Cycle in the unit tree at ${unit.id}`);
    path.push(unit);
    unit = unit.parentId === null ? undefined : indexOf(org).units.get(unit.parentId);
  }
  return path;
}

/** The unit and every unit below it (for "my units and below" lists), the unit first. */
export function unitAndDescendants(unitId: string, org: OrgSnapshot): OrgUnit[] {
  const result: OrgUnit[] = [];
  const visit = (unit: OrgUnit) => {
    result.push(unit);
    for (const child of indexOf(org).children.get(unit.id) ?? []) visit(child);
  };
  visit(unitById(unitId, org));
  return result;
}

/**
 * The unit that keeps the registers and issues the numbers for a unit: the nearest ancestor-or-self that is not a
 * section. A clerk of 'district-1011-admin' (ฝ่ายบริหารงานทั่วไป) registers for 'district-1011' (สำนักงานเขตลาดกระบัง).
 */
export function registryUnitOf(unitId: string, org: OrgSnapshot): OrgUnit {
  const path = unitPath(unitId, org);
  return path.find((unit) => unit.kind !== 'section') ?? path[path.length - 1];
}

/** The positions of a unit (not of its sub-units). */
export function positionsIn(unitId: string, org: OrgSnapshot): OrgPosition[] {
  return indexOf(org).positionsByUnit.get(unitId) ?? [];
}

/** The head of a unit (its headOfUnit position), if it has one. */
export function headOf(unitId: string, org: OrgSnapshot): OrgPosition | undefined {
  return positionsIn(unitId, org).find((p) => p.headOfUnit);
}

/** The user who substantively holds a position (not an acting one), if any. */
export function substantiveHolderOf(positionId: string, org: OrgSnapshot): OrgUser | undefined {
  return indexOf(org).usersByPosition.get(positionId)?.[0];
}

/** The units a position oversees on a date by the dated oversight orders (kind 'unit'), in data order. */
export function unitsOverseenBy(positionId: string, date: string, org: OrgSnapshot): OrgUnit[] {
  return org.oversight
    .filter((o) => (o.kind ?? 'unit') === 'unit' && o.overseerPositionId === positionId && inForce(o, date))
    .map((o) => unitById(o.unitId, org));
}

/** The position that oversees a unit on a date: the order for the unit itself, else for its nearest ancestor. */
export function overseerOfUnit(unitId: string, date: string, org: OrgSnapshot): OrgPosition | undefined {
  for (const unit of unitPath(unitId, org)) {
    const row = org.oversight.find((o) => (o.kind ?? 'unit') === 'unit' && o.unitId === unit.id && inForce(o, date));
    if (row) return positionById(row.overseerPositionId, org);
  }
  return undefined;
}

/** The executives (Governor, Deputy Governors, Permanent Secretary, Deputies), highest rank first. */
export function executives(org: OrgSnapshot): OrgPosition[] {
  return org.positions
    .filter((p) => p.executive && p.active !== false)
    .sort((a, b) => a.level - b.level || a.id.localeCompare(b.id));
}

/** True when the position is one of the executives. */
export function isExecutivePosition(positionId: string, org: OrgSnapshot): boolean {
  return indexOf(org).positions.get(positionId)?.executive === true;
}
