import type { DataSource } from 'typeorm';
import {
  bangkokDateOf,
  chainOfCommand,
  headOf,
  holderOf,
  positionById,
  registryUnitOf,
  type OrgSnapshot,
} from '../../domain';
import type { IncomingActor, TaskActionRequest } from '../../workflows/incoming/contract';
import { authUserOf, type AuthUser } from '../auth/current-user';
import { badRequest, HttpError } from '../errors';
import { isActive, positionInactive, requireActiveUnit } from '../support/org-active';

type Row = Record<string, unknown>;

/** The actor a workflow sees: the user, their registry unit, and the post a proposal starts from. */
export function actorOf(user: AuthUser): IncomingActor {
  return {
    userId: user.id,
    displayName: user.displayName,
    roles: user.roles,
    unitId: user.registryUnit.id,
    positionId: user.position.id,
    positionTitle: user.position.title,
  };
}

/**
 * assign: to a user of the task's unit (`toUserId`), or to a section of it (`toUnitId`: the head of the section, or
 * whoever acts for the head that day). Delegation of an act task uses the same rule: a colleague of the same unit.
 */
export function resolveAssignee(
  org: OrgSnapshot,
  task: Row,
  input: { toUserId?: string; toUnitId?: string },
  now = new Date(),
): Pick<TaskActionRequest, 'toUser' | 'toUnit'> {
  const unitId = String(task.unit_id);
  if (input.toUnitId) {
    const section = org.units.find((u) => u.id === input.toUnitId);
    if (!section || section.id === unitId || registryUnitOf(section.id, org).id !== unitId) {
      throw badRequest('INVALID_UNIT', 'The section must belong to this unit (ฝ่ายต้องอยู่ในหน่วยงานนี้)', [
        { path: 'toUnitId', message: 'not a section of this unit' },
      ]);
    }
    requireActiveUnit(section.id, org, 'toUnitId');
    const head = headOf(section.id, org);
    const user = head && holderOf(head.id, bangkokDateOf(now), org);
    const target = user?.id ? authUserOf(user.id, org) : undefined;
    if (!target) throw new HttpError(422, 'NO_HEAD', 'The section has no head to take it (ฝ่ายไม่มีหัวหน้า)');
    return {
      toUser: { id: target.id, displayName: target.displayName, unitId },
      toUnit: { id: section.id, name: section.name },
    };
  }
  if (!input.toUserId) {
    throw badRequest('INVALID_INPUT', 'assign needs toUserId or toUnitId', [{ path: 'toUserId', message: 'required' }]);
  }
  const target = authUserOf(input.toUserId, org);
  if (!target || target.registryUnit.id !== unitId) {
    throw badRequest('INVALID_ASSIGNEE', 'The assignee must be a user of the same unit', [
      { path: 'toUserId', message: 'not in this unit' },
    ]);
  }
  return { toUser: { id: target.id, displayName: target.displayName, unitId } };
}

/**
 * forward: another registry unit (a section names its unit), switched on (422 UNIT_INACTIVE); its early adoption
 * goes with it for the policy.
 */
export async function resolveForwardUnit(
  ds: DataSource,
  org: OrgSnapshot,
  task: Row,
  toUnitId: string | undefined,
): Promise<Pick<TaskActionRequest, 'toUnit'>> {
  const unit = toUnitId ? org.units.find((u) => u.id === toUnitId) : undefined;
  const target = unit && registryUnitOf(unit.id, org);
  if (!target || target.id === task.unit_id) {
    throw badRequest('INVALID_UNIT', 'forward needs another unit (toUnitId); a section of this unit: use assign', [
      { path: 'toUnitId', message: unit ? 'this unit' : 'unknown unit' },
    ]);
  }
  requireActiveUnit(unit.id, org, 'toUnitId');
  const [row] = (await ds.query('SELECT early_phase FROM units WHERE id = ?', [target.id])) as Row[];
  const earlyPhase = row?.early_phase ? Number(row.early_phase) : undefined;
  return { toUnit: { id: target.id, name: target.name, ...(earlyPhase ? { earlyPhase } : {}) } };
}

/** propose: there must be a level above the proposer, and a named position must be on their chain of command. */
export function checkProposalTarget(org: OrgSnapshot, user: AuthUser, toPositionId?: string, now = new Date()): void {
  const date = bangkokDateOf(now);
  const named = toPositionId ? org.positions.find((p) => p.id === toPositionId) : undefined;
  if (toPositionId && !named) {
    throw badRequest('INVALID_INPUT', 'Unknown position', [{ path: 'toPositionId', message: 'unknown position' }]);
  }
  if (named && !isActive(named)) throw positionInactive(named, 'toPositionId');
  let chain;
  try {
    chain = chainOfCommand({ fromPositionId: user.position.id, upToPositionId: toPositionId, date }, org);
  } catch {
    const title = toPositionId ? positionById(toPositionId, org).title : '';
    throw new HttpError(422, 'NOT_ON_CHAIN', `${title} is not above you on the chain of command (ไม่อยู่ในสายบังคับบัญชา)`);
  }
  if (chain.length === 0) throw new HttpError(422, 'NOT_ON_CHAIN', 'Nobody above this position to propose to');
}
