import { WorkflowNotFoundError } from '@temporalio/client';
import type { Context } from 'koa';
import { writeLifeStep } from '../../db/life-steps';
import { forUpdate } from '../../db/numbering';
import { cancelRegisterEntry } from '../../db/register-cancel';
import { inTransaction } from '../../db/transaction';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { HttpError } from '../errors';

type Row = Record<string, unknown>;

/** How long a paper life that has just registered its number may take to end before a cancel is refused. */
const LIFE_END_WAIT_MS = 10_000;

export const alreadyCancelled = () =>
  new HttpError(409, 'ALREADY_CANCELLED', 'The document is already cancelled (หนังสือนี้ยกเลิกแล้ว)');

/**
 * True when the outgoing life no longer owns the document: it was made on paper and registered at once (stage
 * `paper` with a number), so its life has ended and a cancel is the database's business, not a workflow update.
 */
export function isPaperRegistered(doc: Row): boolean {
  return (
    doc.stage === 'paper' && doc.medium === 'paper' && doc.number_register !== null && doc.number_register !== undefined
  );
}

/**
 * POST /api/documents/:id/cancel for a document made on paper and registered at once: the document becomes
 * `cancelled`, its register row stays with its number, marked ยกเลิก with who, when and why, and `document.cancelled`
 * is audited with the request id, in one transaction. The author, or a clerk, paper registrar or signer of the
 * document's unit (the paper was signed outside the system, so the unit's signer stands for the signer's side).
 */
export async function cancelPaperDocument(ctx: Context, deps: ApiDeps, doc: Row, reason: string) {
  const user = ctx.state.user as AuthUser;
  const ofUnit = user.registryUnit.id === doc.unit_id;
  const allowed =
    user.id === doc.created_by ||
    (ofUnit && ['clerk', 'paper-registrar', 'signer'].some((r) => user.roles.includes(r)));
  if (!allowed) {
    throw new HttpError(403, 'NOT_TASK_HOLDER', 'Only the author or the unit’s clerk or signer may cancel');
  }
  await awaitLifeEnd(deps, String(doc.workflow_id));
  const workflowId = String(doc.workflow_id);
  await inTransaction(deps.ds, async (em) => {
    const [now] = (await em.query(`SELECT stage FROM documents WHERE id = ?${forUpdate(em)}`, [doc.id])) as Row[];
    // A concurrent cancel got here first: the same refusal as a later one.
    if (now?.stage === 'cancelled') throw alreadyCancelled();
    const at = new Date();
    await cancelRegisterEntry(em, `${workflowId}:number`, { reason, byUserId: user.id, at });
    await writeLifeStep(
      em,
      {
        documentId: String(doc.id),
        stage: 'cancelled',
        actorUserId: user.id,
        action: 'document.cancelled',
        details: { comment: reason, medium: 'paper', number: doc.number_code },
        requestId: ctx.state.requestId as string | undefined,
      },
      workflowId,
      at,
    );
  });
  return { id: doc.id, stage: 'cancelled' };
}

/**
 * The paper life ends right after registering (workflows/outgoing/outgoing.ts): when it is still running, its last
 * moments are awaited so the cancel follows it; a life that does not end soon is refused (409 LIFE_RUNNING) rather
 * than raced. A life no longer kept by Temporal (retention) has long ended.
 */
async function awaitLifeEnd(deps: ApiDeps, workflowId: string): Promise<void> {
  const handle = deps.temporal.workflow.getHandle(workflowId);
  try {
    if ((await handle.describe()).status.name !== 'RUNNING') return;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return;
    throw error;
  }
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([
    handle.result().then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), LIFE_END_WAIT_MS))),
  ]).finally(() => clearTimeout(timer));
  if (!ended) {
    throw new HttpError(409, 'LIFE_RUNNING', 'The document’s life is still recording it; try again in a moment');
  }
}
