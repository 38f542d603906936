import { ActivityFailure, ApplicationFailure, CancellationScope, patched, uuid4 } from '@temporalio/workflow';
import { registerFor, type RolloutDecision } from '../../domain';
import type { ReassignRequest, ReassignResult } from '../shared/reassign';
import { TASK_ERRORS, type Actor } from '../shared/tasks';
import type * as c from './contract';
import {
  acts,
  applyStep,
  letterActs,
  mailActs,
  newTask,
  step,
  systemActor,
  today,
  requestOf,
  type Close,
  type Life,
} from './life';
import { decideStep, planDeliveries } from './policy';

/** The author proposes the draft (or the revised document) up the chain: the route is planned for today. */
export async function submit(
  life: Life,
  task: c.OutgoingTask,
  actor: Actor,
  toPositionId?: string,
): Promise<c.TaskActionResult> {
  const date = today();
  const close: Close = { taskId: task.taskId, outcome: 'propose' };
  const decision = decideStep(life.subject, 'propose', date);
  if (decision.medium === 'paper') return paperStep(life, 'propose', decision, actor, close);
  const state = life.state;
  state.route = await acts.planRoute({
    authorPositionId: life.input.authorPositionId,
    date,
    matter: life.subject.draft.category,
    ...(toPositionId ? { toPositionId } : {}),
  });
  state.routeIndex = 0;
  const next = routeTask(life);
  const route = [...state.route.reviewers, state.route.signer].map((s) => s.title);
  await step(
    life,
    { stage: stageOf(next), action: 'document.submitted', actor, details: { version: state.version, route } },
    [close],
    [next],
  );
  return { stage: state.stage, nextTasks: [next] };
}

/** A reviewer's or signer's step: approve (send on), return (to the author, with a comment), sign, send, propose. */
export async function act(life: Life, task: c.OutgoingTask, r: c.TaskActionRequest): Promise<c.TaskActionResult> {
  const close: Close = { taskId: task.taskId, outcome: r.action, ...(r.comment ? { comment: r.comment } : {}) };
  const version = life.state.version;
  if (r.action === 'propose') return submit(life, task, r.actor);
  if (r.action === 'return') {
    const revise = newTask(life, 'draft', { userId: life.input.author.userId });
    await step(
      life,
      { stage: 'returned', action: 'document.returned', actor: r.actor, details: { version } },
      [close],
      [revise],
    );
    return { stage: life.state.stage, nextTasks: [revise] };
  }
  if (r.action === 'approve') {
    life.state.routeIndex++;
    // One person, one decision: a reviewer who already holds the next step (after an escalation or a move) skips it.
    const route = life.state.route!;
    while (route.reviewers[life.state.routeIndex]?.userId === r.actor.userId) life.state.routeIndex++;
    const next = routeTask(life);
    await step(
      life,
      { stage: stageOf(next), action: 'document.approved', actor: r.actor, details: { version } },
      [close],
      [next],
    );
    return { stage: life.state.stage, nextTasks: [next] };
  }
  if (r.action === 'sign') return sign(life, r.actor, close);
  return send(life, r.actor, close);
}

/**
 * Signs and numbers in one activity: the actor's signature block for the signing position that day (their own post
 * or an acting appointment), the next number of the dispatch register (or the secret one), and the clerk's
 * dispatch task. An actor with no authority that day is refused and the task stays open.
 */
async function sign(life: Life, actor: Actor, close: Close): Promise<c.TaskActionResult> {
  const date = today();
  const decision = decideStep(life.subject, 'sign', date);
  if (decision.medium === 'paper') return paperStep(life, 'sign', decision, actor, close);
  const next = newTask(life, 'dispatch', { queueRole: 'clerk' });
  const { escalationLevel: _level, ...open } = next;
  const d = life.subject.draft;
  const signed = await acts.signAndNumber({
    stepId: uuid4(),
    documentId: life.input.documentId,
    workflowId: life.workflowId,
    unitId: life.input.unitId,
    actor,
    close,
    signerPositionId: life.state.route!.signer.positionId,
    date,
    matter: d.category,
    register: registerFor({ direction: 'outgoing', secrecy: d.secrecy as never }),
    circular: false,
    open: [{ ...open, subject: d.subject, urgency: d.urgency, fromText: life.input.author.displayName }],
    ...requestOf(life),
  });
  if (!signed.ok) throw ApplicationFailure.nonRetryable(signed.reason, 'NO_SIGNING_AUTHORITY');
  life.state.number = signed.number;
  life.state.signedBy = actor.userId;
  applyStep(life, [close], [next], 'numbered');
  return { stage: life.state.stage, nextTasks: [next] };
}

/** The clerk sends: each recipient's way decided by the rollout policy today, recorded before anything leaves. */
async function send(life: Life, actor: Actor, close: Close): Promise<c.TaskActionResult> {
  await produceLetter(life);
  life.dispatch = await acts.recordDispatch({
    stepId: uuid4(),
    documentId: life.input.documentId,
    workflowId: life.workflowId,
    unitId: life.input.unitId,
    actor,
    close,
    deliveries: planDeliveries(life.subject, today()),
    ...requestOf(life),
  });
  life.dispatchedBy = actor;
  applyStep(life, [close], [], 'sending');
  return { stage: life.state.stage, nextTasks: [] };
}

/** Patch id of the final letter step (lives recorded before it went straight from numbering to sending). */
const FINAL_LETTER = 'outgoing-final-letter';

