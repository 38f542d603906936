import type { EntityManager } from 'typeorm';
import { appendAudit } from './audit';
import { closeTask, openTask, setDocumentStage } from './tasks';

/** A task a step opens, with what the inbox shows of it. */
export interface StepTask {
  taskId: string;
  type: string;
  unitId: string;
  queueRole?: string | null;
  assigneeUserId?: string | null;
  dueAt?: string | null;
  subject: string;
  urgency: string;
  fromText?: string | null;
}

/** A task a step closes: `done` with the person's outcome, or `cancelled` (withdrawn, expired …). */
export interface StepClose {
  taskId: string;
  outcome: string;
  comment?: string;
  status?: 'done' | 'cancelled';
}

/** One step of a life as the read model records it: tasks closed and opened, the stage, one audit row. */
export interface LifeStep {
  documentId: string;
  stage?: string;
  actorUserId: string | null;
  action: string;
  details?: Record<string, unknown>;
  close?: StepClose[];
  open?: StepTask[];
  /** The API request that caused the step (`X-Request-Id`), recorded in the audit row's details. */
  requestId?: string;
}

/**
 * Writes a step inside the caller's transaction (the caller has claimed it once, see `claimStep`): the outgoing and
 * circular lives' counterpart of `recordTransition`, for several tasks at once.
 */
export async function writeLifeStep(em: EntityManager, step: LifeStep, workflowId: string, at: Date): Promise<void> {
  for (const c of step.close ?? []) {
    await closeTask(em, {
      taskId: c.taskId,
      status: c.status ?? 'done',
      outcome: c.outcome,
      closedBy: step.actorUserId,
      closedAt: at,
    });
  }
  for (const t of step.open ?? []) {
    await openTask(em, {
      taskId: t.taskId,
      documentId: step.documentId,
      workflowId,
      type: t.type,
      unitId: t.unitId,
      queueRole: t.queueRole ?? null,
      assigneeUserId: t.assigneeUserId ?? null,
      subject: t.subject,
      urgency: t.urgency,
      fromText: t.fromText ?? null,
      createdAt: at,
      dueAt: t.dueAt ? new Date(t.dueAt) : null,
    });
  }
  if (step.stage) await setDocumentStage(em, step.documentId, step.stage, at);
  const comment = step.close?.find((c) => c.comment)?.comment;
  await appendAudit(em, {
    at,
    actorUserId: step.actorUserId,
    action: step.action,
    documentId: step.documentId,
    details: {
      ...step.details,
      ...(step.stage ? { stage: step.stage } : {}),
      ...(step.close?.length ? { closed: step.close.map((c) => ({ taskId: c.taskId, outcome: c.outcome })) } : {}),
      ...(comment ? { comment } : {}),
      ...(step.open?.length ? { opened: step.open.map((t) => ({ taskId: t.taskId, type: t.type })) } : {}),
      ...(step.requestId ? { requestId: step.requestId } : {}),
    },
  });
}
