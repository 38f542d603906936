/**
 * Keeping and destroying documents (การเก็บรักษาและการทำลายหนังสือ): each document has a retention class; once its
 * period has run out in a calendar year, it may be listed within 60 days after that year ends, reviewed by a
 * committee (a chair and at least two members), agreed by the National Archives, and only then destroyed. The exact
 * periods are configuration (domain.md marks them unverified), never a hard-coded rule.
 */
import { addCalendarDays, isCalendarDate } from './thai/dates';

/** Retention classes: 'permanent' never destroyed; 'standard' the default; 'routine' everyday papers; 'by_law'. */
export const RETENTION_CLASSES = ['permanent', 'standard', 'routine', 'by_law'] as const;
/** A retention class id. */
export type RetentionClass = (typeof RETENTION_CLASSES)[number];

/**
 * Retention periods in years per class (null = keep for good), the listing window in days after 31 December, and the
 * smallest destruction committee. Defaults: permanent for good, standard 10, routine 1, by_law 10 unless the document
 * states its law's period; 60 days; three people (a chair and two members).
 */
export type RetentionPolicy = {
  years: Record<RetentionClass, number | null>;
  listingWindowDays: number;
  committeeMinSize: number;
};

const CLASS_LABELS: Record<RetentionClass, string> = {
  permanent: 'เก็บไว้ตลอดไป (ห้ามทำลาย)',
  standard: 'เก็บไว้ไม่น้อยกว่า ๑๐ ปี',
  routine: 'เรื่องธรรมดาที่เกิดขึ้นเป็นประจำ เก็บไว้ไม่น้อยกว่า ๑ ปี',
  by_law: 'เก็บตามระยะเวลาที่กฎหมายกำหนด',
};

/** The default retention policy (see `RetentionPolicy`). */
export function defaultRetentionPolicy(): RetentionPolicy {
  return {
    years: { permanent: null, standard: 10, routine: 1, by_law: 10 },
    listingWindowDays: 60,
    committeeMinSize: 3,
  };
}

/** Thai description of a retention class (worded for the default periods). */
export function retentionClassLabel(retention: RetentionClass): string {
  return CLASS_LABELS[retention];
}

/** When a document's retention ends and when it may be proposed for destruction; null when it is kept for good. */
export type DestructionSchedule = {
  /** The first day after the retention period, 'YYYY-MM-DD'. */
  expiresOn: string;
  /** The Buddhist-era year of the listing that may include it (the year after the period runs out). */
  proposeInBeYear: number;
  /** The listing window of that year: from 1 January until the last of `listingWindowDays` days after 31 December. */
  listFrom: string;
  listBy: string;
};

function addYears(ymd: string, years: number): string {
  const [y, m, d] = ymd.split('-').map(Number);
  const target = `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  // 29 February plus a number of years that lands on a common year ends on 28 February.
  return isCalendarDate(target) ? target : target.replace(/-29$/, '-28');
}

/**
 * The destruction schedule of a document kept from `keptFrom` ('YYYY-MM-DD', the day the matter was closed) under a
 * retention class, or with an explicit number of `years` (a law's period). Null for permanent documents.
 */
export function destructionSchedule(input: {
  keptFrom: string;
  retention: RetentionClass;
  years?: number;
  policy?: RetentionPolicy;
}): DestructionSchedule | null {
  if (!isCalendarDate(input.keptFrom)) throw new RangeError(`Not a calendar date: ${input.keptFrom}`);
  const policy = input.policy ?? defaultRetentionPolicy();
  const years = input.retention === 'permanent' ? null : (input.years ?? policy.years[input.retention]);
  if (years === null) return null;
  if (!Number.isInteger(years) || years < 0) throw new RangeError(`Retention years must be a whole number: ${years}`);
  const expiresOn = addYears(input.keptFrom, years);
  // The survey after 31 December takes what ran out in that year, so a period that ends on 1 January still waits a year.
  const lastKeptDay = addCalendarDays(expiresOn, -1);
  const listYear = Number(lastKeptDay.slice(0, 4)) + 1;
  return {
    expiresOn,
    proposeInBeYear: listYear + 543,
    listFrom: `${listYear}-01-01`,
    listBy: addCalendarDays(`${listYear - 1}-12-31`, policy.listingWindowDays),
  };
}

/** True when a document may be put on the destruction list of a Buddhist-era year (never for permanent ones). */
export function mayProposeDestruction(input: {
  keptFrom: string;
  retention: RetentionClass;
  years?: number;
  beYear: number;
  policy?: RetentionPolicy;
}): boolean {
  const schedule = destructionSchedule(input);
  return schedule !== null && input.beYear >= schedule.proposeInBeYear;
}

/** The steps of a destruction, in order: nothing is ever deleted directly. */
export const DESTRUCTION_STEPS = [
  { id: 'list', th: 'สำรวจและจัดทำบัญชีหนังสือขอทำลาย' },
  { id: 'committee', th: 'คณะกรรมการทำลายหนังสือพิจารณา' },
  { id: 'archives', th: 'กรมศิลปากร (หอจดหมายเหตุแห่งชาติ) ให้ความเห็นชอบ' },
  { id: 'destroy', th: 'ทำลายหนังสือและบันทึกการทำลาย' },
] as const;

/** True when a destruction committee is valid: a chair and enough distinct members (three people by default). */
export function isValidDestructionCommittee(
  committee: { chair: string; members: string[] },
  policy: RetentionPolicy = defaultRetentionPolicy(),
): boolean {
  const people = new Set([committee.chair, ...committee.members].map((p) => p.trim()).filter(Boolean));
  return (
    committee.chair.trim() !== '' &&
    !committee.members.includes(committee.chair) &&
    people.size >= policy.committeeMinSize
  );
}
