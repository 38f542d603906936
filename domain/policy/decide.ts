/**
 * The rollout decision: is this step electronic for this unit on this day, and if not, why (in Thai and as a code).
 * Workflows ask before each step; `GET /api/rollout/decision` exposes the same function.
 */
import {
  capabilityLabel,
  categoryLabel,
  secrecyLabel,
  type Capability,
  type Category,
  type DocumentKind,
} from '../enums';
import type { Medium, Secrecy } from '../enums';
import { isExecutivePosition, unitPath, type OrgSnapshot } from '../org';
import { toThaiDigits } from '../thai/digits';
import { formatThaiCalendarDate } from '../thai/dates';
import { defaultRolloutPlan, type RolloutPhase, type RolloutPlan } from './plan';

/** Why a step is on paper. */
export type PaperReasonCode =
  | 'top_secret'
  | 'necessity'
  | 'not_yet'
  | 'not_in_plan'
  | 'secret_information'
  | 'national_security'
  | 'procurement'
  | 'excluded_category'
  | 'excluded_kind';

/** A reason, as a code for dashboards and in both languages for people. */
export type PaperReason = { code: PaperReasonCode; th: string; en: string };

/** The answer of `decide`: the medium, the unit's phase that day, and the reason when paper. */
export type RolloutDecision = { medium: Medium; phase: number; reason?: PaperReason };

/**
 * What `decide` looks at. `earlyAdoption` maps a unit id to the phase it adopted before that phase's date. The
 * capability carries the distinction between steps (e.g. 'external_letter' for a letter leaving the BMA); `kind`
 * matters only through a phase's `exclusions.kinds`. With `org`, an unknown unit id is an error.
 */
export type DecideInput = {
  capability: Capability;
  unitId: string;
  date: string;
  secrecy: Secrecy;
  category: Category;
  kind: DocumentKind;
  earlyAdoption?: Record<string, number>;
  plan?: RolloutPlan;
  /** With the organisation, a unit inherits the early adoption of its parents (a district's sections). */
  org?: OrgSnapshot;
  /** "เหตุจำเป็นอื่นใด": a person's stated reason that this step cannot be electronic. */
  necessity?: string;
};

const sortedPhases = (plan: RolloutPlan) => [...plan.phases].sort((a, b) => a.number - b.number);

/** The phase a plan is in on a date, whatever the unit (the first phase before the plan starts). */
export function phaseOnDate(date: string, plan: RolloutPlan = defaultRolloutPlan()): RolloutPhase {
  const phases = sortedPhases(plan);
  return phases.filter((p) => p.from <= date).at(-1) ?? phases[0];
}

/** A unit's phase on a date: the plan's, or a later one the unit (or, with `org`, a parent unit) adopted early. */
export function phaseOf(input: {
  unitId: string;
  date: string;
  earlyAdoption?: Record<string, number>;
  plan?: RolloutPlan;
  org?: OrgSnapshot;
}): RolloutPhase {
  const plan = input.plan ?? defaultRolloutPlan();
  const byDate = phaseOnDate(input.date, plan);
  const unitIds = input.org ? unitPath(input.unitId, input.org).map((u) => u.id) : [input.unitId];
  const early = Math.max(...unitIds.map((id) => input.earlyAdoption?.[id] ?? 0));
  // An early adopter takes a later phase, never an earlier one; an unknown phase number falls to the last one below.
  const adopted = sortedPhases(plan)
    .filter((p) => p.number <= early)
    .at(-1);
  return adopted && adopted.number > byDate.number ? adopted : byDate;
}

/** The first phase that makes a capability electronic for every category, or undefined when none does. */
export function phaseStartOf(
  capability: Capability,
  plan: RolloutPlan = defaultRolloutPlan(),
): RolloutPhase | undefined {
  return sortedPhases(plan).find((p) => p.capabilities.includes(capability));
}

/** True when a capability is electronic in a phase for a category (its own phase, or a limited switch-on). */
export function isCapabilityOn(capability: Capability, category: Category, phase: number, plan: RolloutPlan): boolean {
  return sortedPhases(plan)
    .filter((p) => p.number <= phase)
    .some(
      (p) =>
        p.capabilities.includes(capability) ||
        (p.limited ?? []).some((l) => l.capability === capability && l.categories.includes(category)),
    );
}

function paper(phase: number, code: PaperReasonCode, th: string, en: string): RolloutDecision {
  return { medium: 'paper', phase, reason: { code, th, en } };
}

/** Whether a step is electronic or on paper, for this unit, day, secrecy, category and kind (see `plan.ts`). */
export function decide(input: DecideInput): RolloutDecision {
  const plan = input.plan ?? defaultRolloutPlan();
  const phase = phaseOf({ ...input, plan });
  const n = phase.number;
  // The 2564 amendment: every agency uses e-saraban except for ลับที่สุด. No plan can change that.
  if (input.secrecy === 'top_secret') {
    return paper(n, 'top_secret', 'หนังสือชั้นลับที่สุดดำเนินการด้วยกระดาษเสมอ', 'Top secret documents always stay on paper');
  }
  if (input.necessity?.trim()) {
    return paper(n, 'necessity', `มีเหตุจำเป็น: ${input.necessity.trim()}`, `Other necessity: ${input.necessity.trim()}`);
  }
  if (!isCapabilityOn(input.capability, input.category, n, plan)) return notYet(input.capability, n, plan);
  return excluded(input, phase) ?? { medium: 'electronic', phase: n };
}

