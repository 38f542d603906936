import fc from 'fast-check';
import demo from '../../seed/demo-org.json';
import { CAPABILITIES, CATEGORIES, KINDS, SECRECIES, type Capability } from '../enums';
import type { OrgSnapshot } from '../org';
import {
  decide,
  defaultRolloutPlan,
  mayStoreContent,
  needsPaperFollowUp,
  paperFollowUpDecision,
  phaseOf,
  phaseStartOf,
  type DecideInput,
} from '../policy';

const org = demo as unknown as OrgSnapshot;
const base: DecideInput = {
  capability: 'receive',
  unitId: 'district-1011',
  date: '2024-05-01',
  secrecy: 'none',
  category: 'general',
  kind: 'memo',
};

const PHASE_2: Capability[] = ['receive', 'number', 'internal_memo', 'circulate'];
const PHASE_3: Capability[] = ['create', 'propose', 'sign', 'send', 'annotate', 'inter_unit', 'e_circular'];
const PHASE_4: Capability[] = ['executive', 'external_letter', 'stamped_letter', 'central_email'];

describe('the rollout phases of กท ๐๔๐๓/ว ๒๗๖', () => {
  it.each([
    ['2023-12-22', 1],
    ['2023-12-31', 1],
    ['2024-01-01', 2],
    ['2024-01-31', 2],
    ['2024-02-01', 3],
    ['2024-02-29', 3],
    ['2024-03-01', 4],
    ['2026-11-25', 4],
    ['2023-01-01', 1],
  ])('on %s the BMA is in phase %i', (date, phase) => {
    expect(phaseOf({ unitId: 'district-1011', date }).number).toBe(phase);
  });

  it('divides the capabilities between phases 2, 3 and 4 as the memo does', () => {
    const plan = defaultRolloutPlan();
    expect(plan.phases.map((p) => p.capabilities)).toEqual([[], PHASE_2, PHASE_3, PHASE_4]);
    expect([...PHASE_2, ...PHASE_3, ...PHASE_4].sort()).toEqual([...CAPABILITIES].sort());
    expect(phaseStartOf('e_circular')?.from).toBe('2024-02-01');
  });

  it.each(CAPABILITIES.map((c) => [c]))(
    'phase 1 puts nothing on the system: %s is paper on 31 Dec 2566',
    (capability) => {
      expect(decide({ ...base, capability, date: '2023-12-31' })).toMatchObject({
        medium: 'paper',
        phase: 1,
        reason: { code: 'not_yet' },
      });
    },
  );

  it.each([
    ...PHASE_2.map((c) => [c, '2024-01-01'] as const),
    ...PHASE_3.map((c) => [c, '2024-02-01'] as const),
    ...PHASE_4.map((c) => [c, '2024-03-01'] as const),
  ])('%s is electronic from %s and on paper the day before', (capability, from) => {
    const dayBefore = new Date(Date.parse(from) - 86_400_000).toISOString().slice(0, 10);
    expect(decide({ ...base, capability, date: from }).medium).toBe('electronic');
    expect(decide({ ...base, capability, date: dayBefore })).toMatchObject({
      medium: 'paper',
      reason: { code: 'not_yet' },
    });
  });

  it('explains in Thai when a capability starts', () => {
    expect(decide({ ...base, capability: 'sign', date: '2024-01-15' }).reason).toEqual({
      code: 'not_yet',
      th: 'การลงนามหนังสือใช้ระบบสารบรรณอิเล็กทรอนิกส์ตั้งแต่ระยะที่ ๓ (๑ กุมภาพันธ์ ๒๕๖๗)',
      en: 'sign is electronic from phase 3 (2024-02-01)',
    });
  });

  it.each([
    ['confidential', 'general', 'secret_information'],
    ['secret', 'general', 'secret_information'],
    ['none', 'national_security', 'national_security'],
    ['none', 'procurement', 'procurement'],
  ] as const)('keeps %s / %s on paper in phases 2 and 3 (%s), electronic in phase 4', (secrecy, category, code) => {
    for (const date of ['2024-01-15', '2024-02-15']) {
      expect(decide({ ...base, secrecy, category, date })).toMatchObject({ medium: 'paper', reason: { code } });
    }
    expect(decide({ ...base, secrecy, category, date: '2024-03-01' }).medium).toBe('electronic');
  });

  it('never puts ลับที่สุด on the system', () => {
    expect(decide({ ...base, secrecy: 'top_secret', date: '2030-01-01' })).toEqual({
      medium: 'paper',
      phase: 4,
      reason: {
        code: 'top_secret',
        th: 'หนังสือชั้นลับที่สุดดำเนินการด้วยกระดาษเสมอ',
        en: 'Top secret documents always stay on paper',
      },
    });
    expect(mayStoreContent('top_secret')).toBe(false);
    expect(mayStoreContent('secret')).toBe(true);
  });

  it('leaves disbursement electronic: the memo excludes only procurement', () => {
    expect(decide({ ...base, category: 'disbursement', date: '2024-01-15' }).medium).toBe('electronic');
  });

  it('puts a step on paper for another stated necessity', () => {
    expect(decide({ ...base, necessity: 'ระบบขัดข้อง' })).toMatchObject({
      medium: 'paper',
      reason: { code: 'necessity' },
    });
    expect(decide({ ...base, necessity: '  ' }).medium).toBe('electronic');
  });

  it('lets the executives write on invitations and reports from phase 3, on everything from phase 4', () => {
    const executive = { ...base, capability: 'executive' as const };
    expect(decide({ ...executive, category: 'invitation', date: '2024-02-01' }).medium).toBe('electronic');
    expect(decide({ ...executive, category: 'report', date: '2024-02-01' }).medium).toBe('electronic');
    expect(decide({ ...executive, category: 'general', date: '2024-02-01' }).reason?.code).toBe('not_yet');
    expect(decide({ ...executive, category: 'invitation', date: '2024-01-31' }).reason?.code).toBe('not_yet');
    expect(decide({ ...executive, category: 'general', date: '2024-03-01' }).medium).toBe('electronic');
  });

  it('lets a unit adopt a phase early, and its sections with it', () => {
    const earlyAdoption = { 'district-1011': 3 };
    const early = { ...base, capability: 'sign' as const, date: '2024-01-10', earlyAdoption };
    expect(decide(early)).toEqual({ medium: 'electronic', phase: 3 });
    expect(decide({ ...early, unitId: 'district-1011-admin' }).medium).toBe('paper');
    expect(decide({ ...early, unitId: 'district-1011-admin', org })).toEqual({ medium: 'electronic', phase: 3 });
    expect(decide({ ...early, unitId: 'district-1012', org }).medium).toBe('paper');
    // Adopting early never sets a unit back.
    expect(phaseOf({ unitId: 'district-1011', date: '2024-03-05', earlyAdoption: { 'district-1011': 2 } }).number).toBe(
      4,
    );
  });

  it('takes a plan as configuration, e.g. an excluded kind', () => {
    const plan = defaultRolloutPlan();
    plan.phases[3].exclusions.kinds = ['order'];
    expect(decide({ ...base, kind: 'order', plan }).reason?.code).toBe('excluded_kind');
  });
});

