import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { Env } from '../config/env';
import { formatDocumentNumber, parseDocumentNumber, registryUnitOf, type Urgency } from '../domain';
import {
  incomingWorkflowId,
  registrationUpdate,
  type IncomingInput,
  type Registration,
} from '../workflows/incoming/contract';
import type { Actor } from '../workflows/shared/tasks';
import { uuidFromText } from '../db/ids';
import { storedRegistration } from '../db/registrations';
import { lifeTiming } from '../db/life-timing';
import type { OrgDirectory } from '../db/org';

/** What registering a letter needs; the API's mail review and the intake service each pass their own. */
export interface LetterRegistrationDeps {
  ds: DataSource;
  temporal: Client;
  org: OrgDirectory;
  env: Env;
}

/** A letter that arrived at a unit's central address, its PDFs already in the file store. */
export interface MailLetter {
  unitId: string;
  from: string;
  senderName: string;
  subject: string;
  receivedAt: Date;
  messageId: string;
  pdfs: Array<{ name: string; sha256: string }>;
}

/** The urgency a subject line announces ("ด่วนที่สุด …"), else normal. */
export function urgencyOfSubject(subject: string): Urgency {
  if (subject.includes('ด่วนที่สุด')) return 'most_urgent';
  if (subject.includes('ด่วนมาก')) return 'very_urgent';
  return /(^|\s|\[)ด่วน/.test(subject) ? 'urgent' : 'normal';
}

/** The sender's letter number when the subject carries one ("ที่ กท 0403/ว 276 เรื่อง …"). */
export function numberOfSubject(subject: string): string | undefined {
  const match = /([ก-ฮ]{1,4}\s*\.?\s*[\d๐-๙]+(?:\s*\.\s*[\d๐-๙]+)*\s*\/\s*(?:ว\s*\.?\s*)?[\d๐-๙]+)/.exec(subject);
  const parsed = match ? parseDocumentNumber(match[1]) : null;
  return parsed ? formatDocumentNumber(parsed) : undefined;
}

/** The unit's clerk who registers what its central address receives (the first active clerk of the registry unit). */
export async function unitClerk(deps: Pick<LetterRegistrationDeps, 'org'>, unitId: string): Promise<Actor | undefined> {
  const org = await deps.org.get();
  const positions = new Map(org.positions.map((p) => [p.id, p]));
  const clerk = org.users.find((u) => {
    const position = positions.get(u.positionId);
    return u.id && u.roles.includes('clerk') && position && registryUnitOf(position.unitId, org).id === unitId;
  });
  return clerk?.id ? { userId: clerk.id, displayName: clerk.displayName, roles: clerk.roles, unitId } : undefined;
}

/** The id the letter's document gets: one per Message-ID and unit, so a registration retried finds the same life. */
export const mailDocumentId = (letter: Pick<MailLetter, 'unitId' | 'messageId'>): string =>
  uuidFromText(`mail\n${letter.unitId}\n${letter.messageId}`);

/**
 * Registers a letter received by e-mail as an incoming document through the incoming life (receipt number, stamp,
 * triage), exactly as a clerk's POST /api/documents/incoming does: the first PDF is the document's file, the others
 * are named in the note. Idempotent by Message-ID and unit: the document id is derived from them and the life's id
 * from the document, so a second call joins the running life (USE_EXISTING) and gets its registration; once the
 * document is stored its registration is read back instead, so a life that has since ended is never started again
 * (a second life would open a second triage task on the same document).
 */
export async function registerMailLetter(
  deps: LetterRegistrationDeps,
  letter: MailLetter,
  by: Actor,
): Promise<Registration> {
  const documentId = mailDocumentId(letter);
  const stored = await storedRegistration(deps.ds, documentId);
  if (stored) return stored;
  const [unitRow] = (await deps.ds.query('SELECT name, early_phase FROM units WHERE id = ?', [
    letter.unitId,
  ])) as Array<{
    name: string;
    early_phase: number | null;
  }>;
  const [first, ...more] = letter.pdfs;
  const note = [
    `รับทางอีเมลกลางจาก ${letter.from}`,
    ...(more.length > 0 ? [`ไฟล์แนบเพิ่มเติม: ${more.map((p) => `${p.name} (${p.sha256.slice(0, 12)})`).join(', ')}`] : []),
    ...(letter.pdfs.length === 0 ? ['ไม่มีไฟล์ PDF แนบ'] : []),
  ].join('\n');
  const senderNumber = numberOfSubject(letter.subject);
  const input: IncomingInput = {
    documentId,
    unitId: letter.unitId,
    ...(unitRow?.early_phase ? { unitEarlyPhase: Number(unitRow.early_phase) } : {}),
    registeredBy: by,
    receivedAt: letter.receivedAt.toISOString(),
    timing: await lifeTiming(deps),
    fields: {
      subject: letter.subject.slice(0, 500) || '(ไม่มีเรื่อง)',
      kind: 'external',
      urgency: urgencyOfSubject(letter.subject),
      secrecy: 'none',
      category: 'general',
      senderName: letter.senderName,
      ...(senderNumber ? { senderNumber } : {}),
      toText: unitRow?.name,
      note,
      ...(first ? { fileSha256: first.sha256, fileName: first.name } : {}),
    },
  };
  return deps.temporal.workflow.executeUpdateWithStart(registrationUpdate, {
    startWorkflowOperation: new WithStartWorkflowOperation('incomingDocument', {
      workflowId: incomingWorkflowId(documentId),
      taskQueue: deps.env.TEMPORAL_TASK_QUEUE,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      // Only a life that failed before registering may start again under the id; one that ended keeps its document.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    }),
  });
}
