import fc from 'fast-check';
import {
  addWorkingTime,
  computeDueAt,
  defaultCalendar,
  defaultDeadlinePolicy,
  escalationTimes,
  isDueSoon,
  isOverdue,
  isWorkingDay,
  nextWorkingDay,
  workingTimeBetween,
  type WorkCalendar,
} from './deadlines';
import { holidayNamesOn } from './calendar/holidays';

const bkk = (text: string) => new Date(`${text}:00+07:00`);
const HOUR = 3_600_000;

describe('the working calendar', () => {
  it.each([
    ['2023-12-22', true, 'the memo’s Friday'],
    ['2023-12-23', false, 'a Saturday'],
    ['2023-12-29', false, 'the New Year’s Eve substitute the Cabinet moved to 29 Dec 2023'],
    ['2024-01-01', false, 'New Year’s Day'],
    ['2024-01-02', true, 'the day the substitute was moved from'],
    ['2024-04-15', false, 'Songkran'],
    ['2026-01-02', false, 'the Cabinet’s special day of 2 Jan 2026'],
    ['2026-11-25', true, 'an ordinary Wednesday'],
  ])('%s is a working day: %p (%s)', (ymd, working) => {
    expect(isWorkingDay(ymd)).toBe(working);
  });

  it('names the holidays from the shipped data', () => {
    expect(holidayNamesOn('2024-01-01')).toEqual(['วันขึ้นปีใหม่']);
    expect(holidayNamesOn('2024-01-02')).toEqual([]);
  });

  it('finds the next working day over a long weekend', () => {
    expect(nextWorkingDay('2023-12-29')).toBe('2024-01-02');
  });

  it('keeps office hours 08.30-16.30 and the 2566-2570 holidays by default', () => {
    const calendar = defaultCalendar();
    expect(calendar.workStart).toBe('08:30');
    expect(calendar.workEnd).toBe('16:30');
    expect(calendar.holidays).toContain('2027-12-31');
    expect(calendar.holidays.length).toBe(new Set(calendar.holidays).size);
  });
});

describe('computeDueAt', () => {
  it('gives each urgency its working hours by default', () => {
    expect(defaultDeadlinePolicy().workingHours).toEqual({ most_urgent: 2, very_urgent: 8, urgent: 16, normal: 40 });
  });

  it.each([
    ['most_urgent', '2023-12-25T09:39', '2023-12-25T11:39', 'the seed memo: two working hours after receipt'],
    ['most_urgent', '2023-12-22T15:30', '2023-12-25T09:30', 'Friday afternoon runs on to Monday morning'],
    ['very_urgent', '2023-12-22T16:00', '2023-12-25T16:00', 'one working day'],
    ['very_urgent', '2023-12-28T10:00', '2024-01-02T10:00', 'over the New Year holidays'],
    ['urgent', '2026-11-25T10:15', '2026-11-27T10:15', 'two working days'],
    ['normal', '2026-11-25T10:15', '2026-12-02T10:15', 'five working days'],
    ['normal', '2023-12-30T20:00', '2024-01-08T16:30', 'from a Saturday night: counts from the next opening'],
    ['very_urgent', '2024-04-11T08:30', '2024-04-11T16:30', 'ends exactly at closing time, not next morning'],
    ['very_urgent', '2024-04-11T12:00', '2024-04-17T12:00', 'Songkran 12-16 Apr 2024 is skipped'],
  ] as const)('%s from %s is due %s (%s)', (urgency, from, due, _why) => {
    expect(computeDueAt({ urgency, from: bkk(from) })).toEqual(bkk(due));
  });

  it('takes "ด่วนภายใน" as a hard deadline that can only bring the due time earlier', () => {
    const from = bkk('2026-11-25T10:15');
    expect(computeDueAt({ urgency: 'normal', from, within: bkk('2026-11-26T12:00') })).toEqual(bkk('2026-11-26T12:00'));
    expect(computeDueAt({ urgency: 'most_urgent', from, within: bkk('2026-12-30T12:00') })).toEqual(
      bkk('2026-11-25T12:15'),
    );
  });

  it('takes its calendar and policy as configuration', () => {
    const calendar: WorkCalendar = { holidays: ['2026-11-26'], workStart: '09:00', workEnd: '17:00' };
    const policy = { workingHours: { most_urgent: 1, very_urgent: 4, urgent: 8, normal: 0 } };
    expect(computeDueAt({ urgency: 'urgent', from: bkk('2026-11-25T13:00'), calendar, policy })).toEqual(
      bkk('2026-11-27T13:00'),
    );
    expect(computeDueAt({ urgency: 'normal', from: bkk('2026-11-25T07:00'), calendar, policy })).toEqual(
      bkk('2026-11-25T09:00'),
    );
  });

  it('never falls due before it starts, and always inside office hours of a working day', () => {
    const calendar = defaultCalendar();
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2023-01-01'), max: new Date('2027-11-30'), noInvalidDate: true }),
        fc.constantFrom('normal', 'urgent', 'very_urgent', 'most_urgent' as const),
        (from, urgency) => {
          const due = computeDueAt({ urgency, from, calendar });
          const hours = defaultDeadlinePolicy().workingHours[urgency];
          expect(due.getTime()).toBeGreaterThan(from.getTime());
          expect(workingTimeBetween(from, due, calendar)).toBe(hours * HOUR);
          const clock = due.toLocaleTimeString('en-GB', { timeZone: 'Asia/Bangkok', hourCycle: 'h23' });
          expect(clock >= '08:30:00' && clock <= '16:30:00').toBe(true);
        },
      ),
    );
  });
});

describe('escalation', () => {
  const dueAt = bkk('2026-11-27T16:00');
  const ladder = { remindAfterMs: 0, flagAfterMs: HOUR, moveAfterMs: 2 * HOUR };

  it('counts the ladder after the due time in wall-clock time', () => {
    expect(escalationTimes({ dueAt, ladder })).toEqual({
      remindAt: dueAt,
      flagAt: bkk('2026-11-27T17:00'),
      moveAt: bkk('2026-11-27T18:00'),
    });
  });

  it('counts the ladder in working time when given a calendar', () => {
    expect(escalationTimes({ dueAt, ladder, calendar: defaultCalendar() })).toEqual({
      remindAt: dueAt,
      flagAt: bkk('2026-11-30T09:00'),
      moveAt: bkk('2026-11-30T10:00'),
    });
  });

  it('says when a task is overdue or due soon', () => {
    expect(isOverdue(dueAt, bkk('2026-11-27T16:00'))).toBe(false);
    expect(isOverdue(dueAt, bkk('2026-11-27T16:01'))).toBe(true);
    expect(isDueSoon(dueAt, bkk('2026-11-27T15:00'))).toBe(true);
    expect(isDueSoon(dueAt, bkk('2026-11-27T10:00'))).toBe(false);
  });

  it('adds working time across a weekend', () => {
    expect(addWorkingTime(bkk('2026-11-27T16:00'), HOUR)).toEqual(bkk('2026-11-30T09:00'));
  });
});