function notYet(capability: Capability, phase: number, plan: RolloutPlan): RolloutDecision {
  const start = phaseStartOf(capability, plan);
  if (!start) {
    return paper(
      phase,
      'not_in_plan',
      `แผนยังไม่กำหนดให้${capabilityLabel(capability)}ใช้ระบบ`,
      `${capability} is in no phase`,
    );
  }
  const th = `${capabilityLabel(capability)}ใช้ระบบสารบรรณอิเล็กทรอนิกส์ตั้งแต่ระยะที่ ${toThaiDigits(start.number)} (${formatThaiCalendarDate(start.from)})`;
  return paper(phase, 'not_yet', th, `${capability} is electronic from phase ${start.number} (${start.from})`);
}

function excluded(input: DecideInput, phase: RolloutPhase): RolloutDecision | undefined {
  const n = phase.number;
  const { secrecies, categories, kinds = [] } = phase.exclusions;
  if (secrecies.includes(input.secrecy)) {
    const th = `ข้อมูลข่าวสารลับ (${secrecyLabel(input.secrecy)}) ยังไม่ใช้ระบบในระยะที่ ${toThaiDigits(n)}`;
    return paper(n, 'secret_information', th, `Secret information (${input.secrecy}) stays on paper in phase ${n}`);
  }
  if (categories.includes(input.category)) {
    const code: PaperReasonCode =
      input.category === 'national_security' || input.category === 'procurement' ? input.category : 'excluded_category';
    const th = `${categoryLabel(input.category)} ยังไม่ใช้ระบบในระยะที่ ${toThaiDigits(n)}`;
    return paper(n, code, th, `${input.category} stays on paper in phase ${n}`);
  }
  if (kinds.includes(input.kind)) {
    return paper(
      n,
      'excluded_kind',
      `หนังสือประเภทนี้ยังไม่ใช้ระบบในระยะที่ ${toThaiDigits(n)}`,
      `${input.kind} stays on paper in phase ${n}`,
    );
  }
  return undefined;
}

/** True when the content of a document may be stored in the system at all: never for ลับที่สุด. */
export function mayStoreContent(secrecy: Secrecy): boolean {
  return secrecy !== 'top_secret';
}

/** What the paper follow-up looks at: the proposal's recipient, its category and the proposer's unit and day. */
export type PaperFollowUpInput = Omit<DecideInput, 'capability' | 'unitId' | 'secrecy' | 'kind'> & {
  /** The executive's position (with `org`), or say directly whether the recipient is an executive. */
  toPositionId?: string;
  executive?: boolean;
  unitId?: string;
  secrecy?: Secrecy;
  kind?: DocumentKind;
};

/**
 * Whether a proposal to an executive needs the paper original to follow (the memo, phase 3): yes when it goes
 * electronically to the Governor, a Deputy Governor, the Permanent Secretary or a Deputy, except invitations and
 * reports unrelated to procurement and disbursement. Never when the proposal itself is on paper.
 */
export function paperFollowUpDecision(input: PaperFollowUpInput): { required: boolean; reason: string } {
  const plan = input.plan ?? defaultRolloutPlan();
  const executive =
    input.executive ?? (input.org && input.toPositionId ? isExecutivePosition(input.toPositionId, input.org) : false);
  if (!executive) return { required: false, reason: 'not to an executive' };
  if (plan.paperFollowUp.exemptCategories.includes(input.category)) {
    return { required: false, reason: `${input.category} goes electronically with no paper` };
  }
  const proposal = decide({
    ...input,
    plan,
    capability: 'propose',
    unitId: input.unitId ?? '',
    // Without a unit there is no tree to climb: the plan's phase for the day applies.
    org: input.unitId ? input.org : undefined,
    secrecy: input.secrecy ?? 'none',
    kind: input.kind ?? 'memo',
  });
  if (proposal.medium === 'paper') return { required: false, reason: 'the proposal itself is on paper' };
  const { fromPhase, untilPhase } = plan.paperFollowUp;
  if (proposal.phase < fromPhase || (untilPhase !== undefined && proposal.phase >= untilPhase)) {
    return { required: false, reason: `no paper follow-up in phase ${proposal.phase}` };
  }
  return { required: true, reason: 'the paper original follows the electronic proposal' };
}

/** True when a proposal to an executive needs its paper original to follow (see `paperFollowUpDecision`). */
export function needsPaperFollowUp(input: PaperFollowUpInput): boolean {
  return paperFollowUpDecision(input).required;
}
