import type { DataSource } from 'typeorm';
import { addCalendarDays, bangkokDateOf, type WorkCalendar } from '../domain';
import { timingFromSettings, workCalendar, type TaskTiming, type TimingSettings } from '../workflows/shared/timing';
import { holidayDatesFrom } from './holidays';

/** What a life's timing is read from: the database (its holidays) and the configured durations. */
export interface LifeTimingSource {
  ds: DataSource;
  env: TimingSettings;
}

/**
 * The TaskTiming a life starts with: the configured durations and the administrator's holidays (table `holidays`)
 * from a week ago on, so a due time counts the calendar as the administrator keeps it. The life keeps this calendar
 * to its end (workflows/shared/timing.ts); a holiday added later counts for lives started after it.
 */
export async function lifeTiming(deps: LifeTimingSource, now = new Date()): Promise<TaskTiming> {
  const holidays = await holidayDatesFrom(deps.ds, addCalendarDays(bangkokDateOf(now), -7));
  return { ...timingFromSettings(deps.env), holidays };
}

/**
 * The working calendar the lives count on, for ages and overdue figures read outside a life (the supervisor's view,
 * the stages dashboard): the calendar of the TaskTiming a life started at `since` would get, i.e. the administrator's
 * holidays (table `holidays`) from a week before `since` on, with the office hours of domain's default calendar.
 */
export async function officeCalendar(deps: LifeTimingSource, since: Date): Promise<WorkCalendar> {
  return workCalendar(await lifeTiming(deps, since));
}
