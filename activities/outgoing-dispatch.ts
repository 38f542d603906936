import type { DataSource } from 'typeorm';
import { bangkokDateOf } from '../domain';
import { uuidFromText } from '../db/ids';
import { writeLifeStep, type StepClose } from '../db/life-steps';
import { enqueueOutbox, insertDelivery } from '../db/outgoing';
import { claimStep } from '../db/steps';
import { cancelRegisterEntry } from '../db/register-cancel';
import { dbTime, parseDbTime } from '../db/time';
import { inTransaction } from '../db/transaction';
import type { Recipient } from '../workflows/outgoing/contract';
import type { Actor } from '../workflows/shared/tasks';
import { markPaper } from './outgoing';

type Row = Record<string, unknown>;

/** How one recipient gets the document, as the workflow decided with the rollout policy. */
export interface PlannedDelivery {
  seq: number;
  recipient: Recipient;
  /** electronic: the recipient unit's incoming life; email: the central e-mail outbox; internal: own unit. */
  method: 'electronic' | 'email' | 'internal' | 'paper';
  paperReason?: string;
  paperReasonCode?: string;
}

/** A recipient unit whose incoming life the workflow starts, with the id of the document it will register. */
export interface ElectronicDelivery {
  unitId: string;
  unitName: string;
  incomingDocumentId: string;
  earlyPhase?: number;
}

/** What the recipients' incoming lives need to know of the sender. */
export interface DispatchRecorded {
  electronic: ElectronicDelivery[];
  /** The letters queued for the central e-mail (absent in lives recorded before they were sent by the life). */
  emails?: Array<{ outboxId: string; name: string }>;
  sender: { unitName: string; number: string; date: string };
}

/** The recipient key of a delivery: one per unit or per e-mail address and document. */
export function recipientKey(r: Recipient): string {
  return r.type === 'unit' ? `unit:${r.unitId}` : `email:${r.email.toLowerCase()}`;
}

/** The id of the incoming document a delivery creates in a recipient unit: a business key, the same on every retry. */
export function deliveryDocumentId(documentId: string, unitId: string): string {
  return uuidFromText(`delivery:${documentId}:${unitId}`);
}

