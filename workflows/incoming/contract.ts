import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, TaskAction, TaskType, WorkflowTask } from '../shared/tasks';
import type { TaskTiming } from '../shared/timing';

/** The fields of a received document, as the clerk typed them. */
export interface IncomingFields {
  subject: string;
  kind: string;
  urgency: string;
  secrecy: string;
  category: string;
  senderName: string;
  senderNumber?: string;
  senderDate?: string;
  toText?: string;
  note?: string;
  fileSha256?: string;
  fileName?: string;
}

/** Input of the incoming life (รับหนังสือ). */
export interface IncomingInput {
  documentId: string;
  /** The registry unit receiving the document. */
  unitId: string;
  /** The unit's early-adoption phase, if it adopted ahead of the plan. */
  unitEarlyPhase?: number;
  registeredBy: Actor;
  /** ISO instant the document was received (defaults to when the clerk registered it). */
  receivedAt: string;
  fields: IncomingFields;
  /** Due times and the escalation ladder (config/env.ts); absent: the real-scale defaults. */
  timing?: TaskTiming;
  /** Set when another unit forwarded the document here: its life is told the new receipt by a signal. */
  forwardedFrom?: { documentId: string; workflowId: string; unitId: string; receiptText?: string };
  /** Also continue as new after this many steps (the server's suggestion always applies). */
  continueAsNewAfterSteps?: number;
  /** The API request that registered the document (`X-Request-Id`): in the registration's audit row. */
  requestId?: string;
  /** The state carried over by continue-as-new. */
  resume?: IncomingState;
}

/** The receipt as the API answers it. */
export interface Receipt {
  number: number;
  year: number;
  receivedAt: string;
  text: string;
}

/** What the registration produced: number, medium and, when on paper, why. */
export interface Registration {
  id: string;
  workflowId: string;
  medium: 'electronic' | 'paper';
  paperReason?: string;
  paperReasonCode?: string;
  receipt: Receipt;
}

/** Result of the whole life. */
export interface IncomingResult {
  stage: string;
}

/** A person the org look-ups name: id, name, registry unit and the title they act under. */
export interface PersonRef {
  id: string;
  displayName: string;
  unitId: string;
  positionTitle: string;
}

/** One level of a proposal (domain `chainOfCommand`), resolved for the day by the planProposal activity. */
export interface PlanStep {
  positionId: string;
  positionTitle: string;
  executive: boolean;
  /** Who acts at this level that day (the acting official when there is one); absent when the post is empty. */
  user?: PersonRef;
  actingKind?: string;
  /** True when the paper original must follow to this executive (domain `needsPaperFollowUp`). */
  paperFollowUp: boolean;
  registrar?: PersonRef;
}

/** The actor as the API sends it: with the position a proposal starts from and the title minutes are written under. */
export type IncomingActor = Actor & { positionId?: string; positionTitle?: string };

/** A person's step on one of the document's tasks. */
export interface TaskActionRequest {
  taskId: string;
  action: TaskAction;
  actor: IncomingActor;
  comment?: string;
  /** The API request of the step (`X-Request-Id`); optional, so histories recorded before it still replay. */
  requestId?: string;
  /** For assign (a person, or the head of a section) and delegation: resolved and checked by the API. */
  toUser?: { id: string; displayName: string; unitId?: string };
  /** For assign to a section: the section; for forward: the other registry unit. */
  toUnit?: { id: string; name: string; earlyPhase?: number };
  /** For propose: the position the proposal climbs to (checked by the API to be on the chain). */
  toPositionId?: string;
}

/** The document's new stage and the tasks the step opened. */
export interface TaskActionResult {
  stage: string;
  nextTasks: WorkflowTask[];
  /** For forward: the new document in the other unit, with its own receipt. */
  forwarded?: { documentId: string; workflowId: string; receipt: Receipt };
}

/** A task as the life keeps it: the read model's fields plus its escalation level and what it is part of. */
export interface LifeTask extends WorkflowTask {
  escalationLevel: number;
  /** For a review task: the proposal round and the level it stands for. */
  round?: number;
  level?: number;
}

/** The proposal in progress: who proposed, the levels, and where it stands. */
export interface ProposalRound {
  number: number;
  proposer: { id: string; displayName: string; unitId: string };
  steps: PlanStep[];
  /** Index in `steps` of the level holding it now (-1 before the first). */
  index: number;
}

/** What a query sees of the life now (also the state continue-as-new carries). */
export interface IncomingState {
  stage: string;
  registration?: Registration;
  tasks: Record<string, LifeTask>;
  round?: ProposalRound;
  rounds?: number;
  /** receivedAt minus the first run's start: the policy day of a step is the received day moved on by elapsed time. */
  clockOffsetMs?: number;
  steps?: number;
  paperFollowUps?: string[];
}

/** Waits for the registration and returns it (the API's answer to POST /api/documents/incoming). */
export const registrationUpdate = defineUpdate<Registration>('registration');
/** A human step on one of the document's tasks; the validator rejects stale, foreign and unknown actions. */
export const taskActionUpdate = defineUpdate<TaskActionResult, [TaskActionRequest]>('taskAction');
export const stateQuery = defineQuery<IncomingState>('state');
/** A forwarded document's new life tells the life it came from its registration (the new receipt). */
export const forwardRegisteredSignal = defineSignal<[Registration]>('forwardRegistered');

/** Workflow id: the business key of the document. */
export function incomingWorkflowId(documentId: string): string {
  return `doc-${documentId}`;
}

/** Which actions each task type offers in this life (claim only on a unit's queue task). */
export const INCOMING_ACTIONS: Record<TaskType, TaskAction[]> = {
  triage: ['claim', 'assign', 'forward', 'close'],
  act: ['assign', 'propose', 'close'],
  review: ['annotate', 'approve', 'return', 'propose'],
  register_paper: ['register_paper'],
};

/** Actions that must carry a comment: a minute or the reason for returning. */
export const COMMENT_REQUIRED: TaskAction[] = ['annotate', 'return'];

/** The stages where a life has ended. */
export const FINAL_STAGES = ['closed', 'forwarded', 'paper'];

// ---- Paper follow-up (a child of the incoming life) ----

/** Input of the paper follow-up: the executive, their clerk and the document. */
export interface PaperFollowUpInput {
  documentId: string;
  parentWorkflowId: string;
  subject: string;
  urgency: string;
  fromText?: string;
  executive: { positionId: string; title: string };
  registrar: PersonRef;
  timing?: TaskTiming;
  clockOffsetMs: number;
}

/** How the follow-up ended. */
export interface PaperFollowUpResult {
  outcome: 'register_paper' | 'paper_arrived';
  receipt: { number: number; year: number; text: string };
}

/** The paper original has arrived (e.g. the mail room scanned it): closes the clerk's task like register_paper. */
export const paperArrivedSignal = defineSignal<[{ note?: string }?]>('paperArrived');

/** Workflow id of a paper follow-up: the document and the executive's position. */
export function paperFollowUpWorkflowId(documentId: string, positionId: string, round: number): string {
  return `paper-${documentId}-${positionId}-${round}`;
}
