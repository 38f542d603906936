import { registryUnitOf, type OrgSnapshot, type OrgUnit } from '../../domain';
import { CIRCULAR_GROUPS, type CircularGroup } from '../../workflows/circular/contract';
import { badRequest } from '../errors';
import { inactiveOnTheWay, isActive, unitInactive } from '../support/org-active';

/**
 * The units of a group target on the org chart: districts, departments, offices, or every registry unit; only those
 * switched on (a district the organisation file dropped gets no circular to all districts).
 */
export function unitsOfGroup(group: CircularGroup, org: OrgSnapshot): OrgUnit[] {
  const kinds: Record<CircularGroup, (u: OrgUnit) => boolean> = {
    'all-districts': (u) => u.kind === 'district',
    'all-departments': (u) => u.kind === 'department',
    'all-offices': (u) => u.kind === 'office' || u.kind === 'division',
    'all-units': (u) => u.kind !== 'section' && u.kind !== 'city',
  };
  return org.units.filter((u) => isActive(u) && kinds[group](u));
}

/** True when a target is one of the group ids (`all-districts` …). */
export function isGroup(target: string): target is CircularGroup {
  return Object.hasOwn(CIRCULAR_GROUPS, target);
}

/**
 * Turns the `to` list of a request into registry units, in order, without duplicates: a group id expands to its
 * units, a section stands for the unit that keeps its registers. Unknown ids answer 400 with the path of each; a
 * switched-off unit (or a section of one) 422 UNIT_INACTIVE naming it, before anything is written.
 * With `exclude`, that unit (the sender) is left out of group expansions.
 */
export function resolveUnitTargets(
  targets: Array<{ id: string; path: string }>,
  org: OrgSnapshot,
  exclude?: string,
): OrgUnit[] {
  const seen = new Map<string, OrgUnit>();
  const unknown: Array<{ path: string; message: string }> = [];
  const inactive: Array<{ unit: OrgUnit; path: string }> = [];
  for (const t of targets) {
    if (isGroup(t.id)) {
      for (const u of unitsOfGroup(t.id, org)) if (u.id !== exclude && !seen.has(u.id)) seen.set(u.id, u);
      continue;
    }
    const unit = org.units.find((u) => u.id === t.id);
    if (!unit) {
      unknown.push({ path: t.path, message: `unknown unit or group: ${t.id}` });
      continue;
    }
    const off = inactiveOnTheWay(unit.id, org);
    if (off) {
      inactive.push({ unit: off, path: t.path });
      continue;
    }
    const registry = registryUnitOf(unit.id, org);
    if (!seen.has(registry.id)) seen.set(registry.id, registry);
  }
  if (unknown.length > 0) throw badRequest('UNKNOWN_UNIT', 'Unknown recipient unit (ไม่พบหน่วยงานผู้รับ)', unknown);
  // One refusal naming every switched-off recipient, so the drafter fixes the list at once.
  if (inactive.length > 0) throw unitInactive(...inactive);
  return [...seen.values()];
}
