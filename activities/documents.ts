import type { DataSource, EntityManager } from 'typeorm';
import { ApplicationFailure } from '@temporalio/common';
import { beYearOf } from '../domain';
import { appendAudit } from '../db/audit';
import { allocateNumber } from '../db/numbering';
import { claimStep } from '../db/steps';
import { closeTask, openTask, setDocumentStage } from '../db/tasks';
import { registrationFromRow } from '../db/registrations';
import { dbTime } from '../db/time';
import { indexDocument } from '../db/search-index';
import { inTransaction } from '../db/transaction';
import { applyStepExtras, type StepExtras } from '../db/step-extras';
import type { IncomingFields, Registration } from '../workflows/incoming/contract';
import type { Actor, WorkflowTask } from '../workflows/shared/tasks';

/** What the document activities need. */
export interface DocumentActivityDeps {
  ds: DataSource;
}

/** Input of registerIncoming: the document and the policy's decision on its medium. */
export interface RegisterIncomingInput {
  documentId: string;
  workflowId: string;
  unitId: string;
  registeredBy: Actor;
  receivedAt: string;
  fields: IncomingFields;
  medium: 'electronic' | 'paper';
  paperReason?: string;
  paperReasonCode?: string;
  /** More to say in the 'document.registered' audit row (e.g. the document it was forwarded from). */
  auditDetails?: Record<string, unknown>;
  /** The life's first step (triage opened, or paper only), written in the same transaction as the registration. */
  firstStep?: TransitionInput;
}

/** Input of recordTransition: one step of a life, written atomically (tasks, stage, audit). */
export interface TransitionInput extends StepExtras {
  /** Unique per step (uuid4 in the workflow): a retried activity applies the step once. */
  stepId: string;
  documentId: string;
  workflowId: string;
  /** The document's new stage; omitted by steps that leave it where it is (reminders, paper follow-up). */
  stage?: string;
  /** The person who took the step; an empty userId is the system (timers, signals). */
  actor: Actor;
  action: string;
  details: Record<string, unknown>;
  close?: { taskId: string; outcome: string; comment?: string };
  open: Array<WorkflowTask & { subject: string; urgency: string; fromText?: string }>;
}

