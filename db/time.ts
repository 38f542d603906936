/** A Date as both databases store DATETIME(3) in UTC: `YYYY-MM-DD HH:MM:SS.mmm` (raw queries cannot bind Date on SQLite). */
export function dbTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** Reads a DATETIME back from a raw query: MySQL gives a Date (timezone Z), SQLite the UTC text written by dbTime. */
export function parseDbTime(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}
