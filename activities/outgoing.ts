import type { DataSource, EntityManager } from 'typeorm';
import { ApplicationFailure } from '@temporalio/common';
import {
  beYearOf,
  chainOfCommand,
  collapseRepeatedActors,
  formatDocumentNumber,
  headOf,
  registryUnitOf,
  signatureBlockFor,
  actorOf,
  toThaiDigits,
  type OrgSnapshot,
  type SignatureBlock,
} from '../domain';
import { appendAudit } from '../db/audit';
import { allocateNumber } from '../db/numbering';
import { loadOrgSnapshot } from '../db/org';
import { insertVersion } from '../db/outgoing';
import { writeLifeStep, type LifeStep, type StepClose, type StepTask } from '../db/life-steps';
import { bodyText, indexDocument } from '../db/search-index';
import { claimStep } from '../db/steps';
import { dbTime } from '../db/time';
import { inTransaction } from '../db/transaction';
import type {
  DraftContent,
  DraftCreated,
  IssuedNumber,
  Recipient,
  ReviewRoute,
  RouteStep,
} from '../workflows/outgoing/contract';
import type { Actor } from '../workflows/shared/tasks';

type Row = Record<string, unknown>;

/** What the outgoing activities need. */
export interface OutgoingActivityDeps {
  ds: DataSource;
}

/** Input of createOutgoingDraft: the document, its first version and the policy's decision on its medium. */
export interface CreateDraftInput {
  documentId: string;
  workflowId: string;
  unitId: string;
  author: Actor;
  authorPositionId: string;
  draft: DraftContent;
  medium: 'electronic' | 'paper';
  paperReason?: string;
  paperReasonCode?: string;
  /** The author's draft task (electronic only). */
  draftTask?: StepTask;
  /** The API request that created the draft (`X-Request-Id`). */
  requestId?: string;
  /** A paper document is registered at once: the register its number comes from (`registerFor`). */
  numberFrom?: string;
}

/** One step of the life, applied once per stepId; `paper` records that the step was done on paper, and why. */
export type OutgoingStepInput = Omit<LifeStep, 'actorUserId'> & {
  stepId: string;
  workflowId: string;
  actor: Actor;
  paper?: { code?: string; reason?: string };
  /** The rung an escalation reached on a task (`tasks.escalation_level`). */
  escalation?: { taskId: string; level: number };
};

/** Input of signAndNumber: the signing step and the register the number comes from. */
export interface SignInput {
  stepId: string;
  documentId: string;
  workflowId: string;
  unitId: string;
  actor: Actor;
  close: StepClose;
  signerPositionId: string;
  /** The signing day, Bangkok 'YYYY-MM-DD' (acting appointments are dated). */
  date: string;
  matter?: string;
  register: string;
  circular: boolean;
  open: StepTask[];
  /** The API request of the signing (`X-Request-Id`). */
  requestId?: string;
}

/** What signing produced: the block printed under the signature and the number; or why the actor may not sign. */
export type SignResult = { ok: true; block: SignatureBlock; number: IssuedNumber } | { ok: false; reason: string };

