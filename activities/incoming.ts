import type { DataSource } from 'typeorm';
import { ApplicationFailure } from '@temporalio/common';
import {
  actingFor,
  actorOf,
  beYearOf,
  chainOfCommand,
  collapseRepeatedActors,
  formatReceiptStamp,
  needsPaperFollowUp,
  paperRegistrarFor,
  positionById,
  registryUnitOf,
  supervisorOf,
  type Category,
  type DocumentKind,
  type OrgSnapshot,
  type OrgUser,
  type Secrecy,
} from '../domain';
import { appendAudit } from '../db/audit';
import { allocateNumber } from '../db/numbering';
import { createOrgDirectory } from '../db/org';
import { claimStep } from '../db/steps';
import { closeTask } from '../db/tasks';
import { inTransaction } from '../db/transaction';
import type { PersonRef, PlanStep } from '../workflows/incoming/contract';
import type { Actor } from '../workflows/shared/tasks';

/** What the incoming-life activities need. */
export interface IncomingActivityDeps {
  ds: DataSource;
}

/** Input of planProposal: who proposes, how far, on which day, and what the document is (for the policy). */
export interface PlanProposalInput {
  fromPositionId: string;
  toPositionId?: string;
  date: string;
  unitId: string;
  earlyPhase?: number;
  category: string;
  secrecy: string;
  kind: string;
}

/** Input of superiorOf: a task's holder (a person, or a unit's queue for a role) and the day. */
export interface SuperiorInput {
  assigneeUserId?: string;
  unitId: string;
  queueRole?: string;
  date: string;
}

/** Input of registerPaperOriginal: the executive's clerk records the paper original's arrival. */
export interface RegisterPaperInput {
  stepId: string;
  workflowId: string;
  documentId: string;
  taskId: string;
  actor: Actor;
  /** The clerk's registry unit, whose receipt register takes the paper. */
  unitId: string;
  subject: string;
  fromText?: string;
  executiveTitle: string;
  outcome: 'register_paper' | 'paper_arrived';
}

/** Look-ups in the organisation for the incoming life (chain of command, superiors, executives' clerks). */
export function createIncomingActivities({ ds }: IncomingActivityDeps) {
  const directory = createOrgDirectory(ds);

  return {
    /**
     * The levels a proposal climbs from a position (domain `chainOfCommand`, one decision per person), with who acts
     * at each level that day, the title they write minutes under, and whether the paper original must follow.
     */
    async planProposal(input: PlanProposalInput): Promise<{ steps: PlanStep[] }> {
      const org = await directory.get();
      let chain;
      try {
        chain = chainOfCommand(
          {
            fromPositionId: input.fromPositionId,
            upToPositionId: input.toPositionId,
            date: input.date,
            matter: input.category,
          },
          org,
        );
      } catch (error) {
        throw ApplicationFailure.nonRetryable((error as Error).message, 'NOT_ON_CHAIN');
      }
      const steps = collapseRepeatedActors(chain).map((step): PlanStep => {
        const user = actorOf(step);
        const paper =
          step.position.executive &&
          needsPaperFollowUp({
            toPositionId: step.position.id,
            org,
            unitId: input.unitId,
            date: input.date,
            category: input.category as Category,
            secrecy: input.secrecy as Secrecy,
            kind: input.kind as DocumentKind,
            ...(input.earlyPhase ? { earlyAdoption: { [input.unitId]: input.earlyPhase } } : {}),
          });
        const registrar = paper ? paperRegistrarFor(step.position.id, org) : undefined;
        const minuteTitle = step.acting
          ? `${positionById(step.acting.user.positionId, org).title} ${step.acting.kind} ${step.position.title}`
          : step.position.title;
        return {
          positionId: step.position.id,
          positionTitle: step.position.title,
          executive: step.position.executive,
          ...(user ? { user: { ...personOf(user, org), positionTitle: minuteTitle } } : {}),
          ...(step.acting ? { actingKind: step.acting.kind } : {}),
          paperFollowUp: Boolean(paper && registrar),
          ...(registrar ? { registrar: personOf(registrar, org) } : {}),
        };
      });
      return { steps };
    },

    /** Who stands above a task's holder that day: the official acting in the holder's post, and the supervisor. */
    async superiorOf(input: SuperiorInput): Promise<{ acting?: PersonRef; supervisor?: PersonRef }> {
      const org = await directory.get();
      const holder = input.assigneeUserId
        ? org.users.find((u) => u.id === input.assigneeUserId)
        : org.users
            .filter((u) => input.queueRole && u.roles.includes(input.queueRole))
            .filter((u) => registryUnitOf(positionById(u.positionId, org).unitId, org).id === input.unitId)
            .sort((a, b) => a.username.localeCompare(b.username))[0];
      if (!holder) return {};
      const acting = input.assigneeUserId ? actingFor(holder.positionId, input.date, org)?.user : undefined;
      const step = supervisorOf(holder.positionId, input.date, org);
      const supervisor = step ? actorOf(step) : undefined;
      return {
        ...(acting && acting.username !== holder.username ? { acting: personOf(acting, org) } : {}),
        ...(supervisor ? { supervisor: personOf(supervisor, org) } : {}),
      };
    },

    /**
     * Registers the paper original in the clerk's receipt register and closes the clerk's task, in one transaction.
     * Idempotent: the register row is keyed by the follow-up's workflow id; the step by its id.
     */
    async registerPaperOriginal(input: RegisterPaperInput): Promise<{ number: number; year: number; text: string }> {
      return inTransaction(ds, async (em) => {
        const at = new Date();
        const allocated = await allocateNumber(em, {
          register: 'receipt',
          unitId: input.unitId,
          year: beYearOf(at),
          idempotencyKey: `${input.workflowId}:paper-receipt`,
          documentId: input.documentId,
          subject: input.subject,
          fromText: input.fromText ?? null,
          toText: input.executiveTitle,
          remark: 'ต้นฉบับกระดาษตามที่เสนอทางระบบ',
          method: 'paper',
          recordedAt: at,
        });
        if (await claimStep(em, `${input.workflowId}:${input.stepId}`, at)) {
          await closeTask(em, {
            taskId: input.taskId,
            outcome: input.outcome,
            closedBy: input.actor.userId || null,
            closedAt: at,
          });
          await appendAudit(em, {
            at,
            actorUserId: input.actor.userId || null,
            action: input.outcome === 'register_paper' ? 'paper.registered' : 'paper.arrived',
            documentId: input.documentId,
            details: {
              taskId: input.taskId,
              outcome: input.outcome,
              register: 'receipt',
              unitId: input.unitId,
              number: allocated.number,
              year: allocated.year,
              executive: input.executiveTitle,
            },
          });
        }
        return {
          number: allocated.number,
          year: allocated.year,
          text: formatReceiptStamp({ number: allocated.number, receivedAt: at }),
        };
      });
    },
  };
}

function personOf(user: OrgUser, org: OrgSnapshot): PersonRef {
  const full = org.users.find((u) => u.username === user.username) ?? user;
  const position = positionById(full.positionId, org);
  return {
    id: String(full.id),
    displayName: full.displayName,
    unitId: registryUnitOf(position.unitId, org).id,
    positionTitle: position.title,
  };
}
