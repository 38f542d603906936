import { defaultTaskTiming, ladderInstants, taskDueAt } from './timing';

describe('taskDueAt with the administrator’s holidays', () => {
  // Tuesday 8 Dec 2026, 10.00 Bangkok; ปกติ is due after 40 working hours (five working days of 08.30-16.30).
  const from = new Date('2026-12-08T03:00:00Z');

  it('counts the shipped calendar when the life carries no holidays (histories recorded before them)', () => {
    // Thu 10 Dec (วันรัฐธรรมนูญ) is off in the shipped calendar: due Wed 16 Dec at 10.00.
    expect(taskDueAt(defaultTaskTiming(), 'normal', from).toISOString()).toBe('2026-12-16T03:00:00.000Z');
  });

  it.each([
    ['its own list with the same day off', ['2026-12-10'], '2026-12-16T03:00:00.000Z'],
    ['one more day off on Friday 11 Dec', ['2026-12-10', '2026-12-11'], '2026-12-17T03:00:00.000Z'],
    ['no holidays at all (the administrator removed them)', [], '2026-12-15T03:00:00.000Z'],
  ])('follows %s', (_title, holidays, due) => {
    expect(taskDueAt({ ...defaultTaskTiming(), holidays }, 'normal', from).toISOString()).toBe(due);
  });

  it('moves the escalation ladder over an added day too', () => {
    const timing = { ...defaultTaskTiming(), holidays: ['2026-12-10', '2026-12-17'] };
    const [, flagAt] = ladderInstants(timing, new Date('2026-12-16T03:00:00Z'));
    // One working day after Wed 16 Dec 10.00, with Thu 17 off: Fri 18 Dec 10.00.
    expect(flagAt.toISOString()).toBe('2026-12-18T03:00:00.000Z');
  });
});
