import { allHandlersFinished, condition, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import { bangkokDateOf } from '../../domain';
import { createMutex } from '../shared/mutex';
import { reassignTaskUpdate } from '../shared/reassign';
import type { Actor } from '../shared/tasks';
import { reassign } from './actions';
import * as c from './contract';
import { acts, guarded, newTask, step, SYSTEM, type Engine } from './engine';
import { waitOrEscalate } from './escalation';
import { validateAction, validateReassign } from './validate';

/**
 * Paper follow-up (a child of the incoming life): a proposal went electronically to an executive, so the paper
 * original follows. The executive's clerk gets a `register_paper` task, reminded and escalated like any task, until
 * the clerk registers the paper's arrival (an Update) or the paper-arrived signal comes; either takes a number in the
 * clerk's receipt register.
 */
export async function paperFollowUp(input: c.PaperFollowUpInput): Promise<c.PaperFollowUpResult> {
  const tasks: Record<string, c.LifeTask> = {};
  const engine: Engine = {
    documentId: input.documentId,
    workflowId: workflowInfo().workflowId,
    subject: input.subject,
    urgency: input.urgency,
    ...(input.fromText ? { fromText: input.fromText } : {}),
    ...(input.timing ? { timing: input.timing } : {}),
    tasks,
    counter: { steps: 0 },
    day: () => bangkokDateOf(new Date(Date.now() + input.clockOffsetMs)),
  };
  const exclusive = createMutex();
  let result: c.PaperFollowUpResult | undefined;
  const stage = () => (result ? 'paper_registered' : 'paper_pending');

  setHandler(c.stateQuery, () => ({ stage: stage(), tasks }));
  setHandler(
    c.taskActionUpdate,
    async (r) => {
      await guarded(engine, r.taskId, exclusive, (task) => registerPaper(task, r.actor, 'register_paper'), r.requestId);
      return { stage: stage(), nextTasks: [] };
    },
    { validator: (r) => validateAction({ tasks }, r) },
  );
  setHandler(
    reassignTaskUpdate,
    (r) => guarded(engine, r.taskId, exclusive, (task) => reassign(engine, task, r, stage), r.requestId),
    { validator: (r) => validateReassign({ tasks }, r) },
  );
  let arrived = false;
  const onArrival = async () => {
    const open = Object.values(tasks).find((t) => t.status === 'open');
    if (open && !result)
      await guarded(engine, open.taskId, exclusive, (t) => registerPaper(t, SYSTEM, 'paper_arrived'));
  };
  setHandler(c.paperArrivedSignal, async () => {
    arrived = true;
    await onArrival();
  });

  const first = newTask(engine, 'register_paper', { user: input.registrar });
  await step(engine, {
    actor: SYSTEM,
    action: 'paper.requested',
    details: { executive: input.executive, registrar: input.registrar, workflowId: engine.workflowId },
    open: [first],
  });
  if (arrived) await onArrival(); // the signal came before the task was open
  while (!result) await waitOrEscalate(engine, exclusive, () => result !== undefined);
  await condition(allHandlersFinished);
  return result;

  async function registerPaper(task: c.LifeTask, actor: Actor, outcome: c.PaperFollowUpResult['outcome']) {
    const receipt = await acts.registerPaperOriginal({
      stepId: uuid4(),
      workflowId: engine.workflowId,
      documentId: input.documentId,
      taskId: task.taskId,
      actor,
      unitId: task.unitId,
      subject: input.subject,
      ...(input.fromText ? { fromText: input.fromText } : {}),
      executiveTitle: input.executive.title,
      outcome,
    });
    task.status = 'done';
    engine.counter.steps++;
    result = { outcome, receipt };
  }
}
