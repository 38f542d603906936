/**
 * Due times of tasks: an urgency gives a number of working hours on the Bangkok working calendar (weekends and
 * public holidays skipped); "ด่วนภายใน" + a date and time is a hard deadline that can only bring it earlier.
 */
import type { Urgency } from './enums';
import { THAI_HOLIDAYS } from './calendar/holidays';
import { addCalendarDays, bangkokDateOf, bangkokInstant, weekdayOf } from './thai/dates';

/** A working calendar: holidays as 'YYYY-MM-DD' (Bangkok days), office hours as 'HH:MM' Bangkok time. */
export type WorkCalendar = { holidays: string[]; workStart: string; workEnd: string };

/**
 * Working hours a task may take at each urgency before it is due. Defaults (`defaultDeadlinePolicy`): ด่วนที่สุด 2
 * (act at once: the same working day when it arrives before 14.30), ด่วนมาก 8 (one working day), ด่วน 16 (two working
 * days), ปกติ 40 (five working days, a working week). Configuration, not regulation: the regulation only says "at once",
 * "quickly" and "faster than normal".
 */
export type DeadlinePolicy = { workingHours: Record<Urgency, number> };

/** When an overdue task is escalated, counted from its due time (milliseconds). */
export type EscalationLadder = { remindAfterMs: number; flagAfterMs: number; moveAfterMs: number };

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
// More than ten years of days: a guard against a calendar with no working day at all.
const MAX_DAYS = 4000;

/** The default calendar: Thai government holidays 2566-2570 from the shipped data, office hours 08.30-16.30. */
export function defaultCalendar(): WorkCalendar {
  return { holidays: [...new Set(THAI_HOLIDAYS.map((h) => h.date))], workStart: '08:30', workEnd: '16:30' };
}

/** The default working hours per urgency (see `DeadlinePolicy`). */
export function defaultDeadlinePolicy(): DeadlinePolicy {
  return { workingHours: { most_urgent: 2, very_urgent: 8, urgent: 16, normal: 40 } };
}

/** The default escalation ladder: remind at the due time, flag for the supervisor a day later, move after two days. */
export function defaultEscalationLadder(): EscalationLadder {
  return { remindAfterMs: 0, flagAfterMs: DAY_MS, moveAfterMs: 2 * DAY_MS };
}

const holidaySets = new WeakMap<WorkCalendar, Set<string>>();

function holidaySet(calendar: WorkCalendar): Set<string> {
  let set = holidaySets.get(calendar);
  if (!set) holidaySets.set(calendar, (set = new Set(calendar.holidays)));
  return set;
}

/** True when a Bangkok calendar day is a working day: Monday to Friday and not a holiday of the calendar. */
export function isWorkingDay(ymd: string, calendar: WorkCalendar = defaultCalendar()): boolean {
  const weekday = weekdayOf(ymd);
  return weekday !== 0 && weekday !== 6 && !holidaySet(calendar).has(ymd);
}

/** The first working day on or after a Bangkok calendar day. */
export function nextWorkingDay(ymd: string, calendar: WorkCalendar = defaultCalendar()): string {
  let day = ymd;
  for (let i = 0; i < MAX_DAYS && !isWorkingDay(day, calendar); i++) day = addCalendarDays(day, 1);
  if (!isWorkingDay(day, calendar)) throw new RangeError('The calendar has no working day');
  return day;
}

/** Office hours of a day as instants. */
function officeHours(ymd: string, calendar: WorkCalendar): { start: number; end: number } {
  const start = bangkokInstant(ymd, calendar.workStart).getTime();
  const end = bangkokInstant(ymd, calendar.workEnd).getTime();
  if (end <= start) throw new RangeError(`workEnd ${calendar.workEnd} must be after workStart ${calendar.workStart}`);
  return { start, end };
}

/**
 * The instant when `ms` of working time have passed after `from`. Time outside office hours does not count, so a
 * task that arrives at night starts counting at the next opening; a duration that ends exactly at closing time is due
 * at closing time, not the next morning.
 */
export function addWorkingTime(from: Date, ms: number, calendar: WorkCalendar = defaultCalendar()): Date {
  let remaining = Math.max(0, ms);
  let day = bangkokDateOf(from);
  let cursor = from.getTime();
  for (let i = 0; i < MAX_DAYS; i++) {
    if (isWorkingDay(day, calendar)) {
      const { start, end } = officeHours(day, calendar);
      const begin = Math.max(cursor, start);
      if (begin <= end) {
        if (remaining <= end - begin) return new Date(begin + remaining);
        remaining -= end - begin;
      }
    }
    day = addCalendarDays(day, 1);
    cursor = Number.NEGATIVE_INFINITY;
  }
  throw new RangeError('The calendar has no working day');
}

/** Working time between two instants in milliseconds (0 when `to` is not after `from`): the age of a task. */
export function workingTimeBetween(from: Date, to: Date, calendar: WorkCalendar = defaultCalendar()): number {
  let total = 0;
  let day = bangkokDateOf(from);
  const last = bangkokDateOf(to);
  while (day <= last && from < to) {
    if (isWorkingDay(day, calendar)) {
      const { start, end } = officeHours(day, calendar);
      total += Math.max(0, Math.min(end, to.getTime()) - Math.max(start, from.getTime()));
    }
    day = addCalendarDays(day, 1);
  }
  return total;
}

/**
 * The due time of a task that starts at `from`: the urgency's working hours on the calendar, or the hard deadline
 * `within` ("ด่วนภายใน" + date and time) when that comes first.
 */
export function computeDueAt(input: {
  urgency: Urgency;
  from: Date;
  within?: Date;
  calendar?: WorkCalendar;
  policy?: DeadlinePolicy;
}): Date {
  const policy = input.policy ?? defaultDeadlinePolicy();
  const hours = policy.workingHours[input.urgency];
  if (!(hours >= 0)) throw new RangeError(`No working hours for urgency ${input.urgency}`);
  const due = addWorkingTime(input.from, hours * HOUR_MS, input.calendar ?? defaultCalendar());
  return input.within && input.within < due ? new Date(input.within.getTime()) : due;
}

/**
 * The instants of the escalation ladder after a due time: remind the holder, flag the task overdue for the supervisor,
 * move it to the acting or superior official. Wall-clock milliseconds by default; with a calendar, working time.
 */
export function escalationTimes(input: { dueAt: Date; ladder: EscalationLadder; calendar?: WorkCalendar }): {
  remindAt: Date;
  flagAt: Date;
  moveAt: Date;
} {
  const after = (ms: number) =>
    input.calendar ? addWorkingTime(input.dueAt, ms, input.calendar) : new Date(input.dueAt.getTime() + ms);
  return {
    remindAt: after(input.ladder.remindAfterMs),
    flagAt: after(input.ladder.flagAfterMs),
    moveAt: after(input.ladder.moveAfterMs),
  };
}

/** True once `now` is past the due time. */
export function isOverdue(dueAt: Date, now: Date): boolean {
  return now.getTime() > dueAt.getTime();
}

/** True when the task is not yet overdue but falls due within `withinMs` (default two hours): "due soon" lists. */
export function isDueSoon(dueAt: Date, now: Date, withinMs = 2 * HOUR_MS): boolean {
  return !isOverdue(dueAt, now) && dueAt.getTime() - now.getTime() <= withinMs;
}