describe('policy properties', () => {
  const inputs = fc.record({
    capability: fc.constantFrom(...CAPABILITIES),
    unitId: fc.constantFrom('district-1011', 'dept-01', 'secretariat'),
    date: fc
      .date({ min: new Date('2023-06-01'), max: new Date('2027-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    secrecy: fc.constantFrom(...SECRECIES),
    category: fc.constantFrom(...CATEGORIES),
    kind: fc.constantFrom(...KINDS),
  });

  it('no capability is electronic before the phase that switches it on (without early adoption)', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const decision = decide(input);
        if (decision.medium === 'electronic') {
          const plan = defaultRolloutPlan();
          const starts = plan.phases.filter(
            (p) =>
              p.capabilities.includes(input.capability) ||
              (p.limited ?? []).some((l) => l.capability === input.capability && l.categories.includes(input.category)),
          );
          expect(starts.some((p) => p.from <= input.date)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('top secret is never electronic, whatever the plan or early adoption', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 0, max: 9 }), (input, early) => {
        const plan = defaultRolloutPlan();
        plan.phases.forEach((p) => (p.exclusions = { secrecies: [], categories: [] }));
        const decision = decide({ ...input, secrecy: 'top_secret', plan, earlyAdoption: { [input.unitId]: early } });
        expect(decision.medium).toBe('paper');
      }),
    );
  });

  it('once electronic, a step stays electronic on every later day', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 1, max: 1500 }), (input, days) => {
        const later = new Date(Date.parse(input.date) + days * 86_400_000).toISOString().slice(0, 10);
        if (decide(input).medium === 'electronic') expect(decide({ ...input, date: later }).medium).toBe('electronic');
      }),
    );
  });

  it('early adoption only ever moves a step from paper to electronic', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 1, max: 4 }), (input, early) => {
        if (decide(input).medium === 'electronic') {
          expect(decide({ ...input, earlyAdoption: { [input.unitId]: early } }).medium).toBe('electronic');
        }
      }),
    );
  });
});

describe('the executives’ paper follow-up', () => {
  const proposal = { unitId: 'district-1011', date: '2024-02-15', category: 'general' as const, org };

  it.each([
    ['governor', true],
    ['deputy-governor-2', true],
    ['permsec', true],
    ['deputy-permsec-3', true],
    ['district-1011-director', false],
  ])('a proposal to %s needs the paper to follow: %p', (toPositionId, needed) => {
    expect(needsPaperFollowUp({ ...proposal, toPositionId })).toBe(needed);
  });

  it.each([
    ['invitation', false],
    ['report', false],
    ['procurement', false], // on paper altogether in phase 3: nothing follows
    ['disbursement', true],
    ['general', true],
  ] as const)('for a %s: %p', (category, needed) => {
    expect(needsPaperFollowUp({ ...proposal, toPositionId: 'permsec', category })).toBe(needed);
  });

  it('needs no follow-up before proposals go electronic (phase 3), nor for a secret proposal', () => {
    expect(paperFollowUpDecision({ ...proposal, toPositionId: 'permsec', date: '2024-01-31' })).toEqual({
      required: false,
      reason: 'the proposal itself is on paper',
    });
    expect(needsPaperFollowUp({ ...proposal, toPositionId: 'permsec', secrecy: 'confidential' })).toBe(false);
  });

  it('uses the plan’s phase for the day when no unit is given', () => {
    expect(needsPaperFollowUp({ toPositionId: 'governor', org, category: 'general', date: '2024-02-15' })).toBe(true);
    expect(needsPaperFollowUp({ toPositionId: 'governor', org, category: 'general', date: '2024-01-15' })).toBe(false);
  });

  it('continues after phase 4 unless the plan ends it', () => {
    expect(needsPaperFollowUp({ ...proposal, executive: true, date: '2026-11-25' })).toBe(true);
    const plan = defaultRolloutPlan();
    plan.paperFollowUp.untilPhase = 4;
    expect(needsPaperFollowUp({ ...proposal, executive: true, date: '2026-11-25', plan })).toBe(false);
    expect(needsPaperFollowUp({ ...proposal, executive: true, plan })).toBe(true);
  });
});
