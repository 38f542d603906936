import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { apiClient, type ApiResponse } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { startSecondApi, type SecondApi } from '../support/second-api';
import { startTestSystem, type TestSystem } from '../support/system';
import { startTcpGate, type TcpGate } from '../support/tcp-gate';

const REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * The limits of docs/security.md on real replicas: the test system (its database, worker and Temporal) with further
 * API apps over it, each with its own settings and its own Redis connection, as separate processes would have.
 * Every app here has a Redis key prefix of its own, so nothing is shared with other runs on the machine's Redis.
 */
describe.each(testDatabaseKinds())('rate limits, sign-in guard and trusted proxies on %s', (kind) => {
  let system: TestSystem;
  const apis: SecondApi[] = [];
  const prefix = () => `saraban-test-limits-${randomBytes(4).toString('hex')}:`;
  const replica = async (overrides: Parameters<typeof startSecondApi>[1]) => {
    const api = await startSecondApi(system, overrides);
    apis.push(api);
    return { ...api, client: apiClient(api.baseUrl) };
  };
  /** The address the API wrote in the audit row of the sign-in sent with this request id. */
  const auditedAddress = async (requestId: string) => {
    const rows = (await system.ds.query("SELECT details FROM audit_log WHERE action = 'auth.login'")) as Array<{
      details: string;
    }>;
    const found = rows.map((r) => JSON.parse(r.details) as { ip: string; requestId: string });
    return found.find((d) => d.requestId === requestId)?.ip;
  };
  const signIn = (base: ReturnType<typeof apiClient>, username: string, headers: Record<string, string> = {}) =>
    base.request<{ token: string }>('POST', '/api/auth/login', {
      body: { username, password: 'saraban-demo' },
      headers,
    });

  beforeAll(async () => {
    system = await startTestSystem(kind);
  });
  afterAll(async () => {
    for (const api of apis) await api.stop();
    await system?.stop();
  });

  it('limits an address only before sign-in: signed-in work never uses it up', async () => {
    const { client } = await replica({
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix(),
      RATE_LIMIT_IP_PER_MINUTE: 5,
    });
    const clerk = (await signIn(client, 'clerk.ladkrabang')).body.token; // 1 of the address's 5
    const signedIn: number[] = [];
    for (let i = 0; i < 25; i++) signedIn.push((await client.get('/api/inbox', clerk)).status);
    expect(signedIn.every((s) => s === 200)).toBe(true);
    const anonymous: number[] = [];
    for (let i = 0; i < 5; i++) anonymous.push((await client.get('/api/rollout/decision?capability=receive')).status);
    expect(anonymous.slice(0, 4).every((s) => s !== 429)).toBe(true);
    expect(anonymous[4]).toBe(429);
    // The address is spent for sign-ins and public calls; whoever is signed in on it goes on working.
    const another = await signIn(client, 'staff.ladkrabang');
    expect(another.status).toBe(429);
    expect((another.body as unknown as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect(Number(another.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await client.get('/api/me', clerk)).status).toBe(200);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy, however it varies', async () => {
    // Only 10.0.0.0/8 is a proxy here: this test, on 127.0.0.1, is an ordinary client.
    const { client } = await replica({
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix(),
      TRUSTED_PROXIES: ['10.0.0.0/8'],
      TRUST_PROXY: false,
      RATE_LIMIT_IP_PER_MINUTE: 6,
    });
    const requestId = `forged-${randomBytes(4).toString('hex')}`;
    const res = await signIn(client, 'clerk.ladkrabang', {
      'x-forwarded-for': '203.0.113.7',
      'x-request-id': requestId,
    });
    expect(res.status).toBe(200);
    expect(await auditedAddress(requestId)).toBe('127.0.0.1');
    // Nor is a forged X-Forwarded-Proto believed: no HSTS over plain HTTP.
    const proto = await client.request('GET', '/api/openapi.json', { headers: { 'x-forwarded-proto': 'https' } });
    expect(proto.status).toBe(200);
    expect(proto.headers.get('strict-transport-security')).toBeNull();
    // A forged header per request does not make a fresh address: all of them count against 127.0.0.1.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await client.request('GET', '/api/health', { headers: { 'x-forwarded-for': `198.51.100.${i}` } })).status,
      );
    expect(statuses.slice(0, 4)).not.toContain(429);
    expect(statuses[4]).toBe(429);
  });

  it('takes the right-most untrusted address from a trusted proxy, and TRUST_PROXY=true still trusts loopback', async () => {
    const trusted = await replica({ TRUSTED_PROXIES: ['127.0.0.1', '::1', '10.0.0.0/8'], TRUST_PROXY: false });
    const id1 = `chain-${randomBytes(4).toString('hex')}`;
    // The client claimed 198.51.100.1; the edge proxy saw 203.0.113.9 and an inner proxy (10.1.2.3) passed it on.
    const via = await signIn(trusted.client, 'clerk.ladkrabang', {
      'x-forwarded-for': '198.51.100.1, 203.0.113.9, 10.1.2.3',
      'x-forwarded-proto': 'https',
      'x-request-id': id1,
    });
    expect(via.status).toBe(200);
    expect(await auditedAddress(id1)).toBe('203.0.113.9');
    expect(via.headers.get('strict-transport-security')).toContain('max-age=');

    const alias = await replica({ TRUSTED_PROXIES: [], TRUST_PROXY: true });
    const id2 = `alias-${randomBytes(4).toString('hex')}`;
    const res = await signIn(alias.client, 'clerk.ladkrabang', {
      'x-forwarded-for': '203.0.113.10',
      'x-request-id': id2,
    });
    expect(res.status).toBe(200);
    expect(await auditedAddress(id2)).toBe('203.0.113.10');
  });

  it('shares one per-user budget and one per-address budget between two API instances on one Redis', async () => {
    const shared = { REDIS_URL, REDIS_KEY_PREFIX: prefix(), RATE_LIMIT_USER_PER_MINUTE: 10, RATE_LIMIT_USER_BURST: 5 };
    const [a, b] = [await replica(shared), await replica(shared)];
    const token = (await signIn(a.client, 'head.ladkrabang')).body.token;
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await (i % 2 ? b : a).client.get('/api/me', token)).status);
    // 10 a minute and 5 from the burst reserve, whichever instance answers: not 15 on each.
    expect(statuses.filter((s) => s === 200).length).toBe(15);
    expect(statuses.slice(15)).toEqual([429, 429, 429, 429, 429]);

    const ip = { REDIS_URL, REDIS_KEY_PREFIX: prefix(), RATE_LIMIT_IP_PER_MINUTE: 4 };
    const [c, d] = [await replica(ip), await replica(ip)];
    const before: number[] = [];
    for (let i = 0; i < 6; i++) before.push((await (i % 2 ? d : c).client.get('/api/health')).status);
    expect(before.filter((s) => s === 429).length).toBe(2);
  });

  it('keeps answering when Redis goes away or hangs: no 5xx, limits counted in each process meanwhile', async () => {
    const gate: TcpGate = await startTcpGate({ host: '127.0.0.1', port: 6379 });
    try {
      const keyPrefix = prefix();
      const { client, limits } = await replica({
        REDIS_URL: gate.url,
        REDIS_KEY_PREFIX: keyPrefix,
        RATE_LIMIT_USER_PER_MINUTE: 8,
        RATE_LIMIT_USER_BURST: 0,
      });
      const token = (await signIn(client, 'director.ladkrabang')).body.token;
      const me = (await client.get('/api/me', token)).body.id as string;
      for (let i = 0; i < 3; i++) expect((await client.get('/api/me', token)).status).toBe(200);
      const redis = new Redis(REDIS_URL);
      try {
        // 4 points so far (the first /api/me and these three), in Redis where every replica sees them.
        expect(Number(await redis.get(`${keyPrefix}user:${me}`))).toBe(4);

        await gate.cut();
        const away: ApiResponse[] = [];
        for (let i = 0; i < 10; i++) away.push(await client.get('/api/me', token));
        // This process counts on its own from 0 (its twin never saw the first 4): 8 pass, then 429, never a 5xx.
        expect(away.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429, 429]);
        const wrong = await client.request('POST', '/api/auth/login', {
          body: { username: 'assistant.ladkrabang', password: 'wrong-password' },
        });
        expect(wrong.status).toBe(401);
        expect((await signIn(client, 'assistant.ladkrabang')).status).toBe(200);

        await gate.open();
        expect(await limits.store.whenReady(10_000)).toBe(true);
        // Redis's count resumes where it was (4), so the budget has room again.
        expect((await client.get('/api/me', token)).status).toBe(200);
        expect(Number(await redis.get(`${keyPrefix}user:${me}`))).toBe(5);

        // A Redis that hangs: each call gives up after its deadline and the process's own count answers: the
        // director's is still over budget from the outage, a colleague's is not.
        gate.freeze();
        const started = Date.now();
        const hung = await client.get('/api/me', token);
        expect(hung.status).toBe(429);
        const colleague = await signIn(client, 'assistant.ladkrabang');
        expect(colleague.status).toBe(200);
        expect((await client.get('/api/me', colleague.body.token)).status).toBe(200);
        expect(Date.now() - started).toBeLessThan(5000);
      } finally {
        redis.disconnect();
      }
    } finally {
      await gate.close();
    }
  });
});
