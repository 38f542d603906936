import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { IssuedNumber } from '../outgoing/contract';
import type { Actor, TaskAction } from '../shared/tasks';

/**
 * Timing and size of a circular's fan-out, from configuration (config/env.ts `CIRCULAR_*`), so tests run the
 * reminder ladder in seconds.
 */
export interface CircularSettings {
  /** Recipient units per batch workflow. */
  batchSize: number;
  /** First reminder this long after delivery, then one every `remindEverySeconds`, `maxReminders` in all. */
  remindAfterSeconds: number;
  remindEverySeconds: number;
  maxReminders: number;
  /** After the reminders the laggard unit's head gets an acknowledge task; tracking ends this long after delivery. */
  closeAfterSeconds: number;
  /** A batch continues as new past this many history events. */
  continueAsNewEvents: number;
}

/** A recipient unit of a circular (a registry unit). */
export interface CircularRecipient {
  unitId: string;
  name: string;
}

/** Input of the circular life (หนังสือเวียน). */
export interface CircularInput {
  documentId: string;
  /** The sending registry unit: its ว series numbers the circular. */
  unitId: string;
  unitName: string;
  unitEarlyPhase?: number;
  author: Actor;
  fields: { kind: string; subject: string; urgency: string; secrecy: string; category: string };
  body?: unknown;
  file?: { sha256: string; name: string };
  recipients: CircularRecipient[];
  settings: CircularSettings;
  /** The API request that sent the circular (`X-Request-Id`): in the audit row of its registration. */
  requestId?: string;
}

/** The answer to `POST /api/circulars`. */
export interface CircularRegistration {
  id: string;
  workflowId: string;
  stage: string;
  medium: 'electronic' | 'paper';
  number: IssuedNumber | null;
  recipients: number;
  paperReason?: string;
  paperReasonCode?: string;
}

/** An acknowledge task: in the recipient unit's clerk queue, or, after escalation, held by the unit's head. */
export interface AckTask {
  taskId: string;
  type: 'acknowledge';
  status: 'open' | 'closing' | 'done';
  unitId: string;
  queueRole?: string;
  assigneeUserId?: string;
  dueAt?: string;
}

/** Where a batch is; carried across continue-as-new. */
export interface BatchState {
  deliveredAt: string;
  tasks: Record<string, AckTask>;
  /** Units that have not acknowledged yet. */
  pending: string[];
  acknowledged: number;
  reminders: number;
  escalated: boolean;
  closed: boolean;
}

/** Input of one batch of the fan-out. */
export interface BatchInput {
  documentId: string;
  parentWorkflowId: string;
  batch: number;
  senderName: string;
  subject: string;
  urgency: string;
  units: CircularRecipient[];
  settings: CircularSettings;
  /** Set when the batch continues as new. */
  resume?: BatchState;
}

/** What a batch ends with. */
export interface BatchResult {
  acknowledged: number;
  expired: number;
}

/** A person's step on an acknowledge task (the same shape as every life's `taskAction`). */
export interface TaskActionRequest {
  taskId: string;
  action: TaskAction;
  actor: Actor;
  comment?: string;
  /** The API request of the step (`X-Request-Id`); optional, so histories recorded before it still replay. */
  requestId?: string;
}

export interface TaskActionResult {
  stage: string;
  nextTasks: AckTask[];
}

/** Which actions each task type of this life offers. */
export const CIRCULAR_ACTIONS: Record<AckTask['type'], TaskAction[]> = { acknowledge: ['acknowledge'] };

/** Waits for the number and answers `POST /api/circulars`. */
export const registrationUpdate = defineUpdate<CircularRegistration>('registration');
/** A recipient acknowledges (รับทราบ): sent to the batch that holds the task. */
export const taskActionUpdate = defineUpdate<TaskActionResult, [TaskActionRequest]>('taskAction');
export const batchStateQuery = defineQuery<BatchState | undefined>('batchState');

/** Workflow id of the circular: the business key of the document. */
export function circularWorkflowId(documentId: string): string {
  return `circ-${documentId}`;
}

/** Workflow id of one batch of the fan-out (1-based). */
export function circularBatchWorkflowId(documentId: string, batch: number): string {
  return `${circularWorkflowId(documentId)}-b${batch}`;
}

/** True when a workflow id is a circular's or one of its batches'. */
export function isCircularWorkflowId(workflowId: string): boolean {
  return workflowId.startsWith('circ-');
}

/**
 * Group targets a circular may be sent to instead of listing units: every district office, every department, every
 * office, every registry unit. The API expands them on the org chart of the day.
 */
export const CIRCULAR_GROUPS = {
  'all-districts': 'สำนักงานเขตทั้ง ๕๐ เขต (every district office)',
  'all-departments': 'สำนักทุกสำนัก (every department)',
  'all-offices': 'สำนักงานทุกสำนักงาน (every office and division)',
  'all-units': 'ทุกหน่วยงาน (every registry unit)',
} as const;
export type CircularGroup = keyof typeof CIRCULAR_GROUPS;
