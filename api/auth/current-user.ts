import {
  bangkokDateOf,
  inForce,
  registryUnitOf,
  unitAndDescendants,
  unitsOverseenBy,
  type OrgSnapshot,
} from '../../domain';
import type { OrgDirectory } from '../../db/org';

/** The signed-in user as every handler sees it (also the body of GET /api/me). */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  email: string;
  roles: string[];
  position: { id: string; title: string; level: number };
  unit: { id: string; name: string };
  /** The unit that keeps this user's registers and numbers (a district office for a clerk of one of its sections). */
  registryUnit: { id: string; name: string; letterCode: string };
  /**
   * The units this user oversees today by the dated oversight orders, through the positions they hold or act in
   * (not a delegation limited to some matters) and the positions those oversee (a Permanent Secretary oversees the
   * units of the Deputies), with the units below.
   */
  overseenUnitIds: string[];
}

/** The Governor, the Deputy Governors and the Permanent Secretary (levels 1-3) oversee every unit. */
const TOP_LEVEL = 3;

/** Builds the AuthUser of a user id from the org chart, or undefined when the user is gone. */
export function authUserOf(userId: string, org: OrgSnapshot, now = new Date()): AuthUser | undefined {
  const user = org.users.find((u) => u.id === userId);
  const position = user && org.positions.find((p) => p.id === user.positionId);
  const unit = position && org.units.find((u) => u.id === position.unitId);
  if (!user || !position || !unit) return undefined;
  const registry = registryUnitOf(unit.id, org);
  return {
    id: userId,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    roles: user.roles,
    position: { id: position.id, title: position.title, level: position.level },
    unit: { id: unit.id, name: unit.name },
    registryUnit: { id: registry.id, name: registry.name, letterCode: registry.letterCode },
    overseenUnitIds:
      position.level <= TOP_LEVEL
        ? org.units.map((u) => u.id)
        : overseenUnitIds(user.username, bangkokDateOf(now), org),
  };
}

/** The units overseen on a date through every position the user holds or acts in (see AuthUser.overseenUnitIds). */
export function overseenUnitIds(username: string, date: string, org: OrgSnapshot): string[] {
  const units = new Set<string>();
  const seen = new Set<string>();
  const visit = (positionId: string) => {
    if (seen.has(positionId)) return;
    seen.add(positionId);
    for (const unit of safely(() => unitsOverseenBy(positionId, date, org)))
      for (const u of safely(() => unitAndDescendants(unit.id, org))) units.add(u.id);
    for (const o of org.oversight)
      if (o.kind === 'position' && o.overseerPositionId === positionId && inForce(o, date)) visit(o.unitId);
  };
  const own = org.users.filter((u) => u.username === username).map((u) => u.positionId);
  // Acting in a post (รักษาราชการแทน) brings its oversight; a delegation limited to some matters does not.
  const acting = org.acting
    .filter((a) => a.actingUsername === username && inForce(a, date) && !(a.matters && a.matters.length > 0))
    .map((a) => a.positionId);
  for (const positionId of [...own, ...acting]) visit(positionId);
  return [...units];
}

/** A look-up that names a unit missing from the chart gives nothing rather than failing the request. */
function safely<T>(lookUp: () => T[]): T[] {
  try {
    return lookUp();
  } catch {
    return [];
  }
}

/**
 * The AuthUser of a signed-in (or signing-in) user from the cached org chart, read again once when the cache does not
 * know them: an account made since it was cached (by another API replica, or `npm run admin:create`) works at once.
 * Switched-off users are in no chart and their sessions are revoked, so the second read stays rare.
 */
export async function freshAuthUser(
  userId: string,
  org: Pick<OrgDirectory, 'get' | 'invalidate'>,
): Promise<{ user: AuthUser | undefined; snapshot: OrgSnapshot }> {
  const cached = await org.get();
  const user = authUserOf(userId, cached);
  if (user) return { user, snapshot: cached };
  org.invalidate();
  const snapshot = await org.get();
  return { user: authUserOf(userId, snapshot), snapshot };
}
