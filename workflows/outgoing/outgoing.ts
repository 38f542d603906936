import {
  allHandlersFinished,
  condition,
  isCancellation,
  patched,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { registerFor } from '../../domain';
import { reassignTaskUpdate } from '../shared/reassign';
import { STAGE, UNIT, URGENCY } from '../shared/search-attributes';
import { createMutex } from '../shared/mutex';
import { act, codedFailure, end, produceLetter, reassign, sendEmails, submit } from './actions';
import * as c from './contract';
import { startRecipientLives } from './delivery';
import { waitOrEscalate } from './escalation';
import { acts, newTask, requestOf, setStage, stepTask, systemActor, today, traced, type Life } from './life';
import { creationCapability, decideStep } from './policy';
import * as v from './validate';

/** Patch id: a document made on paper is registered at once (lives recorded before it kept no number). */
const PAPER_NUMBER = 'outgoing-paper-number';

/**
 * The register a document made on paper takes its number from, when the unit numbers in the system that day (or
 * always for ลับที่สุด: it is registered in the secret register and never routed); undefined: no number here.
 */
function paperRegister(life: Life): string | undefined {
  if (!patched(PAPER_NUMBER)) return undefined;
  const d = life.subject.draft;
  const numbering = decideStep(life.subject, 'number', today());
  if (numbering.medium === 'paper' && d.secrecy !== 'top_secret') return undefined;
  return registerFor({ direction: 'outgoing', secrecy: d.secrecy as never });
}

/**
 * The life of an outgoing document (สร้าง–เสนอ–ลงนาม–ส่ง): draft → review up the chain ⇄ return and revise (every
 * version kept) → signed and numbered → sent by the unit's clerk → delivered (each recipient unit's incoming life,
 * or the central e-mail outbox). Withdrawn before signing, cancelled after numbering. Review, signing and dispatch
 * tasks escalate on the configured ladder.
 */
export async function outgoingDocument(input: c.OutgoingInput): Promise<{ stage: string }> {
  const state: c.OutgoingState = { stage: 'creating', version: 1, tasks: {}, routeIndex: 0 };
  const life: Life = {
    input,
    workflowId: workflowInfo().workflowId,
    state,
    subject: { unitId: input.unitId, unitEarlyPhase: input.unitEarlyPhase, draft: input.draft },
    steps: 0,
  };
  const guard: v.ValidationState = { state, author: input.author, unitId: input.unitId, ending: false };
  const exclusive = createMutex();
  /** Runs a step on tasks marked closing; when it fails they are open again and the failure keeps its code. */
  const guarded = <T>(tasks: c.OutgoingTask[], work: () => Promise<T>): Promise<T> => {
    for (const t of tasks) t.status = 'closing';
    return exclusive(async () => {
      if (tasks.some((t) => t.status === 'done')) throw v.moved();
      try {
        return await work();
      } catch (error) {
        for (const t of tasks) if (t.status === 'closing') t.status = 'open';
        throw codedFailure(error);
      }
    });
  };

  setHandler(c.stateQuery, () => state);
  setHandler(c.createdUpdate, async () => {
    await condition(() => state.created !== undefined);
    return state.created!;
  });
  setHandler(c.reviseUpdate, (r) => exclusive(() => traced(life, r.requestId, () => revise(r.actor, r.draft))), {
    validator: (r) => v.validateRevise(guard, r),
  });
  setHandler(
    c.submitUpdate,
    (r) => {
      const task = v.openDraftTask(guard)!;
      return guarded([task], () => traced(life, r.requestId, () => submit(life, task, r.actor, r.toPositionId)));
    },
    { validator: (r) => v.validateSubmit(guard, r) },
  );
  setHandler(
    c.taskActionUpdate,
    (r) => guarded([state.tasks[r.taskId]], () => traced(life, r.requestId, () => act(life, state.tasks[r.taskId], r))),
    { validator: (r) => v.validateAction(guard, r) },
  );
  setHandler(
    reassignTaskUpdate,
    (r) => guarded([state.tasks[r.taskId]], () => traced(life, r.requestId, () => reassign(life, r))),
    {
      validator: (r) => v.validateReassign(guard, r),
    },
  );
  setHandler(
    c.withdrawUpdate,
    (r) => {
      guard.ending = true;
      return exclusive(() => traced(life, r.requestId, () => end(life, 'withdrawn', r.actor, r.comment)));
    },
    { validator: (r) => v.validateWithdraw(guard, r) },
  );
  setHandler(
    c.cancelUpdate,
    (r) => {
      guard.ending = true;
      return exclusive(() => traced(life, r.requestId, () => end(life, 'cancelled', r.actor, r.reason)));
    },
    { validator: (r) => v.validateCancel(guard, r) },
  );

  upsertSearchAttributes([
    { key: STAGE, value: 'creating' },
    { key: URGENCY, value: input.draft.urgency },
    { key: UNIT, value: input.unitId },
  ]);
  const created = decideStep(life.subject, creationCapability(life.subject), today());
  const first = created.medium === 'electronic' ? newTask(life, 'draft', { userId: input.author.userId }) : undefined;
  const numberFrom = created.medium === 'paper' ? paperRegister(life) : undefined;
  state.created = await acts.createOutgoingDraft({
    documentId: input.documentId,
    workflowId: life.workflowId,
    unitId: input.unitId,
    author: input.author,
    authorPositionId: input.authorPositionId,
    draft: input.draft,
    medium: created.medium,
    ...(input.requestId ? { requestId: input.requestId } : {}),
    ...(created.medium === 'paper' && created.reason
      ? { paperReason: created.reason.th, paperReasonCode: created.reason.code }
      : {}),
    ...(first ? { draftTask: stepTask(life, first) } : {}),
    ...(numberFrom ? { numberFrom } : {}),
  });
  if (first) state.tasks[first.taskId] = first;
  if (state.created.number) state.number = state.created.number;
  setStage(life, state.created.stage);
  const settled = () => state.stage === 'sending' || c.FINAL_STAGES.includes(state.stage);
  try {
    while (!settled()) {
      if (state.stage === 'numbered' && !life.letter) await exclusive(() => produceLetter(life));
      await waitOrEscalate(life, exclusive, settled);
    }
  } catch (error) {
    if (!isCancellation(error)) throw error;
    // Cancelled from outside (Temporal UI, an operator): withdrawn, or cancelled once it has a number.
    guard.ending = true;
    await end(
      life,
      state.stage === 'numbered' ? 'cancelled' : 'withdrawn',
      systemActor(input.unitId),
      'workflow cancelled',
    );
    return { stage: state.stage };
  }
  if (state.stage === 'sending' && life.dispatch) {
    const file = life.letter?.sha256 ? { sha256: life.letter.sha256, name: letterFileName(state.number) } : undefined;
    const delivered = await startRecipientLives(life.dispatch, life.subject.draft, {
      receivedAt: new Date().toISOString(),
      timing: input.timing,
      file,
    });
    await sendEmails(life);
    await acts.completeDispatch({
      stepId: uuid4(),
      documentId: input.documentId,
      workflowId: life.workflowId,
      actor: life.dispatchedBy!,
      delivered,
    });
    setStage(life, 'sent');
  }
  await condition(allHandlersFinished);
  return { stage: state.stage };

  function letterFileName(number?: c.IssuedNumber): string {
    return `${(number?.code ?? input.documentId).replace(/[^\p{L}\p{N}]+/gu, '-')}.pdf`;
  }

  async function revise(actor: c.TaskActionRequest['actor'], draft: c.DraftContent) {
    const version = state.version + 1;
    await acts.saveDraftVersion({
      stepId: uuid4(),
      documentId: input.documentId,
      workflowId: life.workflowId,
      actor,
      version,
      draft,
      ...requestOf(life),
    });
    life.subject.draft = draft;
    state.version = version;
    return { version, stage: state.stage };
  }
}
