import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, TaskAction } from '../shared/tasks';
import type { TaskTiming } from '../shared/timing';

/** A recipient as the API resolved it: a BMA registry unit, or a body outside the BMA reached by e-mail. */
export type Recipient =
  { type: 'unit'; unitId: string; name: string } | { type: 'external'; name: string; email: string };

/** A stored file attached to a draft. */
export interface AttachmentRef {
  name: string;
  sha256: string;
}

/** What one version of a draft holds (every version is kept in `document_versions`). */
export interface DraftContent {
  kind: string;
  subject: string;
  urgency: string;
  secrecy: string;
  category: string;
  /** "ด่วนภายใน": a hard deadline (ISO). */
  within?: string;
  recipients: Recipient[];
  /** The author's parts of the kind (domain `kindBodySchema`); never kept for ลับที่สุด. */
  body?: Record<string, unknown>;
  attachments?: AttachmentRef[];
}

/** Input of the outgoing life (สร้าง–เสนอ–ลงนาม–ส่ง). */
export interface OutgoingInput {
  documentId: string;
  /** The author's registry unit: it numbers and sends the document. */
  unitId: string;
  unitEarlyPhase?: number;
  author: Actor;
  authorPositionId: string;
  draft: DraftContent;
  /** Due times and the escalation ladder of tasks (config/env.ts); absent: the real-scale defaults. */
  timing?: TaskTiming;
  /** The API request that started the life (`X-Request-Id`): in the audit rows of the steps it caused. */
  requestId?: string;
}

/** Every human update carries the API's request id (optional: histories recorded before it still replay). */
export interface Traced {
  requestId?: string;
}

/** Where the life is. `numbered`: signed and numbered, waiting for the clerk to send it. */
export type OutgoingStage =
  | 'creating'
  | 'draft'
  | 'returned'
  | 'review'
  | 'signing'
  | 'numbered'
  | 'sending'
  | 'sent'
  | 'withdrawn'
  | 'cancelled'
  | 'paper';

/** The kinds of human task of this life. */
export type OutgoingTaskType = 'draft' | 'review' | 'sign' | 'dispatch';

/** Which actions each task type offers. `propose` on a draft task submits it, like `POST …/submit`. */
export const OUTGOING_ACTIONS: Record<OutgoingTaskType, TaskAction[]> = {
  draft: ['propose'],
  review: ['approve', 'return'],
  sign: ['sign', 'return'],
  dispatch: ['send'],
};

/** A human task as this life keeps it (the inbox row is its read model). */
export interface OutgoingTask {
  taskId: string;
  type: OutgoingTaskType;
  status: 'open' | 'closing' | 'done';
  unitId: string;
  queueRole?: string;
  assigneeUserId?: string;
  dueAt?: string;
  /** 0 none, 1 reminded, 2 flagged overdue, 3 moved or exhausted. */
  escalationLevel?: number;
}

/** One step of the review route: the position and who acts in it (the acting official when one is in force). */
export interface RouteStep {
  positionId: string;
  title: string;
  userId: string;
  displayName: string;
  acting?: string;
}

/** The route of a submission: reviewers in order, then the signer. */
export interface ReviewRoute {
  reviewers: RouteStep[];
  signer: RouteStep;
}

/** The document's number as api.md gives it: `{ value, code: "กท 9511/12", text: "กท ๙๕๑๑/๑๒" }`. */
export interface IssuedNumber {
  register: string;
  value: number;
  year: number;
  code: string;
  text: string;
}

/** The answer to `POST /api/documents`. */
export interface DraftCreated {
  id: string;
  workflowId: string;
  stage: OutgoingStage;
  medium: 'electronic' | 'paper';
  version: number;
  paperReason?: string;
  paperReasonCode?: string;
  /** A document made on paper is registered at once: its number from the dispatch register (ลับที่สุด: the secret one). */
  number?: IssuedNumber;
}

/** A person's step on a task of this life (same shape as every life's `taskAction`). */
export interface TaskActionRequest {
  taskId: string;
  action: TaskAction;
  actor: Actor;
  comment?: string;
  requestId?: string;
}

/** The document's new stage and the tasks the step opened. */
export interface TaskActionResult {
  stage: string;
  nextTasks: OutgoingTask[];
}

/** What a query sees of the life now. */
export interface OutgoingState {
  stage: OutgoingStage;
  version: number;
  tasks: Record<string, OutgoingTask>;
  route?: ReviewRoute;
  /** Index of the reviewer whose task is open (route.reviewers.length = the signer). */
  routeIndex: number;
  number?: IssuedNumber;
  signedBy?: string;
  created?: DraftCreated;
}

/** Waits for the draft to be stored and answers `POST /api/documents`. */
export const createdUpdate = defineUpdate<DraftCreated>('created');
/** The author saves a new version of the draft (while it is a draft or returned for revision). */
export const reviseUpdate = defineUpdate<
  { version: number; stage: string },
  [{ actor: Actor; draft: DraftContent } & Traced]
>('revise');
/** The author proposes the draft up the chain (to the signer at `toPositionId`, else the head of the unit). */
export const submitUpdate = defineUpdate<TaskActionResult, [{ actor: Actor; toPositionId?: string } & Traced]>(
  'submit',
);
/** A human step on one of the document's tasks. */
export const taskActionUpdate = defineUpdate<TaskActionResult, [TaskActionRequest]>('taskAction');
/** The author withdraws the document before it is signed. */
export const withdrawUpdate = defineUpdate<{ stage: string }, [{ actor: Actor; comment?: string } & Traced]>(
  'withdraw',
);
/** Cancels a numbered document before it is sent: the number stays in its register, marked ยกเลิก. */
export const cancelUpdate = defineUpdate<{ stage: string }, [{ actor: Actor; reason: string } & Traced]>('cancel');
export const stateQuery = defineQuery<OutgoingState>('state');

/** Workflow id: the business key of the outgoing document. */
export function outgoingWorkflowId(documentId: string): string {
  return `out-${documentId}`;
}

/** True when a workflow id is an outgoing life's. */
export function isOutgoingWorkflowId(workflowId: string): boolean {
  return workflowId.startsWith('out-');
}

/** Stages at which the life has ended. */
export const FINAL_STAGES: OutgoingStage[] = ['sent', 'withdrawn', 'cancelled', 'paper'];

/** Stages at which the author may still revise or withdraw. */
export const EDITABLE_STAGES: OutgoingStage[] = ['draft', 'returned'];

/** Stages before signing, when the author may withdraw. */
export const WITHDRAWABLE_STAGES: OutgoingStage[] = ['draft', 'returned', 'review', 'signing'];
