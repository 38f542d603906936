import type { BatchState, CircularSettings } from './contract';

/** A step of a circular's escalation ladder: remind the laggards, give their heads a task, or stop tracking. */
export type Rung = 'remind' | 'escalate' | 'close';

/**
 * The next rung and when it is due (epoch ms), counted from delivery: reminder k at `remindAfter + (k-1) *
 * remindEvery`, the escalation one interval after the last reminder, the close at `closeAfter` (whichever of the
 * pending rung and the close comes first).
 */
export function nextRung(state: BatchState, s: CircularSettings): { rung: Rung; at: number } {
  const delivered = Date.parse(state.deliveredAt);
  const closeAt = delivered + s.closeAfterSeconds * 1000;
  let next: { rung: Rung; at: number } | undefined;
  if (state.reminders < s.maxReminders) {
    next = { rung: 'remind', at: delivered + (s.remindAfterSeconds + state.reminders * s.remindEverySeconds) * 1000 };
  } else if (!state.escalated) {
    next = { rung: 'escalate', at: delivered + (s.remindAfterSeconds + s.maxReminders * s.remindEverySeconds) * 1000 };
  }
  return next && next.at < closeAt ? next : { rung: 'close', at: closeAt };
}
