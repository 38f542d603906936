import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { bangkokDateOf } from '../../domain';
import { createMutex } from '../shared/mutex';
import { canActOn } from '../shared/tasks';
import * as c from './contract';
import { nextRung, type Rung } from './ladder';

const acts = proxyActivities<Activities>({
  // One database transaction of milliseconds: when a worker dies mid-activity, Temporal retries it elsewhere after
  // this long, so it is short (a retry applies the step once: step ids, keyed allocations).
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: ['INVALID_INPUT'] },
});
const delivery = proxyActivities<Activities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/**
 * One batch of a circular's fan-out: delivers to its units (acknowledge tasks in their clerk queues), takes their
 * acknowledgements, reminds laggards, then gives each unit's head a task of their own, and finally records the silent
 * ones as not acknowledged. Continues as new when its history grows long.
 */
export async function circularBatch(input: c.BatchInput): Promise<c.BatchResult> {
  const { workflowId } = workflowInfo();
  const settings = input.settings;
  const exclusive = createMutex();
  let state: c.BatchState = input.resume ?? initialState(input);
  setHandler(c.batchStateQuery, () => state);
  setHandler(
    c.taskActionUpdate,
    (r) => {
      state.tasks[r.taskId].status = 'closing';
      return exclusive(() => acknowledge(r));
    },
    { validator: (r) => validateAcknowledge(state, r) },
  );

  if (!input.resume) {
    // Through the mutex: an acknowledgement that arrives while the batch is still being written waits for it.
    await exclusive(() =>
      delivery.deliverCircularBatch({
        documentId: input.documentId,
        workflowId,
        senderName: input.senderName,
        subject: input.subject,
        urgency: input.urgency,
        dueAt: new Date(Date.now() + settings.remindAfterSeconds * 1000).toISOString(),
        units: Object.values(state.tasks).map((t) => ({ unitId: t.unitId, taskId: t.taskId })),
      }),
    );
    state = { ...state, deliveredAt: new Date().toISOString() };
  }

  const tooLong = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > settings.continueAsNewEvents;
  while (state.pending.length > 0 && !state.closed) {
    const next = nextRung(state, settings);
    const woke = await condition(() => state.pending.length === 0 || tooLong(), Math.max(1, next.at - Date.now()));
    if (state.pending.length === 0) break;
    if (woke) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof circularBatch>({ ...input, resume: state });
    }
    await exclusive(() => climb(next.rung));
  }
  await condition(allHandlersFinished);
  return { acknowledged: state.acknowledged, expired: state.closed ? state.pending.length : 0 };

  async function acknowledge(r: c.TaskActionRequest): Promise<c.TaskActionResult> {
    const task = state.tasks[r.taskId];
    if (!state.pending.includes(task.unitId)) {
      task.status = 'done';
      throw ApplicationFailure.nonRetryable('The unit has already acknowledged (รับทราบแล้ว)', 'TASK_NOT_OPEN');
    }
    const open = Object.values(state.tasks).filter((t) => t.unitId === task.unitId && t.status !== 'done');
    await acts.acknowledgeCircular({
      stepId: uuid4(),
      documentId: input.documentId,
      workflowId,
      unitId: task.unitId,
      actor: r.actor,
      taskIds: open.map((t) => t.taskId),
      ...(r.requestId ? { requestId: r.requestId } : {}),
    });
    for (const t of open) t.status = 'done';
    state.pending = state.pending.filter((u) => u !== task.unitId);
    state.acknowledged++;
    return { stage: 'circulating', nextTasks: [] };
  }

  async function climb(rung: Rung): Promise<void> {
    const step = { stepId: uuid4(), documentId: input.documentId, workflowId };
    const laggards = state.pending;
    const openTasks = Object.values(state.tasks).filter((t) => t.status === 'open' && laggards.includes(t.unitId));
    if (rung === 'remind') {
      const round = state.reminders + 1;
      await acts.remindCircularLaggards({ ...step, unitIds: laggards, taskIds: openTasks.map((t) => t.taskId), round });
      state.reminders = round;
    } else if (rung === 'escalate') {
      const assigned = await acts.escalateCircularLaggards({
        ...step,
        date: bangkokDateOf(new Date()),
        laggards: laggards.map((unitId) => ({ unitId, taskId: uuid4() })),
        subject: input.subject,
        urgency: input.urgency,
        fromText: input.senderName,
        dueAt: new Date(Date.parse(state.deliveredAt) + settings.closeAfterSeconds * 1000).toISOString(),
      });
      for (const a of assigned) {
        state.tasks[a.taskId] = {
          taskId: a.taskId,
          type: 'acknowledge',
          status: 'open',
          unitId: a.unitId,
          assigneeUserId: a.assigneeUserId,
        };
      }
      state.escalated = true;
    } else {
      await acts.expireCircularLaggards({ ...step, unitIds: laggards, taskIds: openTasks.map((t) => t.taskId) });
      for (const t of openTasks) t.status = 'done';
      state.closed = true;
    }
  }
}

function initialState(input: c.BatchInput): c.BatchState {
  const tasks: Record<string, c.AckTask> = {};
  for (const u of input.units) {
    const taskId = uuid4();
    tasks[taskId] = { taskId, type: 'acknowledge', status: 'open', unitId: u.unitId, queueRole: 'clerk' };
  }
  return {
    deliveredAt: new Date().toISOString(),
    tasks,
    pending: input.units.map((u) => u.unitId),
    acknowledged: 0,
    reminders: 0,
    escalated: false,
    closed: false,
  };
}

/** Synchronous: only an open task of a unit that has not acknowledged, by someone who may work it. */
function validateAcknowledge(state: c.BatchState, r: c.TaskActionRequest): void {
  const task = state.tasks[r.taskId];
  if (!task || task.status !== 'open' || state.closed || !state.pending.includes(task.unitId)) {
    throw ApplicationFailure.nonRetryable('This task is no longer open (งานนี้ดำเนินการไปแล้ว)', 'TASK_NOT_OPEN');
  }
  if (!canActOn(task, r.actor)) {
    throw ApplicationFailure.nonRetryable('This task is not yours (งานนี้ไม่ใช่ของท่าน)', 'NOT_TASK_HOLDER');
  }
  if (!c.CIRCULAR_ACTIONS[task.type].includes(r.action)) {
    throw ApplicationFailure.nonRetryable(
      `Action ${r.action} is not available on an acknowledge task`,
      'ACTION_NOT_ALLOWED',
    );
  }
}
