import type { DataSource } from 'typeorm';
import { actorOf, bangkokDateOf, chainOfCommand, type OrgSnapshot } from '../../domain';
import { canWork, type WorkflowTask } from '../../workflows/shared/tasks';
import type { AuthUser } from '../auth/current-user';

type Row = Record<string, unknown>;

/** Secrecy levels whose documents only the people named on them and their chain of command may see. */
export const SECRET_LEVELS = ['confidential', 'secret', 'top_secret'];

/** True for ลับ, ลับมาก and ลับที่สุด (of which only the register entry exists). */
export const isSecret = (secrecy: unknown): boolean => SECRET_LEVELS.includes(String(secrecy));

// The org chart a user was authenticated against, so visibility can walk chains of command without another
// argument on loadVisibleDocument (which other handlers call as (ds, id, user)). Weak: it goes with the request.
const orgs = new WeakMap<AuthUser, OrgSnapshot>();

/** Remembers the org chart the user was built from (called by the authentication middleware). */
export function rememberOrg(user: AuthUser, org: OrgSnapshot): void {
  orgs.set(user, org);
}

/**
 * Who may see a document (issue 6):
 * - an ordinary document: users of its registry unit, users who oversee that unit (dated oversight orders), and
 *   anyone who holds or held a task on it;
 * - ลับ / ลับมาก / ลับที่สุด: only the people named on it (who registered or created it, who hold or held a task on
 *   it, who may take one of its open queue tasks) and the chain of command above each of them.
 */
export async function canSeeDocument(ds: DataSource, doc: Row, user: AuthUser, now = new Date()): Promise<boolean> {
  const unitId = String(doc.unit_id);
  const secret = isSecret(doc.secrecy);
  if (!secret && (unitId === user.registryUnit.id || user.overseenUnitIds.includes(unitId))) return true;
  const tasks = (await ds.query(
    'SELECT id, type, unit_id, queue_role, assignee_user_id, closed_by, status FROM tasks WHERE document_id = ?',
    [doc.id],
  )) as Row[];
  if (tasks.some((t) => t.assignee_user_id === user.id || t.closed_by === user.id)) return true;
  // A circular is read by every unit it was sent to: their clerks acknowledge it from the unit's queue.
  if (!secret && doc.direction === 'circular') {
    const sentTo = (await ds.query(
      'SELECT 1 AS x FROM circular_acknowledgements WHERE document_id = ? AND unit_id = ?',
      [doc.id, user.registryUnit.id],
    )) as Row[];
    if (sentTo.length > 0) return true;
  }
  if (!secret) return false;
  if (doc.created_by === user.id) return true;
  const actor = { userId: user.id, displayName: user.displayName, roles: user.roles, unitId: user.registryUnit.id };
  const openQueue = tasks.filter((t) => t.status === 'open' && !t.assignee_user_id);
  const canTake = (t: Row) => {
    const queued: WorkflowTask = {
      taskId: String(t.id),
      type: t.type as WorkflowTask['type'],
      status: 'open',
      unitId: String(t.unit_id),
      ...(t.queue_role ? { queueRole: String(t.queue_role) } : {}),
    };
    return canWork(queued, actor);
  };
  if (openQueue.some(canTake)) return true;
  const named = new Set(
    [doc.created_by, ...tasks.flatMap((t) => [t.assignee_user_id, t.closed_by])].filter(Boolean).map(String),
  );
  return isOnChainOfAny(user, named, orgs.get(user), bangkokDateOf(now));
}

/** True when the user holds or acts in a position on the chain of command above one of the named users. */
function isOnChainOfAny(user: AuthUser, named: Set<string>, org: OrgSnapshot | undefined, date: string): boolean {
  if (!org) return false; // fail closed: without the chart only the named people see a secret document
  for (const person of org.users.filter((u) => u.id !== undefined && named.has(u.id))) {
    let chain: ReturnType<typeof chainOfCommand> = [];
    try {
      chain = chainOfCommand({ fromPositionId: person.positionId, date }, org);
    } catch {
      continue; // a chart that names a missing position: no chain through it
    }
    if (chain.some((step) => step.position.id === user.position.id || actorOf(step)?.username === user.username))
      return true;
  }
  return false;
}
