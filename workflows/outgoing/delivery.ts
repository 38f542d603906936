import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { incomingWorkflowId, type IncomingInput } from '../incoming/contract';
import { incomingDocument } from '../incoming/incoming';
import type { TaskTiming } from '../shared/timing';
import type { DispatchRecorded, ElectronicDelivery } from './activity-types';
import type { DraftContent } from './contract';
import { systemActor } from './life';

/** How many recipients' lives are started in one workflow task. */
const START_BATCH = 50;

/**
 * Starts the incoming life (รับหนังสือ) of every recipient unit: each registers the document with its own receipt
 * number, the sender's number as "ที่" and the signing date. The workflow id is the delivery's business key, so a
 * life that already exists (a replay after a reset) counts as delivered; the recipients' lives outlive this one.
 */
export async function startRecipientLives(
  recorded: DispatchRecorded,
  draft: DraftContent,
  o: { receivedAt: string; timing?: TaskTiming; file?: { sha256: string; name: string } },
): Promise<string[]> {
  const delivered: string[] = [];
  for (let i = 0; i < recorded.electronic.length; i += START_BATCH) {
    const batch = recorded.electronic.slice(i, i + START_BATCH);
    await Promise.all(
      batch.map(async (e) => {
        try {
          await startChild(incomingDocument, {
            workflowId: incomingWorkflowId(e.incomingDocumentId),
            args: [{ ...incomingInputFor(e, recorded, draft, o), ...(o.timing ? { timing: o.timing } : {}) }],
            parentClosePolicy: ParentClosePolicy.ABANDON,
          });
        } catch (error) {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        }
        delivered.push(e.unitId);
      }),
    );
  }
  return delivered;
}

function incomingInputFor(
  e: ElectronicDelivery,
  recorded: DispatchRecorded,
  draft: DraftContent,
  o: { receivedAt: string; file?: { sha256: string; name: string } },
): IncomingInput {
  return {
    documentId: e.incomingDocumentId,
    unitId: e.unitId,
    ...(e.earlyPhase ? { unitEarlyPhase: e.earlyPhase } : {}),
    registeredBy: systemActor(e.unitId),
    receivedAt: o.receivedAt,
    fields: {
      subject: draft.subject,
      kind: draft.kind,
      urgency: draft.urgency,
      secrecy: draft.secrecy,
      category: draft.category,
      senderName: recorded.sender.unitName,
      senderNumber: recorded.sender.number,
      senderDate: recorded.sender.date,
      toText: e.unitName,
      ...(o.file ? { fileSha256: o.file.sha256, fileName: o.file.name } : {}),
    },
  };
}
