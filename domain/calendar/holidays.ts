/**
 * The Thai government public holidays of 2023-2027 (B.E. 2566-2570) that ship as the default working calendar. The
 * data, with its sources and open points, is `thai-holidays.json` (copied from the project's shared fixtures); an
 * administrator edits the calendar in the database, so nothing here is a hard-coded rule.
 */
import data from './thai-holidays.json';

/** One public holiday. `status` says how sure the date is: 'projected' for years not yet announced. */
export type Holiday = {
  date: string;
  name: string;
  nameEn: string;
  kind: 'public' | 'substitution' | 'special';
  status: 'verified' | 'unverified' | 'projected';
};

/** Every holiday of the shipped data, in date order (two holidays on one date are two entries). */
export const THAI_HOLIDAYS: readonly Holiday[] = Object.values(data.years)
  .flat()
  .map(({ date, name, nameEn, kind, status }) => ({ date, name, nameEn, kind, status }) as Holiday)
  .sort((a, b) => a.date.localeCompare(b.date));

/** The Thai names of the holidays on a calendar day 'YYYY-MM-DD' (empty when it is not a holiday). */
export function holidayNamesOn(ymd: string): string[] {
  return THAI_HOLIDAYS.filter((h) => h.date === ymd).map((h) => h.name);
}
