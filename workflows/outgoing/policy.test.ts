import type { DraftContent, Recipient } from './contract';
import { creationCapability, decideStep, planDeliveries, type PolicySubject } from './policy';

const own: Recipient = { type: 'unit', unitId: 'district-1011', name: 'สำนักงานเขตลาดกระบัง' };
const other: Recipient = { type: 'unit', unitId: 'district-1001', name: 'สำนักงานเขตพระนคร' };
const outside: Recipient = { type: 'external', name: 'สำนักงานพัฒนารัฐบาลดิจิทัล', email: 'saraban@dga.example' };

function subject(draft: Partial<DraftContent> = {}, unitEarlyPhase?: number): PolicySubject {
  return {
    unitId: 'district-1011',
    ...(unitEarlyPhase ? { unitEarlyPhase } : {}),
    draft: {
      kind: 'memo',
      subject: 'ทดสอบ',
      urgency: 'normal',
      secrecy: 'none',
      category: 'general',
      recipients: [own, other, outside],
      ...draft,
    },
  };
}

const methods = (s: PolicySubject, date: string) =>
  planDeliveries(s, date).map((d) => (d.method === 'paper' ? `paper:${d.paperReasonCode}` : d.method));

describe('planDeliveries: how each recipient gets the document on the day of sending', () => {
  it.each([
    ['2024-01-15', 'phase 2: only the internal memo is electronic', ['internal', 'paper:not_yet', 'paper:not_yet']],
    ['2024-02-15', 'phase 3: between units too, outside bodies on paper', ['internal', 'electronic', 'paper:not_yet']],
    ['2024-03-15', 'phase 4: the central e-mail as well', ['internal', 'electronic', 'email']],
  ])('on %s (%s)', (date, _, expected) => {
    expect(methods(subject(), date)).toEqual(expected);
  });

  it('lets a unit that adopted phase 4 early send outside the BMA in phase 3', () => {
    expect(methods(subject({}, 4), '2024-02-15')).toEqual(['internal', 'electronic', 'email']);
  });

  it('keeps secret information on paper until phase 4, and ลับที่สุด always', () => {
    expect(methods(subject({ secrecy: 'confidential' }), '2024-02-15')).toEqual([
      'paper:secret_information',
      'paper:secret_information',
      'paper:secret_information',
    ]);
    expect(methods(subject({ secrecy: 'confidential' }), '2024-03-15')).toEqual(['internal', 'electronic', 'email']);
    expect(methods(subject({ secrecy: 'top_secret' }), '2026-01-05')).toEqual([
      'paper:top_secret',
      'paper:top_secret',
      'paper:top_secret',
    ]);
  });

  it('gives every paper delivery the policy reason in Thai', () => {
    const [, paper] = planDeliveries(subject(), '2024-01-15');
    expect(paper.paperReason).toMatch(/ระยะที่ ๓/);
  });
});

describe('creationCapability', () => {
  it.each([
    ['memo', [own], 'internal_memo'],
    ['memo', [own, other], 'create'],
    ['external', [outside], 'create'],
  ] as const)('a %s to %j is %s', (kind, recipients, capability) => {
    expect(creationCapability(subject({ kind, recipients: [...recipients] }))).toBe(capability);
  });

  it('makes an internal memo electronic in phase 2, any other draft only from phase 3', () => {
    const memo = subject({ recipients: [own] });
    expect(decideStep(memo, creationCapability(memo), '2024-01-15').medium).toBe('electronic');
    const letter = subject({ kind: 'external', recipients: [outside] });
    expect(decideStep(letter, creationCapability(letter), '2024-01-15').medium).toBe('paper');
    expect(decideStep(letter, creationCapability(letter), '2024-02-15').medium).toBe('electronic');
  });
});
