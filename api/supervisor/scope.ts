import {
  bangkokDateOf,
  positionById,
  positionsActedBy,
  unitAndDescendants,
  unitsOverseenBy,
  type OrgSnapshot,
} from '../../domain';
import type { AuthUser } from '../auth/current-user';

/** Roles that supervise others' tasks (see overdue lists, move tasks). */
export const SUPERVISOR_ROLES = ['supervisor', 'executive'];

/** The Governor and the Permanent Secretary (levels 1-3) oversee every unit. */
const TOP_LEVEL = 3;

/**
 * The units a supervisor answers for on a day: their own unit and below, the units their post oversees by the
 * dated oversight orders and below, and those of any post they act in that day; every unit for the top posts.
 */
export function supervisedUnitIds(user: AuthUser, org: OrgSnapshot, now = new Date()): Set<string> {
  const date = bangkokDateOf(now);
  if (user.position.level <= TOP_LEVEL) return new Set(org.units.map((u) => u.id));
  const ids = new Set<string>();
  const addTree = (unitId: string) => unitAndDescendants(unitId, org).forEach((u) => ids.add(u.id));
  for (const positionId of positionsActedBy(user.username, date, org)) {
    addTree(positionById(positionId, org).unitId);
    for (const unit of unitsOverseenBy(positionId, date, org)) addTree(unit.id);
  }
  return ids;
}