/** Activities of the dispatch: deliveries, the outbox, the dispatch register's method, withdraw and cancel. */
export function createOutgoingDispatchActivities({ ds }: { ds: DataSource }) {
  return {
    /**
     * Records the dispatch in one transaction: a delivery row per recipient (an outbox row for e-mail), the sending
     * method on the dispatch register row, the dispatch task closed and the stage `sending`. Idempotent: rows are
     * keyed by recipient, the step by its id, and a retry returns the same incoming document ids.
     */
    async recordDispatch(input: {
      stepId: string;
      documentId: string;
      workflowId: string;
      unitId: string;
      actor: Actor;
      close: StepClose;
      deliveries: PlannedDelivery[];
      requestId?: string;
    }): Promise<DispatchRecorded> {
      return inTransaction(ds, async (em) => {
        const now = new Date();
        const [doc] = (await em.query('SELECT subject, number_code, signed_at FROM documents WHERE id = ?', [
          input.documentId,
        ])) as Row[];
        const [unit] = (await em.query('SELECT name, central_email FROM units WHERE id = ?', [input.unitId])) as Row[];
        for (const d of input.deliveries) {
          const r = d.recipient;
          const key = recipientKey(r);
          const outboxId = d.method === 'email' ? uuidFromText(`outbox:${input.documentId}:${key}`) : null;
          if (outboxId && r.type === 'external') {
            await enqueueOutbox(em, {
              id: outboxId,
              idempotencyKey: `${input.workflowId}:${key}`,
              documentId: input.documentId,
              unitId: input.unitId,
              fromAddress: (unit?.central_email as string | null) ?? null,
              toName: r.name,
              toEmail: r.email,
              subject: String(doc.subject),
              createdAt: now,
            });
          }
          await insertDelivery(em, {
            documentId: input.documentId,
            seq: d.seq,
            recipientKey: key,
            unitId: r.type === 'unit' ? r.unitId : null,
            name: r.name,
            email: r.type === 'external' ? r.email : null,
            method: d.method,
            status: { electronic: 'pending', email: 'queued', internal: 'delivered', paper: 'paper' }[d.method],
            paperReason: d.paperReason ?? null,
            paperReasonCode: d.paperReasonCode ?? null,
            incomingDocumentId:
              d.method === 'electronic' && r.type === 'unit' ? deliveryDocumentId(input.documentId, r.unitId) : null,
            outboxId,
            recordedAt: now,
            deliveredAt: d.method === 'internal' ? now : null,
          });
        }
        const methods = [...new Set(input.deliveries.map((d) => d.method))].sort();
        if (await claimStep(em, `${input.workflowId}:${input.stepId}`, now)) {
          await em.query('UPDATE register_entries SET method = ? WHERE idempotency_key = ?', [
            methods.join('+').slice(0, 32),
            `${input.workflowId}:number`,
          ]);
          const paper = input.deliveries.find((d) => d.method === 'paper');
          if (paper) await markPaper(em, input.documentId, { code: paper.paperReasonCode, reason: paper.paperReason });
          await writeLifeStep(
            em,
            {
              documentId: input.documentId,
              stage: 'sending',
              actorUserId: input.actor.userId,
              action: 'document.dispatched',
              details: {
                methods,
                recipients: input.deliveries.map((d) => ({
                  name: d.recipient.name,
                  method: d.method,
                  ...(d.paperReason ? { reason: d.paperReason } : {}),
                })),
              },
              close: [input.close],
              requestId: input.requestId,
            },
            input.workflowId,
            now,
          );
        }
        const electronic = (await em.query(
          `SELECT d.unit_id, d.incoming_document_id, u.name, u.early_phase FROM deliveries d
           JOIN units u ON u.id = d.unit_id
           WHERE d.document_id = ? AND d.method = 'electronic' ORDER BY d.seq`,
          [input.documentId],
        )) as Row[];
        const emails = (await em.query(
          "SELECT outbox_id, name FROM deliveries WHERE document_id = ? AND method = 'email' ORDER BY seq",
          [input.documentId],
        )) as Row[];
        const signedAt = doc.signed_at ? parseDbTime(doc.signed_at) : now;
        return {
          electronic: electronic.map((e) => ({
            unitId: String(e.unit_id),
            unitName: String(e.name),
            incomingDocumentId: String(e.incoming_document_id),
            ...(e.early_phase ? { earlyPhase: Number(e.early_phase) } : {}),
          })),
          emails: emails.map((e) => ({ outboxId: String(e.outbox_id), name: String(e.name) })),
          sender: {
            unitName: String(unit?.name ?? ''),
            number: String(doc.number_code ?? ''),
            date: bangkokDateOf(signedAt),
          },
        };
      });
    },

    /** Marks the electronic deliveries done once the recipients' lives have started, and the document `sent`. */
    async completeDispatch(input: {
      stepId: string;
      documentId: string;
      workflowId: string;
      actor: Actor;
      delivered: string[];
    }): Promise<void> {
      await inTransaction(ds, async (em) => {
        const now = new Date();
        if (!(await claimStep(em, `${input.workflowId}:${input.stepId}`, now))) return;
        for (const unitId of input.delivered) {
          await em.query(
            `UPDATE deliveries SET status = 'delivered', delivered_at = ?
             WHERE document_id = ? AND unit_id = ? AND status = 'pending'`,
            [dbTime(now), input.documentId, unitId],
          );
        }
        await writeLifeStep(
          em,
          {
            documentId: input.documentId,
            stage: 'sent',
            actorUserId: input.actor.userId,
            action: 'document.sent',
            details: { delivered: input.delivered.length },
          },
          input.workflowId,
          now,
        );
      });
    },

    /**
     * Ends the life early: withdrawn by the author before signing, or cancelled after numbering. Open tasks are
     * cancelled; a cancelled document's number stays in its register marked ยกเลิก (`cancelled = 1` + remark) and
     * its pending e-mail is not sent.
     */
    async closeOutgoing(input: {
      stepId: string;
      documentId: string;
      workflowId: string;
      actor: Actor;
      stage: 'withdrawn' | 'cancelled';
      comment?: string;
      taskIds: string[];
      requestId?: string;
    }): Promise<void> {
      await inTransaction(ds, async (em) => {
        const now = new Date();
        if (!(await claimStep(em, `${input.workflowId}:${input.stepId}`, now))) return;
        const cancelled = input.stage === 'cancelled';
        if (cancelled) {
          await cancelRegisterEntry(em, `${input.workflowId}:number`, {
            reason: input.comment ?? '',
            byUserId: input.actor.userId,
            at: now,
          });
          await em.query("UPDATE outbox SET status = 'cancelled' WHERE document_id = ? AND status = 'pending'", [
            input.documentId,
          ]);
          await em.query(
            "UPDATE deliveries SET status = 'cancelled' WHERE document_id = ? AND status IN ('pending', 'queued')",
            [input.documentId],
          );
        }
        await writeLifeStep(
          em,
          {
            documentId: input.documentId,
            stage: input.stage,
            actorUserId: input.actor.userId,
            action: cancelled ? 'document.cancelled' : 'document.withdrawn',
            details: input.comment ? { comment: input.comment } : {},
            close: input.taskIds.map((taskId) => ({ taskId, outcome: input.stage, status: 'cancelled' as const })),
            requestId: input.requestId,
          },
          input.workflowId,
          now,
        );
      });
    },
  };
}
