import Redis from 'ioredis';
import { apiClient, type ApiResponse } from '../support/api-client';
import { startTestCluster, type TestCluster } from './support/test-cluster';

/**
 * The limits hold across the replicas: both APIs count in the cluster's Redis, so a budget spent on one is spent on
 * the other, and a 429 comes from whichever replica the proxy picks. Tiny budgets (appEnv) make that quick to see.
 * The tests run in order and share the one client address (127.0.0.1, as nginx forwards it).
 */
describe('rate limits across the replicas behind the proxy', () => {
  const USER_PER_MINUTE = 12;
  const IP_PER_MINUTE = 30;
  let cluster: TestCluster;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    cluster = await startTestCluster({
      appEnv: {
        RATE_LIMIT_USER_PER_MINUTE: String(USER_PER_MINUTE),
        RATE_LIMIT_USER_BURST: '0',
        RATE_LIMIT_IP_PER_MINUTE: String(IP_PER_MINUTE),
      },
    });
    api = apiClient(cluster.url);
  });
  afterAll(async () => {
    await cluster?.destroy();
  });

  const instances = (answers: ApiResponse[]) => new Set(answers.map((a) => a.headers.get('x-instance')));

  it("spends one user's budget on both replicas together", async () => {
    const clerk = await api.login('clerk.ladkrabang'); // the address's first point
    const answers: ApiResponse[] = [];
    for (let i = 0; i < USER_PER_MINUTE + 6; i++) answers.push(await api.get('/api/me', clerk));
    expect(instances(answers)).toEqual(new Set(['api-1', 'api-2']));
    // 12 in all, not 12 on each.
    expect(answers.map((a) => a.status)).toEqual([
      ...Array<number>(USER_PER_MINUTE).fill(200),
      ...Array<number>(6).fill(429),
    ]);
    const refused = answers.slice(USER_PER_MINUTE);
    expect(instances(refused)).toEqual(new Set(['api-1', 'api-2']));
    for (const r of refused) {
      expect(r.body.error.code).toBe('RATE_LIMITED');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // The count is Redis's, under the cluster's prefix.
    const redis = new Redis(cluster.settings.REDIS_URL);
    try {
      const me = (answers[0].body as { id: string }).id;
      expect(Number(await redis.get(`${cluster.settings.REDIS_KEY_PREFIX}user:${me}`))).toBeGreaterThanOrEqual(
        USER_PER_MINUTE,
      );
    } finally {
      redis.disconnect();
    }
  });

  it('spends one address budget before sign-in on both replicas together, and spares the signed-in', async () => {
    const staff = await api.login('staff.ladkrabang'); // the address's second point
    const answers: ApiResponse[] = [];
    for (let i = 0; i < IP_PER_MINUTE; i++) answers.push(await api.get('/api/health'));
    const ok = answers.filter((a) => a.status !== 429);
    expect(ok.length).toBe(IP_PER_MINUTE - 2);
    expect(instances(ok)).toEqual(new Set(['api-1', 'api-2']));
    expect(instances(answers.filter((a) => a.status === 429))).toEqual(new Set(['api-1', 'api-2']));
    // Sign-in from the spent address waits, on either replica; whoever is signed in goes on.
    const late = [await api.post('/api/auth/login', { username: 'head.ladkrabang', password: 'saraban-demo' })];
    late.push(await api.post('/api/auth/login', { username: 'head.ladkrabang', password: 'saraban-demo' }));
    expect(late.map((r) => r.status)).toEqual([429, 429]);
    expect(instances(late)).toEqual(new Set(['api-1', 'api-2']));
    const work = [await api.get('/api/inbox', staff), await api.get('/api/inbox', staff)];
    expect(work.map((r) => r.status)).toEqual([200, 200]);
    expect(instances(work)).toEqual(new Set(['api-1', 'api-2']));
  });
});
