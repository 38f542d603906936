import { ApplicationFailure, startChild } from '@temporalio/workflow';
import * as c from './contract';
import { acts, closing, newTask, step, type MinuteInput } from './engine';
import { decideStep, type Life } from './life';
import type { paperFollowUp } from './paper-follow-up';

/** The holder proposes up the chain of command (domain `chainOfCommand`), to the top or to `toPositionId`. */
export async function startRound(life: Life, task: c.LifeTask, r: c.TaskActionRequest): Promise<c.TaskActionResult> {
  const steps = await plan(life, r.actor.positionId!, r.toPositionId);
  const number = (life.state.rounds ?? 0) + 1;
  life.state.rounds = number;
  const proposer = { id: r.actor.userId, displayName: r.actor.displayName, unitId: task.unitId };
  life.state.round = { number, proposer, steps, index: -1 };
  return advance(life, task, r, 'proposal.sent', undefined);
}

/** A level acts on its review task: minute and send on, send on, approve (the decision goes down), or return. */
export async function review(life: Life, task: c.LifeTask, r: c.TaskActionRequest): Promise<c.TaskActionResult> {
  const round = life.state.round!;
  const level = round.steps[task.level!];
  const minute = r.comment?.trim() || r.action === 'approve' ? minuteOf(task, level, r) : undefined;
  if (r.action === 'annotate') return advance(life, task, r, 'proposal.minuted', minute);
  if (r.action === 'propose') {
    if (r.toPositionId) {
      // Sent on to a named position: the levels from here to it replace the rest of the plan.
      const from = r.actor.positionId ?? level.positionId;
      round.steps = [...round.steps.slice(0, task.level! + 1), ...(await plan(life, from, r.toPositionId))];
    }
    return advance(life, task, r, 'proposal.sent_on', minute);
  }
  const back = newTask(life.engine, 'act', { user: round.proposer });
  const approved = r.action === 'approve';
  life.state.round = undefined;
  const stage = approved ? 'decided' : 'returned';
  await step(life.engine, {
    stage,
    actor: r.actor,
    action: approved ? 'proposal.approved' : 'proposal.returned',
    details: { round: round.number, level: task.level! + 1, positionId: level.positionId, to: round.proposer },
    close: closing(task, r),
    open: [back],
    minute,
  });
  return { stage, nextTasks: [back] };
}

async function plan(life: Life, fromPositionId: string, toPositionId?: string): Promise<c.PlanStep[]> {
  const { input, engine } = life;
  const { steps } = await acts.planProposal({
    fromPositionId,
    ...(toPositionId ? { toPositionId } : {}),
    date: engine.day(),
    unitId: input.unitId,
    ...(input.unitEarlyPhase ? { earlyPhase: input.unitEarlyPhase } : {}),
    category: input.fields.category,
    secrecy: input.fields.secrecy,
    kind: input.fields.kind,
  });
  return steps;
}

/**
 * Opens the next level's review task, or, when the rollout policy keeps that level on paper (propose, or executive
 * for the Governor's and Permanent Secretary's levels), records the proposal as gone on paper with the reason and
 * gives the proposer the task of acting on the decision that comes back on paper.
 */
async function advance(
  life: Life,
  task: c.LifeTask,
  r: c.TaskActionRequest,
  action: string,
  minute: MinuteInput | undefined,
): Promise<c.TaskActionResult> {
  const round = life.state.round!;
  let i = round.index + 1;
  const skipped: string[] = [];
  for (; i < round.steps.length && !round.steps[i].user; i++) skipped.push(round.steps[i].positionId);
  const level = round.steps[i];
  if (!level) throw ApplicationFailure.nonRetryable('No level above to propose to', 'ACTION_NOT_ALLOWED');
  const capability = level.executive ? 'executive' : 'propose';
  const decision = decideStep(life, capability);
  const where = {
    round: round.number,
    level: i + 1,
    toPositionId: level.positionId,
    toPositionTitle: level.positionTitle,
  };
  const base = { actor: r.actor, close: closing(task, r), minute };
  if (decision.medium === 'paper') {
    const back = newTask(life.engine, 'act', { user: round.proposer });
    life.state.round = undefined;
    const reason = decision.reason!;
    await step(life.engine, {
      ...base,
      stage: 'proposed_on_paper',
      action: 'proposal.on_paper',
      details: { ...where, capability, reason: reason.th, reasonCode: reason.code, phase: decision.phase },
      open: [back],
      paper: { code: reason.code, reason: reason.th },
    });
    return { stage: 'proposed_on_paper', nextTasks: [back] };
  }
  round.index = i;
  const next = newTask(life.engine, 'review', { user: level.user! }, { round: round.number, level: i });
  const to = { id: level.user!.id, displayName: level.user!.displayName };
  const details = {
    ...where,
    to,
    ...(level.actingKind ? { acting: level.actingKind } : {}),
    ...(skipped.length ? { skipped } : {}),
  };
  await step(life.engine, { ...base, stage: 'proposed', action, details, open: [next] });
  if (level.paperFollowUp && level.registrar) await followUpPaper(life, level, round.number);
  return { stage: 'proposed', nextTasks: [next] };
}

/** Paper follow-up: a child life opens the executive's clerk's register_paper task and escalates it until done. */
async function followUpPaper(life: Life, level: c.PlanStep, round: number): Promise<void> {
  const { input, engine, state } = life;
  const workflowId = c.paperFollowUpWorkflowId(input.documentId, level.positionId, round);
  await startChild<typeof paperFollowUp>('paperFollowUp', {
    workflowId,
    parentClosePolicy: 'ABANDON',
    args: [
      {
        documentId: input.documentId,
        parentWorkflowId: engine.workflowId,
        subject: input.fields.subject,
        urgency: input.fields.urgency,
        fromText: input.fields.senderName,
        executive: { positionId: level.positionId, title: level.positionTitle },
        registrar: level.registrar!,
        ...(input.timing ? { timing: input.timing } : {}),
        clockOffsetMs: state.clockOffsetMs ?? 0,
      },
    ],
  });
  state.paperFollowUps = [...(state.paperFollowUps ?? []), workflowId];
}

/** The minute (เกษียน) of a level: the text, the author, the title they act under, and what they decided. */
function minuteOf(task: c.LifeTask, level: c.PlanStep, r: c.TaskActionRequest): MinuteInput {
  const planned = level.user && level.user.id === r.actor.userId;
  return {
    taskId: task.taskId,
    text: r.comment?.trim() || 'อนุมัติ',
    authorUserId: r.actor.userId,
    authorName: r.actor.displayName,
    positionTitle: planned ? level.user!.positionTitle : (r.actor.positionTitle ?? ''),
    decision: r.action,
  };
}