/** Recipient text for registers and the inbox: the names, joined, cut to the column's size. */
export function recipientsText(recipients: Recipient[]): string {
  const text = recipients.map((r) => r.name).join(', ');
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

/** Activities of the outgoing life: drafts and versions, the review route, signing with its number. */
export function createOutgoingActivities({ ds }: OutgoingActivityDeps) {
  return {
    /** Stores a new outgoing document with version 1 and the author's draft task. Idempotent by document id. */
    async createOutgoingDraft(input: CreateDraftInput): Promise<DraftCreated> {
      return inTransaction(ds, async (em) => {
        const answer: DraftCreated = {
          id: input.documentId,
          workflowId: input.workflowId,
          stage: input.medium === 'paper' ? 'paper' : 'draft',
          medium: input.medium,
          version: 1,
          ...(input.paperReason ? { paperReason: input.paperReason, paperReasonCode: input.paperReasonCode } : {}),
        };
        const existing = (await em.query(
          'SELECT number_register, number_value, number_year, number_code FROM documents WHERE id = ?',
          [input.documentId],
        )) as Row[];
        if (existing.length > 0) return withNumber(answer, existing[0]);
        const now = new Date();
        const d = input.draft;
        await em.query(
          `INSERT INTO documents (id, workflow_id, direction, kind, subject, urgency, secrecy, category, unit_id, stage,
             medium, paper_reason_code, paper_reason, to_text, body, created_by, created_at, updated_at,
             author_position_id, current_version)
           VALUES (?, ?, 'outgoing', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
          [
            input.documentId,
            input.workflowId,
            d.kind,
            d.subject,
            d.urgency,
            d.secrecy,
            d.category,
            input.unitId,
            answer.stage,
            input.medium,
            input.paperReasonCode ?? null,
            input.paperReason ?? null,
            recipientsText(d.recipients),
            d.body ? JSON.stringify(d.body) : null,
            input.author.userId,
            dbTime(now),
            dbTime(now),
            input.authorPositionId,
          ],
        );
        await insertVersion(em, versionRow(input.documentId, 1, d, input.author.userId, now));
        await indexDocument(em, input.documentId, {
          subject: d.subject,
          body: bodyText(d.body),
          toText: recipientsText(d.recipients),
        });
        await writeLifeStep(
          em,
          {
            documentId: input.documentId,
            actorUserId: input.author.userId,
            action: input.medium === 'paper' ? 'document.paper_only' : 'document.drafted',
            details: {
              version: 1,
              medium: input.medium,
              capability: 'create',
              ...(input.paperReason ? { reason: input.paperReason, reasonCode: input.paperReasonCode } : {}),
            },
            open: input.draftTask ? [input.draftTask] : [],
            requestId: input.requestId,
          },
          input.workflowId,
          now,
        );
        if (!input.numberFrom) return answer;
        const number = await numberPaperDocument(em, input, input.numberFrom, now);
        return { ...answer, number };
      });
    },

    /** Keeps a new version of the draft and makes it the document's content. Idempotent by (document, version). */
    async saveDraftVersion(input: {
      stepId: string;
      documentId: string;
      workflowId: string;
      actor: Actor;
      version: number;
      draft: DraftContent;
      requestId?: string;
    }): Promise<void> {
      await inTransaction(ds, async (em) => {
        const now = new Date();
        if (!(await claimStep(em, `${input.workflowId}:${input.stepId}`, now))) return;
        const d = input.draft;
        await insertVersion(em, versionRow(input.documentId, input.version, d, input.actor.userId, now));
        await indexDocument(em, input.documentId, {
          subject: d.subject,
          body: bodyText(d.body),
          toText: recipientsText(d.recipients),
        });
        await em.query(
          `UPDATE documents SET kind = ?, subject = ?, urgency = ?, secrecy = ?, category = ?, to_text = ?, body = ?,
             current_version = ?, updated_at = ? WHERE id = ?`,
          [
            d.kind,
            d.subject,
            d.urgency,
            d.secrecy,
            d.category,
            recipientsText(d.recipients),
            d.body ? JSON.stringify(d.body) : null,
            input.version,
            dbTime(now),
            input.documentId,
          ],
        );
        await writeLifeStep(
          em,
          {
            documentId: input.documentId,
            actorUserId: input.actor.userId,
            action: 'document.revised',
            details: { version: input.version },
            requestId: input.requestId,
          },
          input.workflowId,
          now,
        );
      });
    },

    /**
     * The review route of a submission on a date: the chain of command from the author's position up to the signer
     * (`toPositionId`, else the head of the author's registry unit), one person per decision, acting officials in
     * their posts. Non-retryable NO_SIGNER / NOT_ON_CHAIN when there is nobody to sign.
     */
    async planRoute(input: {
      authorPositionId: string;
      toPositionId?: string;
      date: string;
      matter?: string;
    }): Promise<ReviewRoute> {
      return planReviewRoute(await loadOrgSnapshot(ds), input);
    },

    /** Applies one step (tasks, stage, audit; the paper reason when the step went on paper), once per stepId. */
    async recordOutgoingStep(input: OutgoingStepInput): Promise<void> {
      await inTransaction(ds, async (em) => {
        const now = new Date();
        if (!(await claimStep(em, `${input.workflowId}:${input.stepId}`, now))) return;
        if (input.paper) await markPaper(em, input.documentId, input.paper);
        if (input.escalation) {
          await em.query('UPDATE tasks SET escalation_level = ? WHERE id = ?', [
            input.escalation.level,
            input.escalation.taskId,
          ]);
        }
        await writeLifeStep(em, { ...input, actorUserId: input.actor.userId }, input.workflowId, now);
      });
    },

    /**
     * Signs and numbers in one transaction: the signature block of the actor for the signing position that day
     * (their own post, or an acting appointment in force), the next number of the register with its register row,
     * the document's number and block, the sign task closed and the dispatch task opened. A retry returns the
     * same number: the step and the allocation are both keyed.
     */
    async signAndNumber(input: SignInput): Promise<SignResult> {
      const org = await loadOrgSnapshot(ds);
      const signer = org.users.find((u) => u.id === input.actor.userId);
      const block = signer
        ? signatureBlockFor({
            forPositionId: input.signerPositionId,
            signerUsername: signer.username,
            date: input.date,
            matter: input.matter,
            org,
          })
        : null;
      if (!block) return { ok: false, reason: 'No post or appointment to sign for this position on this day' };
      const unit = org.units.find((u) => u.id === input.unitId);
      if (!unit) throw ApplicationFailure.nonRetryable(`unknown unit ${input.unitId}`, 'INVALID_INPUT');
      return inTransaction(ds, async (em) => {
        const now = new Date();
        const [doc] = (await em.query('SELECT subject, to_text FROM documents WHERE id = ?', [
          input.documentId,
        ])) as Row[];
        const allocated = await allocateNumber(em, {
          register: input.register,
          unitId: input.unitId,
          year: beYearOf(now),
          idempotencyKey: `${input.workflowId}:number`,
          documentId: input.documentId,
          subject: String(doc.subject),
          fromText: unit.name,
          toText: (doc.to_text as string | null) ?? null,
          recordedAt: now,
        });
        const number = issuedNumber(input.register, unit.letterCode, allocated.number, allocated.year, input.circular);
        if (await claimStep(em, `${input.workflowId}:${input.stepId}`, now)) {
          await em.query(
            `UPDATE documents SET number_register = ?, number_value = ?, number_year = ?, number_code = ?,
               signature_block = ?, signed_at = ?, signed_by = ? WHERE id = ?`,
            [
              number.register,
              number.value,
              number.year,
              number.code,
              JSON.stringify(block),
              dbTime(now),
              input.actor.userId,
              input.documentId,
            ],
          );
          await writeLifeStep(
            em,
            {
              documentId: input.documentId,
              actorUserId: input.actor.userId,
              action: 'document.signed',
              details: {
                signature: block.lines,
                ...(block.actingFor ? { actingFor: block.actingFor } : {}),
                number: number.code,
              },
              requestId: input.requestId,
            },
            input.workflowId,
            now,
          );
          await writeLifeStep(
            em,
            {
              documentId: input.documentId,
              stage: 'numbered',
              actorUserId: input.actor.userId,
              action: 'document.numbered',
              details: { register: number.register, number: number.value, year: number.year, code: number.code },
              close: [input.close],
              open: input.open,
              requestId: input.requestId,
            },
            input.workflowId,
            now,
          );
        }
        return { ok: true, block, number };
      });
    },
  };
}

/** The number as api.md shows it, from the register row and the unit's letter code. */
export function issuedNumber(
  register: string,
  letterCode: string,
  value: number,
  year: number,
  circular: boolean,
): IssuedNumber {
  return {
    register,
    value,
    year,
    code: formatDocumentNumber({ letterCode, value, circular }),
    text: formatDocumentNumber({ letterCode, value, circular, digits: 'thai' }),
  };
}

/**
 * Registers a document made on paper: the next number of its register with the register row (method paper, the
 * reason as remark), on the document, audited. Keyed by the workflow like signAndNumber, so a retry adds nothing.
 */
async function numberPaperDocument(
  em: EntityManager,
  input: CreateDraftInput,
  register: string,
  now: Date,
): Promise<IssuedNumber> {
  const [unit] = (await em.query('SELECT name, letter_code FROM units WHERE id = ?', [input.unitId])) as Row[];
  if (!unit) throw ApplicationFailure.nonRetryable(`unknown unit ${input.unitId}`, 'INVALID_INPUT');
  const allocated = await allocateNumber(em, {
    register,
    unitId: input.unitId,
    year: beYearOf(now),
    idempotencyKey: `${input.workflowId}:number`,
    documentId: input.documentId,
    subject: input.draft.subject,
    fromText: String(unit.name),
    toText: recipientsText(input.draft.recipients),
    method: 'paper',
    remark: input.paperReason ?? null,
    recordedAt: now,
  });
  const number = issuedNumber(register, String(unit.letter_code), allocated.number, allocated.year, false);
  await em.query(
    'UPDATE documents SET number_register = ?, number_value = ?, number_year = ?, number_code = ? WHERE id = ?',
    [number.register, number.value, number.year, number.code, input.documentId],
  );
  await appendAudit(em, {
    at: now,
    actorUserId: input.author.userId,
    action: 'document.numbered',
    documentId: input.documentId,
    details: { register, number: number.code, year: number.year, medium: 'paper', reasonCode: input.paperReasonCode },
  });
  return number;
}

/** The answer of a retried creation: the number the first attempt took, if any. */
function withNumber(answer: DraftCreated, row: Row): DraftCreated {
  if (row.number_value === null || row.number_value === undefined) return answer;
  return {
    ...answer,
    number: {
      register: String(row.number_register),
      value: Number(row.number_value),
      year: Number(row.number_year),
      code: String(row.number_code),
      text: toThaiDigits(String(row.number_code)),
    },
  };
}

/** Sets the document's paper reason (the step that went on paper is in the audit row). */
export async function markPaper(
  em: EntityManager,
  documentId: string,
  paper: { code?: string; reason?: string },
): Promise<void> {
  await em.query('UPDATE documents SET paper_reason_code = ?, paper_reason = ? WHERE id = ?', [
    paper.code ?? null,
    paper.reason ?? null,
    documentId,
  ]);
}

function versionRow(documentId: string, version: number, d: DraftContent, createdBy: string, createdAt: Date) {
  return {
    documentId,
    version,
    kind: d.kind,
    subject: d.subject,
    urgency: d.urgency,
    secrecy: d.secrecy,
    category: d.category,
    within: d.within,
    recipients: d.recipients,
    body: d.body ?? null,
    attachments: d.attachments ?? null,
    createdBy,
    createdAt,
  };
}

/** The route of a submission on the org chart (pure given the snapshot; the API uses it to check toPositionId). */
export function planReviewRoute(
  org: OrgSnapshot,
  input: { authorPositionId: string; toPositionId?: string; date: string; matter?: string },
): ReviewRoute {
  const author = org.positions.find((p) => p.id === input.authorPositionId);
  if (!author) throw ApplicationFailure.nonRetryable(`unknown position ${input.authorPositionId}`, 'NO_SIGNER');
  const signerPositionId = input.toPositionId ?? headOf(registryUnitOf(author.unitId, org).id, org)?.id;
  if (!signerPositionId) throw ApplicationFailure.nonRetryable('the unit has no head to sign', 'NO_SIGNER');
  const toStep = (step: ReturnType<typeof chainOfCommand>[number]): RouteStep | undefined => {
    const user = actorOf(step);
    if (!user?.id) return undefined;
    return {
      positionId: step.position.id,
      title: step.position.title,
      userId: user.id,
      displayName: user.displayName,
      ...(step.acting && step.acting.user.username === user.username ? { acting: step.acting.kind } : {}),
    };
  };
  if (signerPositionId === author.id) {
    const own = org.users.find((u) => u.positionId === author.id);
    if (!own?.id) throw ApplicationFailure.nonRetryable('nobody holds the signing position', 'NO_SIGNER');
    return {
      reviewers: [],
      signer: { positionId: author.id, title: author.title, userId: own.id, displayName: own.displayName },
    };
  }
  let chain;
  try {
    chain = chainOfCommand(
      { fromPositionId: author.id, upToPositionId: signerPositionId, date: input.date, matter: input.matter },
      org,
    );
  } catch (error) {
    throw ApplicationFailure.nonRetryable((error as Error).message, 'NOT_ON_CHAIN');
  }
  const steps = collapseRepeatedActors(chain)
    .map(toStep)
    .filter((s): s is RouteStep => s !== undefined);
  const signer = steps.at(-1);
  if (!signer || signer.positionId !== signerPositionId) {
    throw ApplicationFailure.nonRetryable('nobody holds or acts in the signing position', 'NO_SIGNER');
  }
  return { reviewers: steps.slice(0, -1), signer };
}
