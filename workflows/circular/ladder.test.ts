import type { BatchState, CircularSettings } from './contract';
import { nextRung } from './ladder';

const settings: CircularSettings = {
  batchSize: 50,
  remindAfterSeconds: 100,
  remindEverySeconds: 10,
  maxReminders: 2,
  closeAfterSeconds: 1000,
  continueAsNewEvents: 5000,
};
const delivered = Date.parse('2026-01-05T02:00:00Z');
const state = (s: Partial<BatchState>): BatchState => ({
  deliveredAt: new Date(delivered).toISOString(),
  tasks: {},
  pending: ['district-1002'],
  acknowledged: 0,
  reminders: 0,
  escalated: false,
  closed: false,
  ...s,
});

describe('nextRung: the reminder ladder of a circular batch', () => {
  it.each([
    [{}, 'remind', 100],
    [{ reminders: 1 }, 'remind', 110],
    [{ reminders: 2 }, 'escalate', 120],
    [{ reminders: 2, escalated: true }, 'close', 1000],
  ])('after %j the next rung is %s at +%i s', (s, rung, seconds) => {
    expect(nextRung(state(s), settings)).toEqual({ rung, at: delivered + seconds * 1000 });
  });

  it('closes first when tracking ends before the ladder is climbed', () => {
    expect(nextRung(state({}), { ...settings, closeAfterSeconds: 50 })).toEqual({
      rung: 'close',
      at: delivered + 50_000,
    });
  });

  it('escalates right after the first wait when no reminders are configured', () => {
    expect(nextRung(state({}), { ...settings, maxReminders: 0 })).toEqual({
      rung: 'escalate',
      at: delivered + 100_000,
    });
  });
});
