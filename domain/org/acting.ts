/** Who holds a position on a date: the substantive holder, or the official acting in it or delegated for the matter. */
import { indexOf, positionById, substantiveHolderOf } from './tree';
import { ACTING, inForce, type ActingAppointment, type ActingKind, type OrgSnapshot, type OrgUser } from './types';

/** An acting official in force: the user, how they stand in, and the appointment itself. */
export type ActingOfficial = { user: OrgUser; kind: ActingKind; appointment: ActingAppointment };

/** True when a delegation covers the matter: no `matters` means all; a named list needs a matter on it. */
export function coversMatter(appointment: ActingAppointment, matter?: string): boolean {
  if (appointment.kind === ACTING || !appointment.matters || appointment.matters.length === 0) return true;
  return matter !== undefined && appointment.matters.includes(matter);
}

/**
 * The official standing in for a position on a date, if any: รักษาราชการแทน first (it carries every power of the post),
 * else a ปฏิบัติราชการแทน delegation that covers the matter (a category id such as 'invitation').
 */
export function actingFor(
  positionId: string,
  date: string,
  org: OrgSnapshot,
  matter?: string,
): ActingOfficial | undefined {
  const rows = org.acting.filter((a) => a.positionId === positionId && inForce(a, date) && coversMatter(a, matter));
  // A รักษาราชการแทน beats a delegation; among equals the latest order wins.
  rows.sort((a, b) => Number(b.kind === ACTING) - Number(a.kind === ACTING) || b.from.localeCompare(a.from));
  for (const appointment of rows) {
    const user = indexOf(org).usersByName.get(appointment.actingUsername);
    if (user) return { user, kind: appointment.kind, appointment };
  }
  return undefined;
}

/**
 * Who acts for a position on a date: the acting official when an acting appointment (or a delegation covering
 * `matter`) is in force that day, else the substantive holder.
 */
export function holderOf(positionId: string, date: string, org: OrgSnapshot, matter?: string): OrgUser | undefined {
  positionById(positionId, org);
  return actingFor(positionId, date, org, matter)?.user ?? substantiveHolderOf(positionId, org);
}

/** The positions a user may act for on a date: their own, then those they stand in for (for inbox queries). */
export function positionsActedBy(username: string, date: string, org: OrgSnapshot): string[] {
  const own = org.users.filter((u) => u.username === username).map((u) => u.positionId);
  const acting = org.acting.filter((a) => a.actingUsername === username && inForce(a, date)).map((a) => a.positionId);
  return [...new Set([...own, ...acting])];
}
