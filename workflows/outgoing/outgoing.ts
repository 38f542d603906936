import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { bangkokDateOf, computeDueAt, registerFor, type RolloutDecision, type Urgency } from '../../domain';
import { createMutex } from '../shared/mutex';
import { STAGE, UNIT, URGENCY } from '../shared/search-attributes';
import { TASK_ERRORS, type Actor } from '../shared/tasks';
import * as c from './contract';
import { deliveryActor, startRecipientLives } from './delivery';
import { creationCapability, decideStep, planDeliveries, type PolicySubject } from './policy';
import * as v from './validate';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: ['INVALID_INPUT'] },
});

type Close = { taskId: string; outcome: string; comment?: string; status?: 'done' | 'cancelled' };
type Step = { stage?: c.OutgoingStage; action: string; actor: Actor; details?: Record<string, unknown> };

/** The life of an outgoing document: draft → review up the chain ⇄ revise → sign and number → send → delivered. */
export async function outgoingDocument(input: c.OutgoingInput): Promise<{ stage: string }> {
  const { workflowId } = workflowInfo();
  const state: c.OutgoingState = { stage: 'creating', version: 1, tasks: {}, routeIndex: 0 };
  const guard: v.ValidationState = { state, author: input.author, unitId: input.unitId, ending: false };
  const subject: PolicySubject = { unitId: input.unitId, unitEarlyPhase: input.unitEarlyPhase, draft: input.draft };
  const exclusive = createMutex();
  let dispatch: Awaited<ReturnType<Activities['recordDispatch']>> | undefined;
  let dispatchedBy: Actor | undefined;

  setHandler(c.stateQuery, () => state);
  setHandler(c.createdUpdate, async () => {
    await condition(() => state.created !== undefined);
    return state.created!;
  });
  setHandler(c.reviseUpdate, (r) => exclusive(() => revise(r.actor, r.draft)), {
    validator: (r) => v.validateRevise(guard, r),
  });
  setHandler(
    c.submitUpdate,
    (r) => {
      const task = draftTask()!;
      task.status = 'closing';
      return exclusive(() => guarded([task], () => submit(task, r.actor, r.toPositionId)));
    },
    { validator: (r) => v.validateSubmit(guard, r) },
  );
  setHandler(
    c.taskActionUpdate,
    (r) => {
      const task = state.tasks[r.taskId];
      task.status = 'closing';
      return exclusive(() => guarded([task], () => act(task, r)));
    },
    { validator: (r) => v.validateAction(guard, r) },
  );
  setHandler(
    c.withdrawUpdate,
    (r) => {
      guard.ending = true;
      return exclusive(() => end('withdrawn', r.actor, r.comment));
    },
    { validator: (r) => v.validateWithdraw(guard, r) },
  );
  setHandler(
    c.cancelUpdate,
    (r) => {
      guard.ending = true;
      return exclusive(() => end('cancelled', r.actor, r.reason));
    },
    { validator: (r) => v.validateCancel(guard, r) },
  );

  upsertSearchAttributes([
    { key: STAGE, value: 'creating' },
    { key: URGENCY, value: input.draft.urgency },
    { key: UNIT, value: input.unitId },
  ]);
  const created = decideStep(subject, creationCapability(subject), today());
  const first = created.medium === 'electronic' ? personalTask('draft', input.author.userId) : undefined;
  state.created = await acts.createOutgoingDraft({
    documentId: input.documentId,
    workflowId,
    unitId: input.unitId,
    author: input.author,
    authorPositionId: input.authorPositionId,
    draft: input.draft,
    medium: created.medium,
    ...paperOf(created),
    ...(first ? { draftTask: stepTask(first) } : {}),
  });
  if (first) state.tasks[first.taskId] = first;
  setStage(state.created.stage);
  try {
    await condition(() => state.stage === 'sending' || c.FINAL_STAGES.includes(state.stage));
  } catch (error) {
    if (!isCancellation(error)) throw error;
    // Cancelled from outside (Temporal UI, an operator): clean up as a withdrawal, or as a cancellation once numbered.
    guard.ending = true;
    await end(
      state.stage === 'numbered' ? 'cancelled' : 'withdrawn',
      deliveryActor(input.unitId),
      'workflow cancelled',
    );
    return { stage: state.stage };
  }
  if (state.stage === 'sending' && dispatch) {
    const delivered = await startRecipientLives(dispatch, subject.draft, new Date().toISOString());
    await acts.completeDispatch({
      stepId: uuid4(),
      documentId: input.documentId,
      workflowId,
      actor: dispatchedBy!,
      delivered,
    });
    setStage('sent');
  }
  await condition(allHandlersFinished);
  return { stage: state.stage };

  async function revise(actor: Actor, draft: c.DraftContent): Promise<{ version: number; stage: string }> {
    const version = state.version + 1;
    await acts.saveDraftVersion({ stepId: uuid4(), documentId: input.documentId, workflowId, actor, version, draft });
    subject.draft = draft;
    state.version = version;
    return { version, stage: state.stage };
  }

  async function submit(task: c.OutgoingTask, actor: Actor, toPositionId?: string): Promise<c.TaskActionResult> {
    const date = today();
    const close: Close = { taskId: task.taskId, outcome: 'propose' };
    const decision = decideStep(subject, 'propose', date);
    if (decision.medium === 'paper') return paperStep('propose', decision, actor, close);
    state.route = await acts.planRoute({
      authorPositionId: input.authorPositionId,
      date,
      matter: subject.draft.category,
      ...(toPositionId ? { toPositionId } : {}),
    });
    state.routeIndex = 0;
    const next = routeTask();
    const route = [...state.route.reviewers, state.route.signer].map((s) => s.title);
    await step(
      { stage: stageOf(next), action: 'document.submitted', actor, details: { version: state.version, route } },
      [close],
      [next],
    );
    return { stage: state.stage, nextTasks: [next] };
  }

  async function act(task: c.OutgoingTask, r: c.TaskActionRequest): Promise<c.TaskActionResult> {
    const close: Close = { taskId: task.taskId, outcome: r.action, ...(r.comment ? { comment: r.comment } : {}) };
    if (r.action === 'propose') return submit(task, r.actor);
    if (r.action === 'return') {
      const revise = personalTask('draft', input.author.userId);
      await step(
        { stage: 'returned', action: 'document.returned', actor: r.actor, details: { version: state.version } },
        [close],
        [revise],
      );
      return { stage: state.stage, nextTasks: [revise] };
    }
    if (r.action === 'approve') {
      state.routeIndex++;
      const next = routeTask();
      await step(
        { stage: stageOf(next), action: 'document.approved', actor: r.actor, details: { version: state.version } },
        [close],
        [next],
      );
      return { stage: state.stage, nextTasks: [next] };
    }
    if (r.action === 'sign') return sign(r.actor, close);
    return send(r.actor, close);
  }

  async function sign(actor: Actor, close: Close): Promise<c.TaskActionResult> {
    const date = today();
    const decision = decideStep(subject, 'sign', date);
    if (decision.medium === 'paper') return paperStep('sign', decision, actor, close);
    const next = queueTask('dispatch', 'clerk');
    const register = registerFor({ direction: 'outgoing', secrecy: subject.draft.secrecy as never });
    const signed = await acts.signAndNumber({
      stepId: uuid4(),
      documentId: input.documentId,
      workflowId,
      unitId: input.unitId,
      actor,
      close,
      signerPositionId: state.route!.signer.positionId,
      date,
      matter: subject.draft.category,
      register,
      circular: false,
      open: [stepTask(next)],
    });
    if (!signed.ok) throw ApplicationFailure.nonRetryable(signed.reason, 'NO_SIGNING_AUTHORITY');
    state.number = signed.number;
    state.signedBy = actor.userId;
    state.tasks[close.taskId].status = 'done';
    state.tasks[next.taskId] = next;
    setStage('numbered');
    return { stage: state.stage, nextTasks: [next] };
  }

  async function send(actor: Actor, close: Close): Promise<c.TaskActionResult> {
    dispatch = await acts.recordDispatch({
      stepId: uuid4(),
      documentId: input.documentId,
      workflowId,
      unitId: input.unitId,
      actor,
      close,
      deliveries: planDeliveries(subject, today()),
    });
    dispatchedBy = actor;
    state.tasks[close.taskId].status = 'done';
    setStage('sending');
    return { stage: state.stage, nextTasks: [] };
  }

  async function paperStep(capability: string, d: RolloutDecision, actor: Actor, close: Close) {
    await step({ stage: 'paper', action: 'document.paper_only', actor, details: { capability } }, [close], [], d);
    return { stage: state.stage, nextTasks: [] };
  }

  async function end(stage: 'withdrawn' | 'cancelled', actor: Actor, comment?: string): Promise<{ stage: string }> {
    return CancellationScope.nonCancellable(async () => {
      const open = Object.values(state.tasks).filter((t) => t.status !== 'done');
      await acts.closeOutgoing({
        stepId: uuid4(),
        documentId: input.documentId,
        workflowId,
        actor,
        stage,
        ...(comment ? { comment } : {}),
        taskIds: open.map((t) => t.taskId),
      });
      for (const t of open) t.status = 'done';
      setStage(stage);
      return { stage };
    });
  }

  async function step(s: Step, close: Close[], open: c.OutgoingTask[], paper?: RolloutDecision): Promise<void> {
    await acts.recordOutgoingStep({
      stepId: uuid4(),
      workflowId,
      documentId: input.documentId,
      ...s,
      close,
      open: open.map(stepTask),
      ...(paper?.reason ? { paper: { code: paper.reason.code, reason: paper.reason.th } } : {}),
    });
    for (const x of close) state.tasks[x.taskId].status = 'done';
    for (const t of open) state.tasks[t.taskId] = t;
    if (s.stage) setStage(s.stage);
  }

  /** Runs a step whose tasks were marked closing; when it fails they are open again and the failure keeps its code. */
  async function guarded<T>(tasks: c.OutgoingTask[], work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      for (const t of tasks) if (t.status === 'closing') t.status = 'open';
      throw codedFailure(error);
    }
  }

  function routeTask(): c.OutgoingTask {
    const route = state.route!;
    const reviewer = route.reviewers[state.routeIndex];
    return reviewer ? personalTask('review', reviewer.userId) : personalTask('sign', route.signer.userId);
  }

  function draftTask(): c.OutgoingTask | undefined {
    return Object.values(state.tasks).find((t) => t.type === 'draft' && t.status === 'open');
  }

  function personalTask(type: c.OutgoingTaskType, userId: string): c.OutgoingTask {
    return { taskId: uuid4(), type, status: 'open', unitId: input.unitId, assigneeUserId: userId, dueAt: due() };
  }

  function queueTask(type: c.OutgoingTaskType, role: string): c.OutgoingTask {
    return { taskId: uuid4(), type, status: 'open', unitId: input.unitId, queueRole: role, dueAt: due() };
  }

  function stepTask(t: c.OutgoingTask) {
    const d = subject.draft;
    return { ...t, subject: d.subject, urgency: d.urgency, fromText: input.author.displayName };
  }

  function due(): string {
    const within = subject.draft.within ? new Date(subject.draft.within) : undefined;
    return computeDueAt({ urgency: subject.draft.urgency as Urgency, from: new Date(), within }).toISOString();
  }

  function setStage(stage: c.OutgoingStage): void {
    state.stage = stage;
    upsertSearchAttributes([{ key: STAGE, value: stage }]);
  }
}

function today(): string {
  return bangkokDateOf(new Date());
}

function stageOf(task: c.OutgoingTask): c.OutgoingStage {
  return task.type === 'sign' ? 'signing' : 'review';
}

function paperOf(d: RolloutDecision): { paperReason?: string; paperReasonCode?: string } {
  return d.medium === 'paper' && d.reason ? { paperReason: d.reason.th, paperReasonCode: d.reason.code } : {};
}

/** An activity's coded refusal (NO_SIGNER, NOT_ON_CHAIN …) surfaces as the update's failure with the same code. */
function codedFailure(error: unknown): unknown {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) {
    const cause = error.cause;
    const code = cause.type && cause.type in TASK_ERRORS ? cause.type : 'ACTION_NOT_ALLOWED';
    return ApplicationFailure.nonRetryable(cause.message, code, { cause: cause.type });
  }
  return error;
}
