import { decide, type Capability, type RolloutDecision } from '../../domain';
import type { PlannedDelivery } from './activity-types';
import type { DraftContent } from './contract';

/** Who is asking: the sending registry unit (and its early adoption) and the draft as it stands. */
export interface PolicySubject {
  unitId: string;
  unitEarlyPhase?: number;
  draft: DraftContent;
}

/** The rollout decision for one step of the life, for the sending unit on a Bangkok day 'YYYY-MM-DD'. */
export function decideStep(subject: PolicySubject, capability: Capability, date: string): RolloutDecision {
  return decide({
    capability,
    unitId: subject.unitId,
    date,
    secrecy: subject.draft.secrecy as never,
    category: subject.draft.category as never,
    kind: subject.draft.kind as never,
    earlyAdoption: subject.unitEarlyPhase ? { [subject.unitId]: subject.unitEarlyPhase } : undefined,
  });
}

/** The first of several decisions that is paper, else the last (electronic) one: a step needs every capability. */
export function decideAll(subject: PolicySubject, capabilities: Capability[], date: string): RolloutDecision {
  let last: RolloutDecision | undefined;
  for (const capability of capabilities) {
    last = decideStep(subject, capability, date);
    if (last.medium === 'paper') return last;
  }
  return last!;
}

/**
 * What creating the draft needs: a memo that stays inside the author's own unit is an internal memo (electronic
 * from phase 2); anything else is "creating a document" (phase 3).
 */
export function creationCapability(subject: PolicySubject): Capability {
  const internal = subject.draft.recipients.every((r) => r.type === 'unit' && r.unitId === subject.unitId);
  return subject.draft.kind === 'memo' && internal ? 'internal_memo' : 'create';
}

/**
 * How each recipient gets the document on `date`: the sender's own unit directly; another BMA unit through its
 * incoming life (sending and receiving between units); a body outside the BMA through the unit's central e-mail
 * (external or stamped letters outside the BMA, and the central e-mail). A step the plan keeps on paper is a paper
 * delivery with the policy's reason.
 */
export function planDeliveries(subject: PolicySubject, date: string): PlannedDelivery[] {
  return subject.draft.recipients.map((recipient, seq) => {
    let method: PlannedDelivery['method'];
    let capabilities: Capability[];
    if (recipient.type === 'unit' && recipient.unitId === subject.unitId) {
      method = 'internal';
      capabilities = [subject.draft.kind === 'memo' ? 'internal_memo' : 'send'];
    } else if (recipient.type === 'unit') {
      method = 'electronic';
      capabilities = ['send', 'inter_unit'];
    } else {
      method = 'email';
      capabilities = ['send', subject.draft.kind === 'stamped' ? 'stamped_letter' : 'external_letter', 'central_email'];
    }
    const decision = decideAll(subject, capabilities, date);
    if (decision.medium === 'paper') {
      return {
        seq,
        recipient,
        method: 'paper',
        ...(decision.reason ? { paperReason: decision.reason.th, paperReasonCode: decision.reason.code } : {}),
      };
    }
    return { seq, recipient, method };
  });
}
