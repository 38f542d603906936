import { isCalendarDate } from '@domain/thai/dates';
import { toArabicDigits } from '@domain/thai/digits';

/**
 * Reads the date printed on a received letter as a clerk types it: `22/12/2566` or `22-12-66` (Buddhist era, the
 * usual case), `22/12/2023` (CE), or ISO `2023-12-22`, in Thai or Arabic digits. Answers the calendar day
 * `YYYY-MM-DD` (CE) for the API, or null when the text is not a real date.
 */
export function parseSenderDate(text: string): string | null {
  const value = toArabicDigits(text.trim()).replace(/^(ลงวันที่|ลว\.?|วันที่)\s*/, '');
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const dmy = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{2}|\d{4})$/.exec(value);
  const named = /^(\d{1,2})\s*([ก-๙.]+?)\s*(?:พ\.ศ\.\s*)?(\d{2}|\d{4})$/.exec(value);
  let year: number;
  let month: number;
  let day: number;
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (dmy) {
    [day, month, year] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
    // Thai letters abbreviate the Buddhist-era year: 66 → 2566.
    if (dmy[3].length === 2) year += 2500;
  } else if (named && thaiMonth(named[2])) {
    [day, month, year] = [Number(named[1]), thaiMonth(named[2])!, Number(named[3])];
    if (named[3].length === 2) year += 2500;
  } else {
    return null;
  }
  // A year past 2400 can only be Buddhist era (CE = BE − 543); no letter is dated after CE 2400.
  if (year > 2400) year -= 543;
  if (year < 1900) return null;
  const ymd = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isCalendarDate(ymd) ? ymd : null;
}

const MONTHS = [
  ['มกราคม', 'ม.ค.'],
  ['กุมภาพันธ์', 'ก.พ.'],
  ['มีนาคม', 'มี.ค.'],
  ['เมษายน', 'เม.ย.'],
  ['พฤษภาคม', 'พ.ค.'],
  ['มิถุนายน', 'มิ.ย.'],
  ['กรกฎาคม', 'ก.ค.'],
  ['สิงหาคม', 'ส.ค.'],
  ['กันยายน', 'ก.ย.'],
  ['ตุลาคม', 'ต.ค.'],
  ['พฤศจิกายน', 'พ.ย.'],
  ['ธันวาคม', 'ธ.ค.'],
];

/** The month (1-12) of a Thai month name, full or abbreviated with or without dots ("ธ.ค.", "ธค"). */
function thaiMonth(name: string): number | null {
  const bare = (s: string) => s.replace(/\./g, '');
  const index = MONTHS.findIndex(([full, short]) => name === full || bare(name) === bare(short));
  return index < 0 ? null : index + 1;
}

/**
 * Splits what a clerk pastes from a letter's head, "ที่ กท 0403/ว 276 ลงวันที่ 22 ธันวาคม 2566", into the
 * number and the date text; null when the text has no date part.
 */
export function splitNumberAndDate(text: string): { number: string; date: string } | null {
  const match = /^\s*(?:ที่\s+)?(.+?)\s+(?:ลงวันที่|ลว\.?|วันที่)\s*(.+?)\s*$/.exec(text);
  if (!match || !parseSenderDate(match[2])) return null;
  return { number: match[1], date: match[2] };
}
