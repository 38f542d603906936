import { LoginGuard } from './login-guard';
import { WindowCounter } from '../middleware/rate-limit';

describe('LoginGuard', () => {
  const t0 = Date.UTC(2026, 10, 25, 2);
  const guard = () => new LoginGuard({ maxFailures: 3, maxFailuresPerIp: 5, lockSeconds: 60 });

  it('locks a username after its failures, for the lock time, doubling each time', async () => {
    const g = guard();
    expect(await g.fail('clerk', '1.1.1.1', t0)).toBe(false);
    expect(await g.fail('Clerk', '1.1.1.2', t0)).toBe(false);
    expect(await g.fail('clerk', '1.1.1.3', t0)).toBe(true);
    expect(await g.waitFor('clerk', '9.9.9.9', t0)).toBe(60);
    expect(await g.waitFor('clerk', '9.9.9.9', t0 + 61_000)).toBe(0);
    for (let i = 0; i < 3; i++) await g.fail('clerk', '1.1.1.4', t0 + 62_000);
    expect(await g.waitFor('clerk', '9.9.9.9', t0 + 62_000)).toBe(120);
  });

  it('locks an address that fails for many usernames, and a success clears only the username', async () => {
    const g = guard();
    for (let i = 0; i < 5; i++) await g.fail(`user${i}`, '2.2.2.2', t0);
    expect(await g.waitFor('someone.else', '2.2.2.2', t0)).toBe(60);
    await g.fail('staff', '3.3.3.3', t0);
    await g.fail('staff', '3.3.3.3', t0);
    await g.succeed('staff');
    expect(await g.fail('staff', '3.3.3.4', t0)).toBe(false);
  });

  it('forgets failures older than 15 minutes', async () => {
    const g = guard();
    await g.fail('head', '4.4.4.4', t0);
    await g.fail('head', '4.4.4.5', t0);
    expect(await g.fail('head', '4.4.4.6', t0 + 16 * 60_000)).toBe(false);
  });
});

describe('WindowCounter', () => {
  it('lets the limit through per sliding minute and tells how long to wait', () => {
    const c = new WindowCounter(10);
    const t = 60_000 * 1000;
    for (let i = 0; i < 10; i++) expect(c.hit('k', t)).toBe(0);
    expect(c.hit('k', t + 1000)).toBe(59);
    expect(c.hit('other', t + 1000)).toBe(0);
    // Half way through the next minute, half of the last minute's hits still count.
    expect(c.hit('k', t + 90_000)).toBe(0);
    for (let i = 0; i < 4; i++) c.hit('k', t + 90_000);
    expect(c.hit('k', t + 90_000)).toBeGreaterThan(0);
  });
});
