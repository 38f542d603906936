import { addCalendarDays, bangkokDateOf } from '../../domain';
import { holidayDatesFrom } from '../../db/holidays';
import { timingFromSettings, type TaskTiming } from '../../workflows/shared/timing';
import type { ApiDeps } from '../deps';

/**
 * The TaskTiming a life starts with: the configured durations and the administrator's holidays (table `holidays`)
 * from a week ago on, so a due time counts the calendar as the administrator keeps it. The life keeps this calendar
 * to its end (workflows/shared/timing.ts); a holiday added later counts for lives started after it.
 */
export async function lifeTiming(deps: Pick<ApiDeps, 'ds' | 'env'>, now = new Date()): Promise<TaskTiming> {
  const holidays = await holidayDatesFrom(deps.ds, addCalendarDays(bangkokDateOf(now), -7));
  return { ...timingFromSettings(deps.env), holidays };
}
