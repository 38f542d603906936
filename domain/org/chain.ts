/**
 * The chain of command a proposal climbs (domain.md §4): staff → head of section → assistant director → director →
 * the Deputy Permanent Secretary overseeing the unit on that date → Permanent Secretary → the Deputy Governor of the
 * portfolio → Governor. The tree gives the first steps; dated oversight orders give the executive ones.
 */
import { actingFor, type ActingOfficial } from './acting';
import { headOf, overseerOfUnit, positionById, positionsIn, substantiveHolderOf, unitPath } from './tree';
import { inForce, type OrgPosition, type OrgSnapshot, type OrgUser } from './types';

/** One step of a chain: the position, its substantive holder, and the official acting in it that day if any. */
export type ChainStep = {
  position: OrgPosition;
  holder?: OrgUser;
  acting?: { user: OrgUser; kind: ActingOfficial['kind'] };
};

/** What `chainOfCommand` needs: where it starts, where it stops, the day, the portfolio and the matter. */
export type ChainInput = {
  fromPositionId: string;
  /** Stop at the first position whose level is this or higher in rank (a smaller number). */
  upToLevel?: number;
  /** Stop at this position; it must be on the chain. */
  upToPositionId?: string;
  /** The day whose oversight orders and acting appointments apply, 'YYYY-MM-DD'. */
  date: string;
  /** The Deputy Governor's portfolio; without it the Permanent Secretary proposes straight to the Governor. */
  portfolio?: string;
  /** The matter (category id) for delegations limited to named matters. */
  matter?: string;
};

const closest = (candidates: OrgPosition[]) =>
  candidates.sort(
    (a, b) => b.level - a.level || Number(b.headOfUnit) - Number(a.headOfUnit) || a.id.localeCompare(b.id),
  )[0];

/** The next non-executive position up the unit tree: the closest higher rank in the unit, then in its parents. */
function nextInTree(current: OrgPosition, org: OrgSnapshot): OrgPosition | undefined {
  for (const unit of unitPath(current.unitId, org)) {
    const above = positionsIn(unit.id, org).filter((p) => !p.executive && p.level < current.level);
    if (above.length > 0) return closest(above);
  }
  return undefined;
}

/** The next step above an executive or a top director, by the oversight orders in force, else by rank. */
function nextByOversight(current: OrgPosition, input: ChainInput, org: OrgSnapshot): OrgPosition | undefined {
  const outranks = (p: OrgPosition | undefined) => (p && p.level < current.level ? p : undefined);
  const rows = org.oversight.filter((o) => inForce(o, input.date));
  const byPosition = rows.find((o) => o.kind === 'position' && o.unitId === current.id);
  if (byPosition) return outranks(positionById(byPosition.overseerPositionId, org));
  if (!current.executive) {
    const overseer = outranks(overseerOfUnit(current.unitId, input.date, org));
    if (overseer) return overseer;
  }
  if (current.headOfUnit && input.portfolio) {
    const row = rows.find(
      (o) => o.kind === 'portfolio' && o.unitId === current.unitId && o.portfolio === input.portfolio,
    );
    if (row) return outranks(positionById(row.overseerPositionId, org));
  }
  // No order names the next step: the head of the position's own unit or a parent unit (a Deputy reports to the
  // Permanent Secretary, a Deputy Governor to the Governor), else the nearest executive who heads a unit.
  const ownHead = unitPath(current.unitId, org)
    .map((unit) => headOf(unit.id, org))
    .find((head) => head !== undefined && head.level < current.level);
  return ownHead ?? closest(org.positions.filter((p) => p.executive && p.headOfUnit && p.level < current.level));
}

function stepOf(position: OrgPosition, input: ChainInput, org: OrgSnapshot): ChainStep {
  const acting = actingFor(position.id, input.date, org, input.matter);
  return {
    position,
    holder: substantiveHolderOf(position.id, org),
    ...(acting ? { acting: { user: acting.user, kind: acting.kind } } : {}),
  };
}

/**
 * The ordered positions a proposal from `fromPositionId` goes through (the proposer's own position not included),
 * with who holds or acts in each on the date, up to `upToLevel` / `upToPositionId` or the top.
 */
export function chainOfCommand(input: ChainInput, org: OrgSnapshot): ChainStep[] {
  const chain: ChainStep[] = [];
  let current = positionById(input.fromPositionId, org);
  // Every step outranks the one before (a smaller level), so the loop ends.
  for (;;) {
    const next = (!current.executive && nextInTree(current, org)) || nextByOversight(current, input, org);
    if (!next) break;
    chain.push(stepOf(next, input, org));
    current = next;
    if (next.id === input.upToPositionId) break;
    if (input.upToLevel !== undefined && next.level <= input.upToLevel) break;
  }
  const missed = input.upToPositionId !== undefined && current.id !== input.upToPositionId;
  if (missed && input.upToLevel === undefined) {
    throw new RangeError(`${input.upToPositionId} is not on the chain of command of ${input.fromPositionId}`);
  }
  return chain;
}

/** Who supervises the holder of a position on a date: the first step of its chain (undefined at the top). */
export function supervisorOf(positionId: string, date: string, org: OrgSnapshot): ChainStep | undefined {
  return chainOfCommand({ fromPositionId: positionId, date }, org)[0];
}

/** The user who acts at a step: the acting official when there is one, else the holder. */
export function actorOf(step: ChainStep): OrgUser | undefined {
  return step.acting?.user ?? step.holder;
}

/** Drops a step whose actor also acted at the step just before it (one person, one decision), keeping the higher one. */
export function collapseRepeatedActors(chain: ChainStep[]): ChainStep[] {
  return chain.filter((step, i) => {
    const next = chain[i + 1];
    return !next || actorOf(next)?.username !== actorOf(step)?.username || actorOf(step) === undefined;
  });
}

/** The unit of a position's head (for "head of my unit" look-ups). */
export function headOfUnitOf(positionId: string, org: OrgSnapshot): OrgPosition | undefined {
  return headOf(positionById(positionId, org).unitId, org);
}
