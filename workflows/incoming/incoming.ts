import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { createMutex } from '../shared/mutex';
import { reassignTaskUpdate } from '../shared/reassign';
import { applyAction, reassign } from './actions';
import * as c from './contract';
import { guarded } from './engine';
import { waitOrEscalate } from './escalation';
import { carriedState, createLife, register } from './life';
import { validateAction, validateReassign } from './validate';

/**
 * The life of a received document (รับหนังสือ): register (number, stamp, register row) → the clerk triages (claim,
 * assign to a person or a section, forward to another unit, or close) → the holder acts, delegates, or proposes up
 * the chain of command → each level writes its minute and sends on, approves or returns → the decision comes back
 * down → close and file. Every open task is reminded, flagged overdue and moved up on its ladder; every step asks
 * the rollout policy first. See workflows/incoming/*.ts for each part.
 */
export async function incomingDocument(input: c.IncomingInput): Promise<c.IncomingResult> {
  const life = createLife(input);
  const { state, engine } = life;
  const exclusive = createMutex();
  const finished = () => c.FINAL_STAGES.includes(state.stage);
  const stepsAtStart = state.steps ?? 0;

  setHandler(c.stateQuery, () => state);
  setHandler(c.registrationUpdate, async () => {
    await condition(() => state.registration !== undefined);
    return state.registration!;
  });
  setHandler(
    c.taskActionUpdate,
    (r) => guarded(engine, r.taskId, exclusive, (task) => applyAction(life, task, r), r.requestId),
    {
      validator: (r) => validateAction(state, r),
    },
  );
  setHandler(
    reassignTaskUpdate,
    (r) => guarded(engine, r.taskId, exclusive, (task) => reassign(engine, task, r, () => state.stage), r.requestId),
    { validator: (r) => validateReassign(state, r) },
  );
  setHandler(c.forwardRegisteredSignal, (registration) => {
    state.forwardedTo = registration;
  });

  if (!state.registration) await register(life);
  while (!finished()) {
    await waitOrEscalate(engine, exclusive, finished);
    const tooLong = input.continueAsNewAfterSteps && (state.steps ?? 0) - stepsAtStart >= input.continueAsNewAfterSteps;
    if (!finished() && (workflowInfo().continueAsNewSuggested || tooLong)) {
      await condition(allHandlersFinished);
      if (!finished()) return continueAsNew<typeof incomingDocument>({ ...input, resume: carriedState(state) });
    }
  }
  await condition(allHandlersFinished);
  return { stage: state.stage };
}
