import type { DataSource, EntityManager } from 'typeorm';
import { activityInfo, heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { beYearOf, headOf, holderOf } from '../domain';
import { allocateNumber } from '../db/numbering';
import { loadOrgSnapshot } from '../db/org';
import { writeLifeStep } from '../db/life-steps';
import { bodyText, indexDocument } from '../db/search-index';
import { claimStep } from '../db/steps';
import { openTask } from '../db/tasks';
import { dbTime } from '../db/time';
import { inTransaction } from '../db/transaction';
import type { CircularInput } from '../workflows/circular/contract';
import type { IssuedNumber } from '../workflows/outgoing/contract';
import type { Actor } from '../workflows/shared/tasks';
import { issuedNumber } from './outgoing';

type Row = Record<string, unknown>;

/** Units written per transaction while a batch is delivered (a heartbeat after each). */
const DELIVERY_CHUNK = 25;

/** Input of registerCircular: the document, its register and the policy's decision. */
export type RegisterCircularInput = Pick<
  CircularInput,
  'documentId' | 'unitId' | 'author' | 'fields' | 'body' | 'file' | 'requestId'
> & {
  workflowId: string;
  recipientsText: string;
  recipientCount: number;
  medium: 'electronic' | 'paper';
  paperReason?: string;
  paperReasonCode?: string;
  /** Take a number from `register` (false when numbering itself is on paper). */
  numbered: boolean;
  register: string;
};

/** The fields every circular step shares. */
interface CircularStep {
  stepId: string;
  documentId: string;
  workflowId: string;
}

/** Activities of the circular life: the ว number, the fan-out, acknowledgements, reminders and escalation. */
export function createCircularActivities({ ds }: { ds: DataSource }) {
  return {
    /** Stores the circular, takes its ว number with the register row and audits it, once per document id. */
    async registerCircular(input: RegisterCircularInput): Promise<{ number: IssuedNumber | null }> {
      const [unit] = (await ds.query('SELECT name, letter_code FROM units WHERE id = ?', [input.unitId])) as Row[];
      if (!unit) throw ApplicationFailure.nonRetryable(`unknown unit ${input.unitId}`, 'INVALID_INPUT');
      return inTransaction(ds, async (em) => {
        const now = new Date();
        const f = input.fields;
        const exists = (await em.query('SELECT id FROM documents WHERE id = ?', [input.documentId])) as Row[];
        if (exists.length === 0) {
          const keep = f.secrecy !== 'top_secret';
          await em.query(
            `INSERT INTO documents (id, workflow_id, direction, kind, subject, urgency, secrecy, category, unit_id, stage,
               medium, paper_reason_code, paper_reason, to_text, body, file_sha256, file_name, created_by, created_at,
               updated_at, author_position_id)
             VALUES (?, ?, 'circular', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
            [
              input.documentId,
              input.workflowId,
              f.kind,
              f.subject,
              f.urgency,
              f.secrecy,
              f.category,
              input.unitId,
              input.medium === 'paper' ? 'paper' : 'circulating',
              input.medium,
              input.paperReasonCode ?? null,
              input.paperReason ?? null,
              input.recipientsText,
              keep && input.body !== undefined ? JSON.stringify(input.body) : null,
              keep ? (input.file?.sha256 ?? null) : null,
              keep ? (input.file?.name ?? null) : null,
              input.author.userId,
              dbTime(now),
              dbTime(now),
            ],
          );
          await indexDocument(em, input.documentId, {
            subject: f.subject,
            body: keep ? bodyText(input.body) : null,
            toText: input.recipientsText,
          });
        }
        let number: IssuedNumber | null = null;
        if (input.numbered) {
          const allocated = await allocateNumber(em, {
            register: input.register,
            unitId: input.unitId,
            year: beYearOf(now),
            idempotencyKey: `${input.workflowId}:number`,
            documentId: input.documentId,
            subject: f.subject,
            fromText: String(unit.name),
            toText: input.recipientsText,
            method: input.medium === 'paper' ? 'paper' : 'electronic',
            recordedAt: now,
          });
          number = issuedNumber(input.register, String(unit.letter_code), allocated.number, allocated.year, true);
          await em.query(
            'UPDATE documents SET number_register = ?, number_value = ?, number_year = ?, number_code = ? WHERE id = ?',
            [number.register, number.value, number.year, number.code, input.documentId],
          );
        }
        if (exists.length === 0) {
          await writeLifeStep(
            em,
            {
              documentId: input.documentId,
              actorUserId: input.author.userId,
              action: input.medium === 'paper' ? 'document.paper_only' : 'circular.registered',
              details: {
                recipients: input.recipientCount,
                medium: input.medium,
                ...(number ? { number: number.code } : {}),
                ...(input.paperReason ? { reason: input.paperReason, reasonCode: input.paperReasonCode } : {}),
              },
              requestId: input.requestId,
            },
            input.workflowId,
            now,
          );
        }
        return { number };
      });
    },

    /**
     * Delivers one batch: an acknowledgement row and an acknowledge task in each unit's clerk queue, a chunk per
     * transaction with a heartbeat after each; a retry resumes after the last chunk that committed, and rows and
     * tasks are keyed, so nothing is delivered twice.
     */
    async deliverCircularBatch(input: {
      documentId: string;
      workflowId: string;
      senderName: string;
      subject: string;
      urgency: string;
      dueAt: string;
      units: Array<{ unitId: string; taskId: string }>;
    }): Promise<void> {
      const resumeFrom = (activityInfo().heartbeatDetails as number | undefined) ?? 0;
      for (let start = resumeFrom; start < input.units.length; start += DELIVERY_CHUNK) {
        const chunk = input.units.slice(start, start + DELIVERY_CHUNK);
        await inTransaction(ds, async (em) => {
          const now = new Date();
          if (!(await claimStep(em, `${input.workflowId}:deliver:${start}`, now))) return;
          for (const u of chunk) await deliverToUnit(em, input, u, now);
          await writeLifeStep(
            em,
            {
              documentId: input.documentId,
              actorUserId: null,
              action: 'circular.delivered',
              details: { units: chunk.map((u) => u.unitId), batch: input.workflowId },
            },
            input.workflowId,
            now,
          );
        });
        heartbeat(start + DELIVERY_CHUNK);
      }
    },

    /** A unit acknowledged: its row, every open acknowledge task of the unit closed, one audit row. */
    async acknowledgeCircular(
      input: CircularStep & { unitId: string; actor: Actor; taskIds: string[]; requestId?: string },
    ) {
      await inTransaction(ds, async (em) => {
        const now = new Date();
        if (!(await claimStep(em, `${input.workflowId}:${input.stepId}`, now))) return;
        await em.query(
          `UPDATE circular_acknowledgements SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?
           WHERE document_id = ? AND unit_id = ? AND status = 'pending'`,
          [dbTime(now), input.actor.userId, input.documentId, input.unitId],
        );
        await writeLifeStep(
          em,
          {
            documentId: input.documentId,
            actorUserId: input.actor.userId,
            action: 'circular.acknowledged',
            details: { unitId: input.unitId },
            close: input.taskIds.map((taskId) => ({ taskId, outcome: 'acknowledge' })),
            requestId: input.requestId,
          },
          input.workflowId,
          now,
        );
      });
    },

    /** Reminds the units that have not acknowledged: the count on their rows, the level on their tasks, audited. */
    async remindCircularLaggards(input: CircularStep & { unitIds: string[]; taskIds: string[]; round: number }) {
      await inTransaction(ds, async (em) => {
        const now = new Date();
        if (!(await claimStep(em, `${input.workflowId}:${input.stepId}`, now))) return;
        for (const unitId of input.unitIds) {
          await em.query(
            `UPDATE circular_acknowledgements SET reminders = ?, last_reminded_at = ?
             WHERE document_id = ? AND unit_id = ? AND status = 'pending'`,
            [input.round, dbTime(now), input.documentId, unitId],
          );
        }
        for (const taskId of input.taskIds) {
          await em.query("UPDATE tasks SET escalation_level = ? WHERE id = ? AND status = 'open'", [
            input.round,
            taskId,
          ]);
        }
        await writeLifeStep(
          em,
          {
            documentId: input.documentId,
            actorUserId: null,
            action: 'circular.reminded',
            details: { round: input.round, units: input.unitIds },
          },
          input.workflowId,
          now,
        );
      });
    },

    /**
     * Escalates to the head of each unit that has still not acknowledged: an acknowledge task held by whoever holds
     * or acts in the head's post that day. Returns who got each task (units without a head keep only their queue).
     */
    async escalateCircularLaggards(
      input: CircularStep & {
        date: string;
        laggards: Array<{ unitId: string; taskId: string }>;
        subject: string;
        urgency: string;
        fromText: string;
        dueAt: string;
      },
    ): Promise<Array<{ unitId: string; taskId: string; assigneeUserId: string }>> {
      const org = await loadOrgSnapshot(ds);
      const assigned = input.laggards.flatMap((l) => {
        const head = headOf(l.unitId, org);
        const user = head ? holderOf(head.id, input.date, org) : undefined;
        return user?.id ? [{ ...l, assigneeUserId: user.id }] : [];
      });
      await inTransaction(ds, async (em) => {
        const now = new Date();
        if (!(await claimStep(em, `${input.workflowId}:${input.stepId}`, now))) return;
        for (const a of assigned) {
          await em.query(
            `UPDATE circular_acknowledgements SET escalated_at = ?, escalation_task_id = ?
             WHERE document_id = ? AND unit_id = ? AND status = 'pending'`,
            [dbTime(now), a.taskId, input.documentId, a.unitId],
          );
        }
        await writeLifeStep(
          em,
          {
            documentId: input.documentId,
            actorUserId: null,
            action: 'circular.escalated',
            details: { units: input.laggards.map((l) => l.unitId) },
            open: assigned.map((a) => ({
              taskId: a.taskId,
              type: 'acknowledge',
              unitId: a.unitId,
              assigneeUserId: a.assigneeUserId,
              subject: input.subject,
              urgency: input.urgency,
              fromText: input.fromText,
              dueAt: input.dueAt,
            })),
          },
          input.workflowId,
          now,
        );
      });
      return assigned;
    },

    /** Tracking ends: units still silent are recorded as not acknowledged and their tasks withdrawn. */
    async expireCircularLaggards(input: CircularStep & { unitIds: string[]; taskIds: string[] }) {
      await inTransaction(ds, async (em) => {
        const now = new Date();
        if (!(await claimStep(em, `${input.workflowId}:${input.stepId}`, now))) return;
        for (const unitId of input.unitIds) {
          await em.query(
            `UPDATE circular_acknowledgements SET status = 'expired'
             WHERE document_id = ? AND unit_id = ? AND status = 'pending'`,
            [input.documentId, unitId],
          );
        }
        await writeLifeStep(
          em,
          {
            documentId: input.documentId,
            actorUserId: null,
            action: 'circular.expired',
            details: { units: input.unitIds },
            close: input.taskIds.map((taskId) => ({ taskId, outcome: 'expired', status: 'cancelled' as const })),
          },
          input.workflowId,
          now,
        );
      });
    },

    /** Every batch has finished: the circular is closed with its figures. */
    async closeCircular(input: CircularStep & { acknowledged: number; expired: number }) {
      await inTransaction(ds, async (em) => {
        const now = new Date();
        if (!(await claimStep(em, `${input.workflowId}:${input.stepId}`, now))) return;
        await writeLifeStep(
          em,
          {
            documentId: input.documentId,
            stage: 'closed',
            actorUserId: null,
            action: 'circular.closed',
            details: { acknowledged: input.acknowledged, notAcknowledged: input.expired },
          },
          input.workflowId,
          now,
        );
      });
    },
  };
}

async function deliverToUnit(
  em: EntityManager,
  input: {
    documentId: string;
    workflowId: string;
    senderName: string;
    subject: string;
    urgency: string;
    dueAt: string;
  },
  u: { unitId: string; taskId: string },
  now: Date,
): Promise<void> {
  const seen = (await em.query('SELECT task_id FROM circular_acknowledgements WHERE document_id = ? AND unit_id = ?', [
    input.documentId,
    u.unitId,
  ])) as Row[];
  if (seen.length > 0) return;
  await em.query(
    `INSERT INTO circular_acknowledgements (document_id, unit_id, batch_workflow_id, task_id, status, delivered_at,
       reminders) VALUES (?, ?, ?, ?, 'pending', ?, 0)`,
    [input.documentId, u.unitId, input.workflowId, u.taskId, dbTime(now)],
  );
  await openTask(em, {
    taskId: u.taskId,
    documentId: input.documentId,
    workflowId: input.workflowId,
    type: 'acknowledge',
    unitId: u.unitId,
    queueRole: 'clerk',
    subject: input.subject,
    urgency: input.urgency,
    fromText: input.senderName,
    createdAt: now,
    dueAt: new Date(input.dueAt),
  });
}
