/**
 * Buddhist-era dates and times as Thai official documents print them, always on the Asia/Bangkok clock and always
 * from ICU (`th-TH-u-ca-buddhist-nu-thai`): month names, the BE year and Thai digits are never typed by hand here.
 */

/** The time zone of every date the BMA writes. */
export const BANGKOK_TIME_ZONE = 'Asia/Bangkok';

const THAI_LOCALE = 'th-TH-u-ca-buddhist-nu-thai';
const zone = { timeZone: BANGKOK_TIME_ZONE } as const;

const longDate = new Intl.DateTimeFormat(THAI_LOCALE, { ...zone, day: 'numeric', month: 'long', year: 'numeric' });
const shortDate = new Intl.DateTimeFormat(THAI_LOCALE, { ...zone, day: 'numeric', month: 'short', year: 'numeric' });
// hourCycle h23, not hour12:false: some ICU versions print midnight as "24" with the latter.
const time = new Intl.DateTimeFormat(THAI_LOCALE, { ...zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const beYear = new Intl.DateTimeFormat('th-TH-u-ca-buddhist-nu-latn', { ...zone, year: 'numeric' });
const civil = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
  ...zone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

type PartType = Intl.DateTimeFormatPartTypes;

function partsOf(format: Intl.DateTimeFormat, instant: Date): Partial<Record<PartType, string>> {
  assertValid(instant);
  const parts: Partial<Record<PartType, string>> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  return parts;
}

function assertValid(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
}

/** Wall-clock fields of an instant in Bangkok (CE year, month 1-12), read from ICU. */
export function bangkokWallClock(instant: Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
} {
  const p = partsOf(civil, instant);
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

/** The Buddhist-era year of an instant in Bangkok: 2025-12-31T17:30Z is already 1 Jan 2026 there, so 2569. */
export function beYearOf(instant: Date): number {
  return Number(partsOf(beYear, instant).year);
}

/** The Bangkok calendar day of an instant as 'YYYY-MM-DD' (CE), the key of registers and the working calendar. */
export function bangkokDateOf(instant: Date): string {
  const { year, month, day } = bangkokWallClock(instant);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/**
 * A Thai date: 'long' "๒๒ ธันวาคม ๒๕๖๖" as in a letter; 'short' "๒๒ ธ.ค. ๒๕๖๖" as on a stamp or register (the full
 * four-digit BE year, not ICU's two-digit short year).
 */
export function formatThaiDate(instant: Date, style: 'long' | 'short' = 'long'): string {
  // Joined from the parts so that an ICU update adding "พ.ศ." or changing spacing cannot change a printed letter.
  const p = partsOf(style === 'long' ? longDate : shortDate, instant);
  return `${p.day} ${p.month} ${p.year}`;
}

/** The time as Thai documents print it, hours and minutes with a dot: "๐๙.๓๙". */
export function formatThaiTime(instant: Date): string {
  const p = partsOf(time, instant);
  return `${p.hour}.${p.minute}`;
}

/** Date and time as on a receipt stamp or in a history line: "๒๕ ธ.ค. ๒๕๖๖ เวลา ๐๙.๓๙". */
export function formatThaiDateTime(instant: Date): string {
  return `${formatThaiDate(instant, 'short')} เวลา ${formatThaiTime(instant)}`;
}

/** A calendar day 'YYYY-MM-DD' (e.g. a sender's letter date) in Thai: "๒๒ ธันวาคม ๒๕๖๖". */
export function formatThaiCalendarDate(ymd: string, style: 'long' | 'short' = 'long'): string {
  // Noon in Bangkok is the same calendar day whatever the offset.
  return formatThaiDate(bangkokInstant(ymd, '12:00'), style);
}

/**
 * The instant of a Bangkok wall-clock time. Asia/Bangkok has been UTC+07:00 without daylight saving since 1920, so a
 * fixed offset is exact for every date a document can carry (a unit test checks it against ICU).
 */
export function bangkokInstant(ymd: string, hhmm = '00:00'): Date {
  if (!isCalendarDate(ymd)) throw new RangeError(`Not a calendar date: ${ymd}`);
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(hhmm)) throw new RangeError(`Not a time of day: ${hhmm}`);
  return new Date(`${ymd}T${hhmm}:00+07:00`);
}

/** True for a real 'YYYY-MM-DD' calendar day (2024-02-29 yes, 2023-02-29 no). */
export function isCalendarDate(ymd: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Adds whole days to a 'YYYY-MM-DD' calendar day. */
export function addCalendarDays(ymd: string, days: number): string {
  const [year, month, day] = ymd.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Day of the week of a 'YYYY-MM-DD' calendar day: 0 Sunday … 6 Saturday. */
export function weekdayOf(ymd: string): number {
  const [year, month, day] = ymd.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
