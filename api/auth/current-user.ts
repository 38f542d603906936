import { registryUnitOf, type OrgSnapshot } from '../../domain';

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
}

/** Builds the AuthUser of a user id from the org chart, or undefined when the user is gone. */
export function authUserOf(userId: string, org: OrgSnapshot): AuthUser | undefined {
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
  };
}
