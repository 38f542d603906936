import { randomBytes } from 'node:crypto';
import { seededUserId } from '../../db/seed';
import { LoginGuard } from '../../api/auth/login-guard';
import { createLimitStore, type LimitStore } from '../../api/limits/store';
import { apiClient } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { startFakeIdp, type FakeIdp } from '../support/fake-idp';
import { startTestSystem, type TestSystem } from '../support/system';

const CLIENT_ID = 'e-saraban-test';

/** A made-up client address per test, so limits of one test do not touch another (TRUST_PROXY=true). */
const ip = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

async function auditRows(system: TestSystem, action: string): Promise<Array<Record<string, any>>> {
  const rows = (await system.ds.query('SELECT actor_user_id, action, details FROM audit_log WHERE action = ?', [
    action,
  ])) as Array<Record<string, any>>;
  return rows.map((r) => ({ ...r, details: JSON.parse(String(r.details)) as Record<string, unknown> }));
}

describe.each(testDatabaseKinds())('sign-in, sessions and limits on %s', (kind) => {
  let system: TestSystem;
  let idp: FakeIdp;
  let api: ReturnType<typeof apiClient>;
  /** The Redis keys of this system alone (the machine's Redis, shared with other runs). */
  const redisPrefix = `saraban-test-auth-${randomBytes(4).toString('hex')}:`;
  const stores: LimitStore[] = [];
  const from = (addr: string) => ({ 'x-forwarded-for': addr });
  const login = (username: string, password: string, addr = ip()) =>
    api.request('POST', '/api/auth/login', { body: { username, password }, headers: from(addr) });

  beforeAll(async () => {
    idp = await startFakeIdp(CLIENT_ID);
    system = await startTestSystem(kind, {
      env: {
        TRUST_PROXY: 'true',
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_KEY_PREFIX: redisPrefix,
        LOGIN_MAX_FAILURES: '3',
        LOGIN_MAX_FAILURES_PER_IP: '6',
        LOGIN_LOCK_SECONDS: '30',
        RATE_LIMIT_IP_PER_MINUTE: '1000',
        RATE_LIMIT_USER_PER_MINUTE: '40',
        RATE_LIMIT_USER_BURST: '10',
        SESSION_IDLE_SECONDS: '6',
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: 'secret-of-the-test-client',
        OIDC_REDIRECT_URI: 'http://127.0.0.1/api/auth/oidc/callback',
      },
    });
    api = apiClient(system.baseUrl);
    // Before the first request loads the org chart into the API's cache.
    await system.ds.query('UPDATE users SET roles = ? WHERE username = ?', [
      '["staff","admin"]',
      'staff.finance.watthana',
    ]);
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    await system?.stop();
    await idp?.close();
  });

  it('audits a successful sign-in and a failed one, with the address', async () => {
    const addr = ip();
    expect((await login('staff.watthana', 'saraban-demo', addr)).status).toBe(200);
    expect((await login('staff.watthana', 'wrong-password', addr)).status).toBe(401);
    expect((await login('nobody.at.all', 'wrong-password', addr)).status).toBe(401);
    const ok = await auditRows(system, 'auth.login');
    expect(ok.find((r) => r.actor_user_id === seededUserId('staff.watthana'))?.details).toMatchObject({
      method: 'password',
      ip: addr,
    });
    const failed = (await auditRows(system, 'auth.login_failed')).filter((r) => r.details.ip === addr);
    expect(failed.map((r) => r.details.reason).sort()).toEqual(['unknown_user', 'wrong_password']);
  });

  it('locks a username after repeated failures with 429 RATE_LIMITED and Retry-After, even with the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await login('head.watthana', `wrong-${i}`)).status).toBe(401);
    const locked = await login('head.watthana', 'saraban-demo');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await auditRows(system, 'auth.login_throttled')).length).toBeGreaterThan(0);
  });

  it('keeps failures and locks in Redis, so every API replica counts them and sees the lock', async () => {
    // Two more replicas' guards over the same Redis (LOGIN_MAX_FAILURES=3): each has seen only some of the failures.
    const replica = async () => {
      const store = createLimitStore({ url: 'redis://127.0.0.1:6379', keyPrefix: redisPrefix, log: system.log });
      stores.push(store);
      expect(await store.whenReady(5000)).toBe(true);
      return new LoginGuard({ maxFailures: 3, maxFailuresPerIp: 6, lockSeconds: 30 }, store);
    };
    const [a, b] = [await replica(), await replica()];
    expect(await a.fail('head.order.watthana', ip())).toBe(false);
    expect((await login('head.order.watthana', 'wrong-password')).status).toBe(401); // the API itself
    expect(await b.fail('head.order.watthana', ip())).toBe(true);
    // The API refuses even the right password, and a replica started now sees the lock too.
    const refused = await login('head.order.watthana', 'saraban-demo');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(25);
    expect(await (await replica()).waitFor('head.order.watthana', ip())).toBeGreaterThan(25);
    const throttled = (await auditRows(system, 'auth.login_throttled')).filter(
      (r) => r.details.username === 'head.order.watthana',
    );
    expect(throttled[0]?.details.retryAfterSeconds).toBeGreaterThan(25);
  });

  it('locks an address that guesses many usernames', async () => {
    const addr = ip();
    for (let i = 0; i < 6; i++) expect((await login(`guess.${i}`, 'wrong-password', addr)).status).toBe(401);
    const res = await login('clerk.watthana', 'saraban-demo', addr);
    expect(res.status).toBe(429);
    expect((await login('clerk.watthana', 'saraban-demo')).status).toBe(200); // another address is not locked
  });

  it('limits requests per user with 429 and Retry-After, after the minute budget and the burst reserve', async () => {
    const token = (await login('staff.civil.watthana', 'saraban-demo')).body.token as string;
    const statuses: number[] = [];
    for (let i = 0; i < 55; i++)
      statuses.push((await api.request('GET', '/api/me', { token, headers: from(ip()) })).status);
    // 40 a minute and 10 more from the reserve; the sign-in itself counted against the address, not the user.
    expect(statuses.filter((s) => s === 200).length).toBe(50);
    expect(statuses.slice(50)).toEqual([429, 429, 429, 429, 429]);
    const res = await api.request('GET', '/api/me', { token, headers: from(ip()) });
    expect(res.body.error.code).toBe('RATE_LIMITED');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('ends a session after logout and after the idle time', async () => {
    const a = (await login('staff.works.watthana', 'saraban-demo')).body.token as string;
    expect((await api.post('/api/auth/logout', {}, a)).status).toBe(204);
    expect((await api.get('/api/me', a)).status).toBe(401);
    const b = (await login('staff.works.watthana', 'saraban-demo')).body.token as string;
    await new Promise((r) => setTimeout(r, 3500));
    expect((await api.get('/api/me', b)).status).toBe(200); // used within the idle time: the deadline slides on
    await new Promise((r) => setTimeout(r, 6500));
    const idle = await api.get('/api/me', b);
    expect(idle.status).toBe(401);
    expect(idle.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('changes a password: the old one stops working, other sessions end, weak and demo passwords are refused', async () => {
    const user = 'staff.order.watthana';
    const first = (await login(user, 'saraban-demo')).body.token as string;
    const second = (await login(user, 'saraban-demo')).body.token as string;
    const wrong = await api.post(
      '/api/auth/password',
      { currentPassword: 'nope', newPassword: 'ยาวพอแล้ว-2569-xyz' },
      first,
    );
    expect(wrong.status).toBe(403);
    const weak = await api.post('/api/auth/password', { currentPassword: 'saraban-demo', newPassword: 'short' }, first);
    expect(weak.status).toBe(400);
    const same = await api.post(
      '/api/auth/password',
      { currentPassword: 'saraban-demo', newPassword: 'saraban-demo' },
      first,
    );
    expect(same.status).toBe(400);
    const changed = await api.post(
      '/api/auth/password',
      { currentPassword: 'saraban-demo', newPassword: 'ยาวพอแล้ว-2569-xyz' },
      first,
    );
    expect(changed.status).toBe(204);
    expect((await api.get('/api/me', first)).status).toBe(200);
    expect((await api.get('/api/me', second)).status).toBe(401);
    expect((await login(user, 'saraban-demo')).status).toBe(401);
    expect((await login(user, 'ยาวพอแล้ว-2569-xyz')).status).toBe(200);
    expect((await auditRows(system, 'auth.password_changed')).length).toBe(1);
  });

  it('lets an admin change roles, audited with before and after, and a switched-off user is signed out', async () => {
    const target = 'head.finance.watthana';
    const victim = (await login(target, 'saraban-demo')).body.token as string;
    const admin = (await login('staff.finance.watthana', 'saraban-demo')).body.token as string;
    const userId = seededUserId(target);
    const notAdmin = await api.request('PATCH', `/api/admin/users/${userId}`, {
      token: victim,
      body: { active: false },
    });
    expect(notAdmin.status).toBe(403);
    const res = await api.request('PATCH', `/api/admin/users/${userId}`, {
      token: admin,
      body: { roles: ['supervisor', 'signer'], active: false },
    });
    expect(res.status).toBe(200);
    const [row] = (await auditRows(system, 'user.permissions_changed')).filter((r) => r.details.userId === userId);
    expect(row.details).toMatchObject({
      before: { roles: ['supervisor'], active: true },
      after: { roles: ['supervisor', 'signer'], active: false },
    });
    expect((await api.get('/api/me', victim)).status).toBe(401);
    expect((await login(target, 'saraban-demo')).status).toBe(401);
  });

  it('signs in through OpenID Connect, mapping the username claim to our user', async () => {
    expect((await api.get('/api/auth/options')).body).toEqual({ password: true, oidc: true });
    const start = await fetch(`${system.baseUrl}/api/auth/oidc/start`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get('location')!);
    expect(location.origin).toBe(idp.issuer);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    const cookie = start.headers.get('set-cookie')!.split(';')[0];
    const code = idp.authorize({
      nonce: location.searchParams.get('nonce')!,
      claims: { preferred_username: 'clerk.watthana', sub: 'idp-42' },
    });
    const back = await fetch(
      `${system.baseUrl}/api/auth/oidc/callback?code=${code}&state=${location.searchParams.get('state')}`,
      { redirect: 'manual', headers: { cookie } },
    );
    expect(back.status).toBe(302);
    const token = /#token=(.+)$/.exec(back.headers.get('location')!)?.[1];
    expect(token).toBeDefined();
    const me = await api.get('/api/me', decodeURIComponent(token!));
    expect(me.body.username).toBe('clerk.watthana');
    const oidc = (await auditRows(system, 'auth.login')).filter((r) => r.details.method === 'oidc');
    expect(oidc.map((r) => r.actor_user_id)).toContain(seededUserId('clerk.watthana'));
  });

  it('refuses an OIDC callback with a forged state, and one naming no user of ours', async () => {
    const start = await fetch(`${system.baseUrl}/api/auth/oidc/start`, { redirect: 'manual' });
    const location = new URL(start.headers.get('location')!);
    const cookie = start.headers.get('set-cookie')!.split(';')[0];
    const nonce = location.searchParams.get('nonce')!;
    const forged = await fetch(
      `${system.baseUrl}/api/auth/oidc/callback?code=${idp.authorize({ nonce, claims: { preferred_username: 'clerk.watthana' } })}&state=forged`,
      { redirect: 'manual', headers: { cookie } },
    );
    expect(forged.headers.get('location')).toBe('/login?error=oidc&reason=failed');
    const start2 = await fetch(`${system.baseUrl}/api/auth/oidc/start`, { redirect: 'manual' });
    const loc2 = new URL(start2.headers.get('location')!);
    const stranger = await fetch(
      `${system.baseUrl}/api/auth/oidc/callback?code=${idp.authorize({ nonce: loc2.searchParams.get('nonce')!, claims: { preferred_username: 'not.a.user' } })}&state=${loc2.searchParams.get('state')}`,
      { redirect: 'manual', headers: { cookie: start2.headers.get('set-cookie')!.split(';')[0] } },
    );
    expect(stranger.headers.get('location')).toBe('/login?error=oidc&reason=unknown_user');
    const reasons = (await auditRows(system, 'auth.login_failed')).map((r) => r.details.reason);
    expect(reasons).toContain('no_such_active_user');
    expect(reasons.some((r) => String(r).startsWith('rejected'))).toBe(true);
  });
});

describe('sign-in with NODE_ENV=production', () => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    system = await startTestSystem('sqlite', {
      env: { NODE_ENV: 'production', FILE_ENCRYPTION_KEY: randomBytes(32).toString('base64') },
    });
    api = apiClient(system.baseUrl);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('refuses the demo users', async () => {
    const res = await api.post('/api/auth/login', { username: 'clerk.ladkrabang', password: 'saraban-demo' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('DEMO_USER_DISABLED');
  });

  it('refuses any account whose password is still the demo password', async () => {
    await system.ds.query('UPDATE users SET demo = 0 WHERE username = ?', ['staff.ladkrabang']);
    const res = await api.post('/api/auth/login', { username: 'staff.ladkrabang', password: 'saraban-demo' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('DEMO_PASSWORD_DISABLED');
    const [row] = (await system.ds.query(
      "SELECT details FROM audit_log WHERE action = 'auth.login_refused' ORDER BY id DESC LIMIT 1",
    )) as Array<{ details: string }>;
    expect(JSON.parse(row.details)).toMatchObject({ reason: 'demo_password' });
  });
});
