import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, TaskAction, WorkflowTask } from '../shared/tasks';

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

/** A person's step on one of the document's tasks. */
export interface TaskActionRequest {
  taskId: string;
  action: TaskAction;
  actor: Actor;
  comment?: string;
  /** For assign: the user (already checked by the API to belong to the task's unit). */
  toUser?: { id: string; displayName: string };
}

/** The document's new stage and the tasks the step opened. */
export interface TaskActionResult {
  stage: string;
  nextTasks: WorkflowTask[];
}

/** What a query sees of the life now. */
export interface IncomingState {
  stage: string;
  registration?: Registration;
  tasks: Record<string, WorkflowTask>;
}

/** Waits for the registration and returns it (the API's answer to POST /api/documents/incoming). */
export const registrationUpdate = defineUpdate<Registration>('registration');
/** A human step on one of the document's tasks; the validator rejects stale, foreign and unknown actions. */
export const taskActionUpdate = defineUpdate<TaskActionResult, [TaskActionRequest]>('taskAction');
export const stateQuery = defineQuery<IncomingState>('state');

/** Workflow id: the business key of the document. */
export function incomingWorkflowId(documentId: string): string {
  return `doc-${documentId}`;
}

/** Which actions each task type offers in this life. */
export const INCOMING_ACTIONS: Record<WorkflowTask['type'], TaskAction[]> = {
  triage: ['assign', 'close'],
  act: ['close'],
};