/** Activities that write documents, numbers, registers, tasks and the audit trail. */
export function createDocumentActivities({ ds }: DocumentActivityDeps) {
  return {
    /**
     * Stores the received document, takes its receipt number and writes the receipt register row, in one
     * transaction. Idempotent: a retry finds the document and returns the same receipt.
     */
    async registerIncoming(input: RegisterIncomingInput): Promise<Registration> {
      const receivedAt = new Date(input.receivedAt);
      if (Number.isNaN(receivedAt.getTime())) throw ApplicationFailure.nonRetryable('bad receivedAt', 'INVALID_INPUT');
      return inTransaction(ds, async (em) => {
        const existing = (await em.query(
          'SELECT receipt_number, receipt_year, received_at, medium, paper_reason, paper_reason_code FROM documents WHERE id = ?',
          [input.documentId],
        )) as Array<Record<string, unknown>>;
        if (existing.length > 0) {
          // A retry after a commit whose answer was lost: the first step went in with it (its step id is claimed).
          if (input.firstStep) await applyTransition(em, input.firstStep);
          return registrationFromRow(input, existing[0]);
        }
        const f = input.fields;
        const now = new Date();
        await em.query(
          `INSERT INTO documents (id, workflow_id, direction, kind, subject, urgency, secrecy, category, unit_id, stage,
             medium, paper_reason_code, paper_reason, sender_name, sender_number, sender_date, to_text, note, file_sha256,
             file_name, received_at, created_by, created_at, updated_at)
           VALUES (?, ?, 'incoming', ?, ?, ?, ?, ?, ?, 'registered', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            input.documentId,
            input.workflowId,
            f.kind,
            f.subject,
            f.urgency,
            f.secrecy,
            f.category,
            input.unitId,
            input.medium,
            input.paperReasonCode ?? null,
            input.paperReason ?? null,
            f.senderName,
            f.senderNumber ?? null,
            f.senderDate ?? null,
            f.toText ?? null,
            // ลับที่สุด is never stored: only its register entry.
            f.secrecy === 'top_secret' ? null : (f.note ?? null),
            f.secrecy === 'top_secret' ? null : (f.fileSha256 ?? null),
            f.secrecy === 'top_secret' ? null : (f.fileName ?? null),
            dbTime(receivedAt),
            input.registeredBy.userId,
            dbTime(now),
            dbTime(now),
          ],
        );
        // The search index, in the same transaction (ลับที่สุด: only what its register entry holds).
        await indexDocument(em, input.documentId, {
          subject: f.subject,
          note: f.secrecy === 'top_secret' ? null : f.note,
          senderName: f.senderName,
          senderNumber: f.senderNumber,
          toText: f.toText,
        });
        const register = f.secrecy === 'none' ? 'receipt' : 'secret_receipt';
        const allocated = await allocateNumber(em, {
          register,
          unitId: input.unitId,
          year: beYearOf(receivedAt),
          idempotencyKey: `${input.workflowId}:receipt`,
          documentId: input.documentId,
          subject: f.subject,
          theirNumber: f.senderNumber ?? null,
          theirDate: f.senderDate ?? null,
          fromText: f.senderName,
          toText: f.toText ?? null,
          remark: input.medium === 'paper' ? (input.paperReason ?? 'paper') : null,
          recordedAt: now,
        });
        await em.query('UPDATE documents SET receipt_number = ?, receipt_year = ? WHERE id = ?', [
          allocated.number,
          allocated.year,
          input.documentId,
        ]);
        await appendAudit(em, {
          at: now,
          actorUserId: input.registeredBy.userId,
          action: 'document.registered',
          documentId: input.documentId,
          details: {
            ...input.auditDetails,
            register,
            number: allocated.number,
            year: allocated.year,
            medium: input.medium,
          },
        });
        if (input.firstStep) await applyTransition(em, input.firstStep);
        return registrationFromRow(input, {
          receipt_number: allocated.number,
          receipt_year: allocated.year,
          received_at: dbTime(receivedAt),
          medium: input.medium,
          paper_reason: input.paperReason ?? null,
          paper_reason_code: input.paperReasonCode ?? null,
        });
      });
    },

    /** Applies one step of a life: closes a task, opens the next ones, sets the stage and audits it, atomically. */
    async recordTransition(input: TransitionInput): Promise<void> {
      await inTransaction(ds, (em) => applyTransition(em, input));
    },
  };
}

/** One step in the caller's transaction; a step already applied (same step id: a retry) is skipped. */
async function applyTransition(em: EntityManager, input: TransitionInput): Promise<void> {
  const at = new Date();
  if (!(await claimStep(em, `${input.workflowId}:${input.stepId}`, at))) return;
  if (input.close) {
    await closeTask(em, {
      taskId: input.close.taskId,
      outcome: input.close.outcome,
      closedBy: input.actor.userId || null,
      closedAt: at,
    });
  }
  for (const t of input.open) {
    await openTask(em, {
      taskId: t.taskId,
      documentId: input.documentId,
      workflowId: input.workflowId,
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
  if (input.stage !== undefined) await setDocumentStage(em, input.documentId, input.stage, at);
  await applyStepExtras(em, { ...input, stepKey: `${input.workflowId}:${input.stepId}` }, at);
  await appendAudit(em, {
    at,
    actorUserId: input.actor.userId || null,
    action: input.action,
    documentId: input.documentId,
    details: {
      ...input.details,
      stage: input.stage,
      ...(input.close ? { taskId: input.close.taskId, outcome: input.close.outcome } : {}),
      ...(input.close?.comment ? { comment: input.close.comment } : {}),
      ...(input.open.length > 0 ? { opened: input.open.map((t) => ({ taskId: t.taskId, type: t.type })) } : {}),
    },
  });
}
