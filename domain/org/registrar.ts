/** The document clerk of an executive's office, who registers the paper original when it arrives. */
import { positionById, unitAndDescendants, unitPath } from './tree';
import type { OrgSnapshot, OrgUser } from './types';

/** The role of a clerk who may register a paper original (`register_paper`). */
export const PAPER_REGISTRAR_ROLE = 'paper-registrar';

/**
 * The clerk who registers paper for an executive: a 'paper-registrar' whose position is "ประจำ" that executive's
 * title ("เจ้าพนักงานธุรการ ประจำปลัดกรุงเทพมหานคร"), else the nearest one in the executive's unit or below, a general
 * clerk before one attached to another executive; undefined when the data names none.
 */
export function paperRegistrarFor(executivePositionId: string, org: OrgSnapshot): OrgUser | undefined {
  const executive = positionById(executivePositionId, org);
  const registrars = org.users.filter((u) => u.roles.includes(PAPER_REGISTRAR_ROLE));
  const titleOf = (u: OrgUser) => org.positions.find((p) => p.id === u.positionId)?.title ?? '';
  const attached = registrars.find((u) => titleOf(u).endsWith(`ประจำ${executive.title}`));
  if (attached) return attached;
  // Search from the executive's own unit outwards: its unit and below, then its parent's, and so on.
  for (const unit of unitPath(executive.unitId, org)) {
    const unitIds = new Set(unitAndDescendants(unit.id, org).map((u) => u.id));
    const near = registrars
      .filter((u) => unitIds.has(positionById(u.positionId, org).unitId))
      .sort((a, b) => Number(titleOf(a).includes('ประจำ')) - Number(titleOf(b).includes('ประจำ')));
    if (near.length > 0) return near[0];
  }
  return undefined;
}
