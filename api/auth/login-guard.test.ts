import { LoginGuard } from './login-guard';

/**
 * The guard over the in-process store (the embedded default), with Jest's clock: the in-memory limiters expire on
 * timers and read Date.now. test/integration/auth.test.ts runs the same guard over Redis.
 */
describe('LoginGuard', () => {
  const guard = () => new LoginGuard({ maxFailures: 3, maxFailuresPerIp: 5, lockSeconds: 60 });
  beforeEach(() => jest.useFakeTimers({ now: Date.UTC(2026, 10, 25, 2) }));
  afterEach(() => jest.useRealTimers());

  it('locks a username after its failures, for the lock time, doubling each time', async () => {
    const g = guard();
    expect(await g.fail('clerk', '1.1.1.1')).toBe(false);
    expect(await g.fail('Clerk', '1.1.1.2')).toBe(false);
    expect(await g.fail('clerk', '1.1.1.3')).toBe(true);
    expect(await g.waitFor('clerk', '9.9.9.9')).toBe(60);
    jest.advanceTimersByTime(61_000);
    expect(await g.waitFor('clerk', '9.9.9.9')).toBe(0);
    for (let i = 0; i < 3; i++) await g.fail('clerk', '1.1.1.4');
    expect(await g.waitFor('clerk', '9.9.9.9')).toBe(120);
  });

  it('locks an address that fails for many usernames, and a success clears only the username', async () => {
    const g = guard();
    for (let i = 0; i < 5; i++) await g.fail(`user${i}`, '2.2.2.2');
    expect(await g.waitFor('someone.else', '2.2.2.2')).toBe(60);
    expect(await g.waitFor('someone.else', '2.2.2.3')).toBe(0);
    await g.fail('staff', '3.3.3.3');
    await g.fail('staff', '3.3.3.3');
    await g.succeed('staff');
    expect(await g.fail('staff', '3.3.3.4')).toBe(false);
  });

  it('forgets failures older than 15 minutes', async () => {
    const g = guard();
    await g.fail('head', '4.4.4.4');
    await g.fail('head', '4.4.4.5');
    jest.advanceTimersByTime(16 * 60_000);
    expect(await g.fail('head', '4.4.4.6')).toBe(false);
  });

  it('never locks for more than an hour', async () => {
    const g = guard();
    for (let lock = 0; lock < 8; lock++) {
      for (let i = 0; i < 3; i++) await g.fail('director', '5.5.5.5');
      const wait = await g.waitFor('director', '9.9.9.9');
      expect(wait).toBe(Math.min(60 * 2 ** lock, 3600));
      jest.advanceTimersByTime(wait * 1000 + 1000);
    }
  });
});
