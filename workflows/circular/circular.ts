import {
  allHandlersFinished,
  condition,
  executeChild,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { bangkokDateOf, decide, registerFor, type Capability, type RolloutDecision } from '../../domain';
import { STAGE, UNIT, URGENCY } from '../shared/search-attributes';
import { circularBatch } from './batch';
import * as c from './contract';

const acts = proxyActivities<Activities>({
  // One database transaction of milliseconds: when a worker dies mid-activity, Temporal retries it elsewhere after
  // this long, so it is short (a retry applies the step once: step ids, keyed allocations).
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: ['INVALID_INPUT'] },
});

/** Patch id: a top-secret circular takes its number from the secret register. */
const TOP_SECRET_NUMBER = 'circular-top-secret-number';

/**
 * The life of a circular (หนังสือเวียน): the ว number from the sending unit's circular register → fan-out in batches,
 * each a child workflow that delivers, tracks acknowledgements and reminds and escalates its laggards → closed with
 * the figures when every batch has finished.
 */
export async function circularDocument(input: c.CircularInput): Promise<c.BatchResult> {
  const { workflowId } = workflowInfo();
  const answer: { registration?: c.CircularRegistration } = {};
  setHandler(c.registrationUpdate, async () => {
    await condition(() => answer.registration !== undefined);
    return answer.registration!;
  });
  upsertSearchAttributes([
    { key: STAGE, value: 'registering' },
    { key: URGENCY, value: input.fields.urgency },
    { key: UNIT, value: input.unitId },
  ]);

  const date = bangkokDateOf(new Date());
  // A circular made in the system (phase 3), or one made outside it and circulated through it (phase 2).
  const made = decideFor(input, 'e_circular', date);
  const circulated = decideFor(input, 'circulate', date);
  const decision = made.medium === 'electronic' ? made : circulated.medium === 'electronic' ? circulated : made;
  // ลับที่สุด stays on paper but is registered all the same, in the secret register (lives before the patch were not).
  const numbered =
    decideFor(input, 'number', date).medium === 'electronic' ||
    (input.fields.secrecy === 'top_secret' && patched(TOP_SECRET_NUMBER));
  const names = input.recipients.map((r) => r.name).join(', ');
  const { number } = await acts.registerCircular({
    documentId: input.documentId,
    workflowId,
    unitId: input.unitId,
    author: input.author,
    fields: input.fields,
    body: input.body,
    file: input.file,
    ...(input.requestId ? { requestId: input.requestId } : {}),
    recipientsText: names.length > 500 ? `${input.recipients.length} หน่วยงาน` : names,
    recipientCount: input.recipients.length,
    medium: decision.medium,
    ...(decision.medium === 'paper' && decision.reason
      ? { paperReason: decision.reason.th, paperReasonCode: decision.reason.code }
      : {}),
    numbered,
    register: registerFor({ direction: 'outgoing', secrecy: input.fields.secrecy as never, circular: true }),
  });
  const stage = decision.medium === 'paper' ? 'paper' : 'circulating';
  answer.registration = {
    id: input.documentId,
    workflowId,
    stage,
    medium: decision.medium,
    number,
    recipients: input.recipients.length,
    ...(decision.medium === 'paper' && decision.reason
      ? { paperReason: decision.reason.th, paperReasonCode: decision.reason.code }
      : {}),
  };
  upsertSearchAttributes([{ key: STAGE, value: stage }]);
  if (decision.medium === 'paper') {
    await condition(allHandlersFinished);
    return { acknowledged: 0, expired: 0 };
  }

  const size = Math.max(1, input.settings.batchSize);
  const batches: c.CircularRecipient[][] = [];
  for (let i = 0; i < input.recipients.length; i += size) batches.push(input.recipients.slice(i, i + size));
  const results = await Promise.all(
    batches.map((units, i) =>
      executeChild(circularBatch, {
        workflowId: c.circularBatchWorkflowId(input.documentId, i + 1),
        parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
        args: [
          {
            documentId: input.documentId,
            parentWorkflowId: workflowId,
            batch: i + 1,
            senderName: input.unitName,
            subject: input.fields.subject,
            urgency: input.fields.urgency,
            units,
            settings: input.settings,
          },
        ],
      }),
    ),
  );
  const total = results.reduce(
    (a, r) => ({ acknowledged: a.acknowledged + r.acknowledged, expired: a.expired + r.expired }),
    {
      acknowledged: 0,
      expired: 0,
    },
  );
  await acts.closeCircular({ stepId: uuid4(), documentId: input.documentId, workflowId, ...total });
  upsertSearchAttributes([{ key: STAGE, value: 'closed' }]);
  await condition(allHandlersFinished);
  return total;
}

function decideFor(input: c.CircularInput, capability: Capability, date: string): RolloutDecision {
  return decide({
    capability,
    unitId: input.unitId,
    date,
    secrecy: input.fields.secrecy as never,
    category: input.fields.category as never,
    kind: input.fields.kind as never,
    earlyAdoption: input.unitEarlyPhase ? { [input.unitId]: input.unitEarlyPhase } : undefined,
  });
}