/**
 * The final letter, once, after numbering (the letters' activities): rendered with its number and signature block
 * and signed with the signer's key (PAdES), else rendered unsigned when the signer has no key, else none when this
 * worker renders no letters. The recipients receive it as their document's file.
 */
export async function produceLetter(life: Life): Promise<void> {
  if (life.letter || !patched(FINAL_LETTER)) return;
  const documentId = life.input.documentId;
  try {
    const signed = await letterActs.signLetter({ documentId });
    life.letter = { sha256: signed.sha256, signed: true };
    return;
  } catch (error) {
    life.letter = { signed: false, reason: reasonOf(error) };
  }
  try {
    const rendered = await letterActs.renderLetter({ documentId });
    life.letter = { sha256: rendered.sha256, signed: false, reason: life.letter.reason };
  } catch (error) {
    life.letter = { signed: false, reason: reasonOf(error) };
    await step(life, {
      actor: systemActor(life.input.unitId),
      action: 'document.letter_unavailable',
      details: { reason: life.letter.reason },
    });
  }
}

/** Patch id of sending the queued e-mail from the life (lives recorded before it left the outbox pending). */
const CENTRAL_EMAIL = 'outgoing-central-email';

/**
 * Sends each letter queued for a body outside the BMA through the unit's central e-mail (the mail activity marks the
 * outbox row and the delivery). One that cannot go (no SMTP in this worker, a unit without a central address, a
 * refusal) stays in the outbox, and the step says why.
 */
export async function sendEmails(life: Life): Promise<void> {
  if (!patched(CENTRAL_EMAIL)) return;
  const unsent: Array<{ outboxId: string; name: string; reason: string }> = [];
  for (const e of life.dispatch?.emails ?? []) {
    try {
      await mailActs.sendCentralEmail({ outboxId: e.outboxId });
    } catch (error) {
      unsent.push({ ...e, reason: reasonOf(error) });
    }
  }
  if (unsent.length > 0) {
    await step(life, { actor: systemActor(life.input.unitId), action: 'delivery.email_not_sent', details: { unsent } });
  }
}

function reasonOf(error: unknown): string {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure && cause.type) return cause.type;
  return (cause as Error | undefined)?.message ?? 'failed';
}

/** A supervisor moves an open task to another official; its due time and escalation level go with it. */
export async function reassign(life: Life, r: ReassignRequest): Promise<ReassignResult> {
  const task = life.state.tasks[r.taskId];
  const next = newTask(
    life,
    task.type,
    { userId: r.toUser.id },
    { dueAt: task.dueAt, escalationLevel: task.escalationLevel },
  );
  await step(
    life,
    { action: 'task.reassigned', actor: r.actor, details: { taskId: task.taskId, to: r.toUser } },
    [{ taskId: task.taskId, outcome: 'reassigned', ...(r.comment ? { comment: r.comment } : {}) }],
    [next],
  );
  const reviewer = life.state.route?.reviewers[life.state.routeIndex];
  if (task.type === 'review' && reviewer) {
    life.state.route!.reviewers[life.state.routeIndex] = {
      ...reviewer,
      userId: r.toUser.id,
      displayName: r.toUser.displayName,
    };
  }
  return { stage: life.state.stage, taskId: next.taskId };
}

/**
 * Ends the life early, in a non-cancellable scope so the cleanup always completes: withdrawn before signing, or
 * cancelled after numbering (the number stays in its register, marked ยกเลิก).
 */
export function end(
  life: Life,
  stage: 'withdrawn' | 'cancelled',
  actor: Actor,
  comment?: string,
): Promise<{ stage: string }> {
  return CancellationScope.nonCancellable(async () => {
    const open = Object.values(life.state.tasks).filter((t) => t.status !== 'done');
    await acts.closeOutgoing({
      stepId: uuid4(),
      documentId: life.input.documentId,
      workflowId: life.workflowId,
      actor,
      stage,
      ...(comment ? { comment } : {}),
      taskIds: open.map((t) => t.taskId),
      ...requestOf(life),
    });
    applyStep(
      life,
      open.map((t) => ({ taskId: t.taskId, outcome: stage })),
      [],
      stage,
    );
    return { stage };
  });
}

async function paperStep(life: Life, capability: string, d: RolloutDecision, actor: Actor, close: Close) {
  await step(life, { stage: 'paper', action: 'document.paper_only', actor, details: { capability }, paper: d }, [
    close,
  ]);
  return { stage: life.state.stage, nextTasks: [] };
}

function routeTask(life: Life): c.OutgoingTask {
  const route = life.state.route!;
  const reviewer = route.reviewers[life.state.routeIndex];
  return reviewer
    ? newTask(life, 'review', { userId: reviewer.userId })
    : newTask(life, 'sign', { userId: route.signer.userId });
}

function stageOf(task: c.OutgoingTask): c.OutgoingStage {
  return task.type === 'sign' ? 'signing' : 'review';
}

/** An activity's coded refusal (NO_SIGNER, NOT_ON_CHAIN …) surfaces as the update's failure with a mapped code. */
export function codedFailure(error: unknown): unknown {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) {
    const cause = error.cause;
    const code = cause.type && cause.type in TASK_ERRORS ? cause.type : 'ACTION_NOT_ALLOWED';
    return ApplicationFailure.nonRetryable(cause.message, code, { cause: cause.type });
  }
  return error;
}
