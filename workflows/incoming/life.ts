import { getExternalWorkflowHandle, patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import {
  bangkokDateOf,
  decide,
  type Capability,
  type Category,
  type DocumentKind,
  type RolloutDecision,
  type Secrecy,
} from '../../domain';
import { PHASE, STAGE, UNIT, URGENCY } from '../shared/search-attributes';
import * as c from './contract';
import { acts, mirrorStep, newTask, step, transitionOf, type Engine, type Step } from './engine';
import { stampOnRegistration } from './stamp';

/** One document's life: its input, the state a query sees (and continue-as-new carries), and its task engine. */
export interface Life {
  input: c.IncomingInput;
  state: c.IncomingState & { forwardedTo?: c.Registration };
  engine: Engine;
}

/** Builds the life of a new run: from the carried state after continue-as-new, else from scratch. */
export function createLife(input: c.IncomingInput): Life {
  const state: Life['state'] = input.resume ?? {
    stage: 'registering',
    tasks: {},
    steps: 0,
    // Workflow time is deterministic: the offset is fixed by the first run's first activation.
    clockOffsetMs: Date.parse(input.receivedAt) - Date.now(),
  };
  const counter = {
    get steps() {
      return state.steps ?? 0;
    },
    set steps(n: number) {
      state.steps = n;
    },
  };
  const engine: Engine = {
    documentId: input.documentId,
    workflowId: workflowInfo().workflowId,
    subject: input.fields.subject,
    urgency: input.fields.urgency,
    fromText: input.fields.senderName,
    timing: input.timing,
    tasks: state.tasks,
    counter,
    day: () => bangkokDateOf(stepInstant(state)),
    onStage: (stage) => (state.stage = stage),
  };
  return { input, state, engine };
}

/** The state the next run starts from: finished tasks stay in history and the read model, not in the carried state. */
export function carriedState(state: Life['state']): c.IncomingState {
  const tasks = Object.fromEntries(Object.entries(state.tasks).filter(([, t]) => t.status !== 'done'));
  return { ...state, tasks };
}

/**
 * The instant the rollout policy and the org look-ups see for a step taken now: the day the document was received,
 * moved on by the time elapsed since it was registered. At the real scale this is today; a document registered
 * with an earlier receivedAt (a paper that came in before, a test of a phase boundary) keeps its own calendar.
 */
export function stepInstant(state: c.IncomingState): Date {
  return new Date(Date.now() + (state.clockOffsetMs ?? 0));
}

/** The rollout decision for a capability of this document's unit on the step's day (domain `decide`). */
export function decideStep(life: Life, capability: Capability): RolloutDecision {
  const { input } = life;
  return decide({
    capability,
    unitId: input.unitId,
    date: bangkokDateOf(stepInstant(life.state)),
    secrecy: input.fields.secrecy as Secrecy,
    category: input.fields.category as Category,
    kind: input.fields.kind as DocumentKind,
    ...(input.unitEarlyPhase ? { earlyAdoption: { [input.unitId]: input.unitEarlyPhase } } : {}),
  });
}

/** Marks lives whose registration writes its number and first step in one activity (registerIncoming). */
export const REGISTRATION_IN_ONE_WRITE = 'registration-in-one-write';

/** The life's first step: the clerk's triage task, or paper only (ลับที่สุด, or receiving not yet electronic). */
function firstStep(life: Life, on: { medium: string; paperReason?: string; paperReasonCode?: string }): Step {
  const { input, engine } = life;
  if (on.medium === 'paper') {
    // Registered in its register but never routed.
    const details = { reason: on.paperReason, reasonCode: on.paperReasonCode, capability: 'receive' };
    return { stage: 'paper', actor: input.registeredBy, action: 'document.paper_only', details };
  }
  const triage = newTask(engine, 'triage', { queue: { unitId: input.unitId, role: 'clerk' } });
  return { stage: 'triage', actor: input.registeredBy, action: 'task.opened', details: {}, open: [triage] };
}

/**
 * Registers the document (receipt number, register row), then opens the clerk's triage or stays on paper, answers the
 * registration, and stamps the received PDF.
 */
export async function register(life: Life): Promise<void> {
  const { input, state, engine } = life;
  const decision = decideStep(life, 'receive');
  upsertSearchAttributes([
    { key: STAGE, value: 'registering' },
    { key: URGENCY, value: input.fields.urgency },
    { key: UNIT, value: input.unitId },
    { key: PHASE, value: decision.phase },
  ]);
  const registration = {
    documentId: input.documentId,
    workflowId: engine.workflowId,
    unitId: input.unitId,
    registeredBy: input.registeredBy,
    receivedAt: input.receivedAt,
    fields: input.fields,
    medium: decision.medium,
    paperReason: decision.reason?.th,
    paperReasonCode: decision.medium === 'paper' ? decision.reason?.code : undefined,
    ...(input.forwardedFrom || input.requestId
      ? {
          auditDetails: {
            ...(input.forwardedFrom ? { forwardedFrom: input.forwardedFrom } : {}),
            ...(input.requestId ? { requestId: input.requestId } : {}),
          },
        }
      : {}),
  };
  let registered: c.Registration;
  if (patched(REGISTRATION_IN_ONE_WRITE)) {
    // The first step is known before the number is taken (the medium is the policy's decision), so both are written
    // in one transaction by one activity: the clerk's answer waits for two workflow tasks and one activity instead of
    // three and two. Not a local activity: a database that hangs would then hold the workflow task past its timeout,
    // and Temporal refuses every Update to a workflow whose task has failed (the database-outage test).
    const first = firstStep(life, registration);
    registered = await acts.registerIncoming({ ...registration, firstStep: transitionOf(engine, first) });
    mirrorStep(engine, first);
  } else {
    // Lives that registered before REGISTRATION_IN_ONE_WRITE replay their two activities.
    registered = await acts.registerIncoming(registration);
    await step(engine, firstStep(life, registered));
  }
  // Answered only now, so the clerk who registered it finds the triage task in the inbox at once.
  state.registration = registered;
  if (input.forwardedFrom) {
    // The life it came from waits for the new receipt to record both; it may be gone after a restart of history.
    await getExternalWorkflowHandle(input.forwardedFrom.workflowId)
      .signal(c.forwardRegisteredSignal, registered)
      .catch(() => undefined);
  }
  await stampOnRegistration(life);
}
