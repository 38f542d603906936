import fc from 'fast-check';
import {
  addCalendarDays,
  bangkokDateOf,
  bangkokInstant,
  bangkokWallClock,
  beYearOf,
  formatThaiCalendarDate,
  formatThaiDate,
  formatThaiDateTime,
  formatThaiTime,
  isCalendarDate,
  weekdayOf,
} from './dates';

describe('Buddhist-era dates in Bangkok', () => {
  it.each([
    ['2023-12-22T03:00:00Z', 'long', '๒๒ ธันวาคม ๒๕๖๖'],
    ['2023-12-22T03:00:00Z', 'short', '๒๒ ธ.ค. ๒๕๖๖'],
    ['2023-12-25T02:39:00Z', 'short', '๒๕ ธ.ค. ๒๕๖๖'],
    ['2024-01-01T00:00:00+07:00', 'long', '๑ มกราคม ๒๕๖๗'],
    ['2024-02-01T08:30:00+07:00', 'long', '๑ กุมภาพันธ์ ๒๕๖๗'],
    ['2024-03-01T08:30:00+07:00', 'long', '๑ มีนาคม ๒๕๖๗'],
    ['2026-11-25T10:15:00+07:00', 'short', '๒๕ พ.ย. ๒๕๖๙'],
    ['2024-02-29T12:00:00+07:00', 'long', '๒๙ กุมภาพันธ์ ๒๕๖๗'],
    ['2023-04-13T12:00:00+07:00', 'short', '๑๓ เม.ย. ๒๕๖๖'],
  ] as const)('%s (%s) is %s', (iso, style, thai) => {
    expect(formatThaiDate(new Date(iso), style)).toBe(thai);
  });

  it('defaults to the long form of a letter', () => {
    expect(formatThaiDate(new Date('2023-12-22T03:00:00Z'))).toBe('๒๒ ธันวาคม ๒๕๖๖');
  });

  describe('the year boundary is midnight in Bangkok, not in UTC', () => {
    it.each([
      ['2025-12-31T16:59:59.999Z', 2568, '2025-12-31', '๓๑ ธ.ค. ๒๕๖๘'],
      ['2025-12-31T17:00:00Z', 2569, '2026-01-01', '๑ ม.ค. ๒๕๖๙'],
      ['2025-12-31T17:30:00Z', 2569, '2026-01-01', '๑ ม.ค. ๒๕๖๙'],
      ['2023-12-31T16:59:00Z', 2566, '2023-12-31', '๓๑ ธ.ค. ๒๕๖๖'],
      ['2023-12-31T17:00:00Z', 2567, '2024-01-01', '๑ ม.ค. ๒๕๖๗'],
    ])('%s is BE %i, Bangkok day %s', (iso, year, day, thai) => {
      const instant = new Date(iso);
      expect(beYearOf(instant)).toBe(year);
      expect(bangkokDateOf(instant)).toBe(day);
      expect(formatThaiDate(instant, 'short')).toBe(thai);
    });
  });

  it.each([
    ['2023-12-25T02:39:00Z', '๐๙.๓๙'],
    ['2023-12-31T17:00:00Z', '๐๐.๐๐'],
    ['2026-11-25T03:15:00Z', '๑๐.๑๕'],
    ['2024-01-01T16:59:00Z', '๒๓.๕๙'],
  ])('prints the time of %s as %s', (iso, thai) => {
    expect(formatThaiTime(new Date(iso))).toBe(thai);
  });

  it('prints date and time as on a receipt stamp', () => {
    expect(formatThaiDateTime(new Date('2023-12-25T09:39:00+07:00'))).toBe('๒๕ ธ.ค. ๒๕๖๖ เวลา ๐๙.๓๙');
  });

  it('formats a calendar day such as a sender’s letter date', () => {
    expect(formatThaiCalendarDate('2023-12-22')).toBe('๒๒ ธันวาคม ๒๕๖๖');
    expect(formatThaiCalendarDate('2023-12-18', 'short')).toBe('๑๘ ธ.ค. ๒๕๖๖');
  });

  it('rejects an invalid date instead of printing "Invalid Date"', () => {
    expect(() => formatThaiDate(new Date('nonsense'))).toThrow(RangeError);
  });

  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2023-13-01', false],
    ['2023-04-31', false],
    ['2023-4-1', false],
    ['2566-12-22', true],
  ])('%s is a calendar date: %p', (ymd, valid) => {
    expect(isCalendarDate(ymd)).toBe(valid);
  });

  it('counts days and weekdays on the calendar', () => {
    expect(addCalendarDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(weekdayOf('2023-12-22')).toBe(5); // the memo was dated on a Friday
    expect(weekdayOf('2023-12-25')).toBe(1); // and received on the Monday
  });

  it('builds Bangkok wall-clock instants that ICU reads back the same (UTC+7, no daylight saving)', () => {
    const days = fc.date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(days, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (d, h, m) => {
        const ymd = d.toISOString().slice(0, 10);
        const hhmm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        const instant = bangkokInstant(ymd, hhmm);
        const wall = bangkokWallClock(instant);
        return bangkokDateOf(instant) === ymd && wall.hour === h && wall.minute === m;
      }),
    );
  });

  it('agrees with CE + 543 for the BE year of any instant in Bangkok', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), (d) => {
        return beYearOf(d) === Number(bangkokDateOf(d).slice(0, 4)) + 543;
      }),
    );
  });
});
