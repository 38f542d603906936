import { condition, startChild, uuid4 } from '@temporalio/workflow';
import * as c from './contract';
import { closing, step } from './engine';
import { decideStep, stepInstant, type Life } from './life';
import type { incomingDocument } from './incoming';

/**
 * Triage: forward to another unit. When sending between units is electronic for this unit that day (capability
 * `inter_unit`), the other unit gets a new incoming life of its own, with its own receipt number in its own register,
 * and this life records both numbers; otherwise the forward is recorded as done on paper, with the reason.
 */
export async function forward(life: Life, task: c.LifeTask, r: c.TaskActionRequest): Promise<c.TaskActionResult> {
  const { input, state, engine } = life;
  const toUnit = r.toUnit!;
  const decision = decideStep(life, 'inter_unit');
  if (decision.medium === 'paper') {
    const reason = decision.reason!;
    await step(engine, {
      stage: 'forwarded',
      actor: r.actor,
      action: 'document.forwarded_on_paper',
      details: { toUnit, capability: 'inter_unit', reason: reason.th, reasonCode: reason.code, phase: decision.phase },
      close: closing(task, r),
      paper: { code: reason.code, reason: reason.th },
    });
    return { stage: 'forwarded', nextTasks: [] };
  }
  const documentId = uuid4();
  const workflowId = c.incomingWorkflowId(documentId);
  await startChild<typeof incomingDocument>('incomingDocument', {
    workflowId,
    // The new document lives on its own: closing this one must not end it.
    parentClosePolicy: 'ABANDON',
    args: [
      {
        documentId,
        unitId: toUnit.id,
        ...(toUnit.earlyPhase ? { unitEarlyPhase: toUnit.earlyPhase } : {}),
        registeredBy: r.actor,
        receivedAt: stepInstant(state).toISOString(),
        fields: input.fields,
        ...(input.timing ? { timing: input.timing } : {}),
        forwardedFrom: {
          documentId: input.documentId,
          workflowId: engine.workflowId,
          unitId: input.unitId,
          ...(state.registration ? { receiptText: state.registration.receipt.text } : {}),
        },
      },
    ],
  });
  await condition(() => state.forwardedTo?.id === documentId);
  const receipt = state.forwardedTo!.receipt;
  await step(engine, {
    stage: 'forwarded',
    actor: r.actor,
    action: 'document.forwarded',
    details: { toUnit, documentId, workflowId, receipt },
    close: closing(task, r),
  });
  return { stage: 'forwarded', nextTasks: [], forwarded: { documentId, workflowId, receipt } };
}
