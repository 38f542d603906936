import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { openDatabase } from './data-source';
import { createSession, revokeOtherSessions, revokeSession, sessionUser } from './sessions';

describe('sessions with a sliding idle deadline and an absolute limit', () => {
  let ds: DataSource;
  const policy = { idleSeconds: 3600, absoluteSeconds: 12 * 3600 };
  const at = (hours: number) => new Date(Date.UTC(2026, 10, 25, 1) + hours * 3600_000);

  beforeAll(async () => {
    ds = await openDatabase(`sqlite:${join(mkdtempSync(join(tmpdir(), 'saraban-sessions-')), 'db.sqlite')}`);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('lives on while used within the idle time', async () => {
    const token = await createSession(ds, 'u1', policy, at(0));
    for (const hour of [0.5, 1.2, 2, 2.9, 3.8]) expect(await sessionUser(ds, token, policy, at(hour))).toBe('u1');
  });

  it('ends after the idle time without use', async () => {
    const token = await createSession(ds, 'u2', policy, at(0));
    expect(await sessionUser(ds, token, policy, at(0.9))).toBe('u2');
    expect(await sessionUser(ds, token, policy, at(2.0))).toBeUndefined();
  });

  it('ends at the absolute limit however busy', async () => {
    const token = await createSession(ds, 'u3', policy, at(0));
    for (let hour = 0.5; hour < 12; hour += 0.5) expect(await sessionUser(ds, token, policy, at(hour))).toBe('u3');
    expect(await sessionUser(ds, token, policy, at(12.01))).toBeUndefined();
  });

  it('ends when revoked, one session or all the others', async () => {
    const a = await createSession(ds, 'u4', policy, at(0));
    const b = await createSession(ds, 'u4', policy, at(0));
    const c = await createSession(ds, 'u4', policy, at(0));
    await revokeSession(ds, a, at(0.1));
    expect(await sessionUser(ds, a, policy, at(0.2))).toBeUndefined();
    await revokeOtherSessions(ds, 'u4', b, at(0.3));
    expect(await sessionUser(ds, b, policy, at(0.4))).toBe('u4');
    expect(await sessionUser(ds, c, policy, at(0.4))).toBeUndefined();
  });
});
