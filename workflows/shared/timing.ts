import { computeDueAt, defaultCalendar, escalationTimes, type Urgency, type WorkCalendar } from '../../domain';

/**
 * How long a human task may take and how it escalates, as configuration (config/env.ts) passes it into a workflow's
 * input, so tests run the whole ladder in seconds. Deterministic: safe in workflow code.
 */
export interface TaskTiming {
  /** Every task is due this many wall-clock seconds after it opens (tests, demos); unset: domain `computeDueAt`. */
  taskDueSeconds?: number;
  /** After the due time: remind the holder, flag overdue for the supervisor, move to the acting or superior official. */
  remindAfterSeconds: number;
  flagAfterSeconds: number;
  moveAfterSeconds: number;
  /** Count the ladder in working time on the calendar (true at the real scale) or in wall-clock time. */
  workingTime: boolean;
  /**
   * The holidays ('YYYY-MM-DD', Bangkok) of the administrator's calendar when the life started (table `holidays`,
   * from that day on); unset: domain's shipped calendar (`defaultCalendar`), as in histories recorded before it
   * existed. A life keeps the calendar it started with, across continue-as-new too.
   */
  holidays?: string[];
}

/** The ladder at the real scale: remind at the due time, flag one working day later, move after two. */
export function defaultTaskTiming(): TaskTiming {
  return { remindAfterSeconds: 0, flagAfterSeconds: 8 * 3600, moveAfterSeconds: 16 * 3600, workingTime: true };
}

/** The settings of config/env.ts that make a TaskTiming (typed structurally so workflows need not import config). */
export interface TimingSettings {
  TASK_DUE_SECONDS?: number;
  ESCALATION_REMIND_AFTER_SECONDS: number;
  ESCALATION_FLAG_AFTER_SECONDS: number;
  ESCALATION_MOVE_AFTER_SECONDS: number;
  ESCALATION_WORKING_TIME: boolean;
}

/** Builds the TaskTiming a workflow receives from the validated environment. */
export function timingFromSettings(s: TimingSettings): TaskTiming {
  return {
    ...(s.TASK_DUE_SECONDS ? { taskDueSeconds: s.TASK_DUE_SECONDS } : {}),
    remindAfterSeconds: s.ESCALATION_REMIND_AFTER_SECONDS,
    flagAfterSeconds: s.ESCALATION_FLAG_AFTER_SECONDS,
    moveAfterSeconds: s.ESCALATION_MOVE_AFTER_SECONDS,
    workingTime: s.ESCALATION_WORKING_TIME,
  };
}

let calendar: WorkCalendar | undefined;
const calendars = new WeakMap<TaskTiming, WorkCalendar>();

/**
 * The working calendar of a timing: its own holidays with the default office hours, else the default calendar. The
 * API counts ages on it too (api/support/timing.ts), so a dashboard's working time is the lives' working time.
 */
export function workCalendar(timing?: TaskTiming): WorkCalendar {
  const base = (calendar ??= defaultCalendar());
  if (!timing?.holidays) return base;
  let own = calendars.get(timing);
  if (!own) calendars.set(timing, (own = { ...base, holidays: timing.holidays }));
  return own;
}

/** The due time of a task opened at `from`: the configured seconds, else the urgency on the working calendar. */
export function taskDueAt(timing: TaskTiming, urgency: string, from: Date): Date {
  if (timing.taskDueSeconds) return new Date(from.getTime() + timing.taskDueSeconds * 1000);
  return computeDueAt({ urgency: urgency as Urgency, from, calendar: workCalendar(timing) });
}

/** The three instants of the escalation ladder after a due time, in the order they are reached (levels 1, 2, 3). */
export function ladderInstants(timing: TaskTiming, dueAt: Date): [Date, Date, Date] {
  const t = escalationTimes({
    dueAt,
    ladder: {
      remindAfterMs: timing.remindAfterSeconds * 1000,
      flagAfterMs: timing.flagAfterSeconds * 1000,
      moveAfterMs: timing.moveAfterSeconds * 1000,
    },
    ...(timing.workingTime ? { calendar: workCalendar(timing) } : {}),
  });
  return [t.remindAt, t.flagAt, t.moveAt];
}
