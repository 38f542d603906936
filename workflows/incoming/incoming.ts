import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { bangkokDateOf, computeDueAt, decide, type Urgency } from '../../domain';
import { createMutex } from '../shared/mutex';
import { STAGE } from '../shared/search-attributes';
import { canWork, type Actor, type WorkflowTask } from '../shared/tasks';
import * as c from './contract';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: ['INVALID_INPUT'] },
});

/** The life of a received document: register (number, stamp, register row) → triage → act → close. */
export async function incomingDocument(input: c.IncomingInput): Promise<c.IncomingResult> {
  const state: c.IncomingState = { stage: 'registering', tasks: {} };
  const exclusive = createMutex();
  const { workflowId } = workflowInfo();
  setHandler(c.stateQuery, () => state);
  setHandler(c.registrationUpdate, async () => {
    await condition(() => state.registration !== undefined);
    return state.registration!;
  });
  setHandler(
    c.taskActionUpdate,
    (request) => {
      state.tasks[request.taskId].status = 'closing'; // a second action on this task is refused from here on
      return exclusive(() => applyAction(request));
    },
    { validator: (request) => validateAction(state, request) },
  );

  const decision = decide({
    capability: 'receive',
    unitId: input.unitId,
    date: bangkokDateOf(new Date(input.receivedAt)),
    secrecy: input.fields.secrecy as never,
    category: input.fields.category as never,
    kind: input.fields.kind as never,
    earlyAdoption: input.unitEarlyPhase ? { [input.unitId]: input.unitEarlyPhase } : undefined,
  });
  const registered = await acts.registerIncoming({
    documentId: input.documentId,
    workflowId,
    unitId: input.unitId,
    registeredBy: input.registeredBy,
    receivedAt: input.receivedAt,
    fields: input.fields,
    medium: decision.medium,
    paperReason: decision.reason?.th,
    paperReasonCode: decision.medium === 'paper' ? decision.reason?.code : undefined,
  });
  if (registered.medium === 'paper') {
    await setStage('paper', input.registeredBy, 'document.paper_only', { reason: registered.paperReason });
  } else {
    await openTasks([queueTask('triage', input.unitId, 'clerk')], 'triage', input.registeredBy, 'task.opened');
  }
  // Answered only now, so the clerk who registered it finds the triage task in the inbox at once.
  state.registration = registered;
  await condition(() => state.stage === 'closed' || state.stage === 'paper');
  await condition(allHandlersFinished);
  return { stage: state.stage };

  async function applyAction(request: c.TaskActionRequest): Promise<c.TaskActionResult> {
    const task = state.tasks[request.taskId];
    const close = { taskId: task.taskId, outcome: request.action, comment: request.comment };
    if (request.action === 'assign') {
      const next = personalTask('act', request.toUser!.id);
      await transition('assigned', request.actor, 'task.assigned', [next], close, { to: request.toUser });
      return { stage: state.stage, nextTasks: [next] };
    }
    await transition('closed', request.actor, 'document.closed', [], close, {});
    return { stage: state.stage, nextTasks: [] };
  }

  function queueTask(type: WorkflowTask['type'], unitId: string, queueRole: string): WorkflowTask {
    return { taskId: uuid4(), type, status: 'open', unitId, queueRole, dueAt: dueFromNow() };
  }

  function personalTask(type: WorkflowTask['type'], userId: string): WorkflowTask {
    return { taskId: uuid4(), type, status: 'open', unitId: input.unitId, assigneeUserId: userId, dueAt: dueFromNow() };
  }

  function dueFromNow(): string {
    return computeDueAt({ urgency: input.fields.urgency as Urgency, from: new Date() }).toISOString();
  }

  async function openTasks(tasks: WorkflowTask[], stage: string, actor: Actor, action: string): Promise<void> {
    await transition(stage, actor, action, tasks, undefined, {});
  }

  async function setStage(
    stage: string,
    actor: Actor,
    action: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await transition(stage, actor, action, [], undefined, details);
  }

  async function transition(
    stage: string,
    actor: Actor,
    action: string,
    open: WorkflowTask[],
    close: { taskId: string; outcome: string; comment?: string } | undefined,
    details: Record<string, unknown>,
  ): Promise<void> {
    await acts.recordTransition({
      stepId: uuid4(),
      documentId: input.documentId,
      workflowId,
      stage,
      actor,
      action,
      details,
      close,
      open: open.map((t) => ({
        ...t,
        subject: input.fields.subject,
        urgency: input.fields.urgency,
        fromText: input.fields.senderName,
      })),
    });
    if (close) state.tasks[close.taskId].status = 'done';
    for (const t of open) state.tasks[t.taskId] = t;
    state.stage = stage;
    upsertSearchAttributes([{ key: STAGE, value: stage }]);
  }
}

/** Synchronous: a throw here rejects the update before anything enters history. */
function validateAction(state: c.IncomingState, request: c.TaskActionRequest): void {
  const task = state.tasks[request.taskId];
  if (!task || task.status !== 'open') {
    throw ApplicationFailure.nonRetryable('This task is no longer open (งานนี้ดำเนินการไปแล้ว)', 'TASK_NOT_OPEN');
  }
  if (!canWork(task, request.actor)) {
    throw ApplicationFailure.nonRetryable('This task is not yours (งานนี้ไม่ใช่ของท่าน)', 'NOT_TASK_HOLDER');
  }
  if (!c.INCOMING_ACTIONS[task.type].includes(request.action)) {
    throw ApplicationFailure.nonRetryable(
      `Action ${request.action} is not available on a ${task.type} task`,
      'ACTION_NOT_ALLOWED',
    );
  }
  if (request.action === 'assign' && !request.toUser) {
    throw ApplicationFailure.nonRetryable('assign needs toUserId', 'INVALID_ACTION_INPUT');
  }
}
