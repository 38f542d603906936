import { apiClient, buildIncoming, type ApiResponse } from '../support/api-client';
import { startTestCluster, type TestCluster } from './support/test-cluster';

/**
 * The production topology's core scenarios through the proxy (nginx balancing two API replicas, two workers, the
 * Temporal server on PostgreSQL, the documents on MariaDB, Redis), with consecutive requests landing on different
 * replicas: each answer names its replica in X-Instance, and the tests check which one served what.
 */
describe('the cluster behind its proxy', () => {
  let cluster: TestCluster;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    cluster = await startTestCluster();
    api = apiClient(cluster.url);
  });
  afterAll(async () => {
    await cluster?.destroy();
  });

  /** Sends the request until the replica named answers it (round robin: at most a few tries). */
  async function on<T>(instance: string, send: () => Promise<ApiResponse<T>>): Promise<ApiResponse<T>> {
    for (let i = 0; i < 6; i++) {
      const res = await send();
      if (res.headers.get('x-instance') === instance) return res;
      // A write that the other replica took is not retried here: the callers send only reads or idempotent writes.
    }
    throw new Error(`${instance} never answered`);
  }

  it('answers /api/health from both replicas in turn, each counting the two workers', async () => {
    const answers = await Promise.all([0, 1, 2, 3].map(() => api.get('/api/health')));
    // Sent one at a time, the proxy alternates; sent at once they still spread over both.
    const serial: Array<{ instance: string; workers: number; status: string }> = [];
    for (let i = 0; i < 4; i++) serial.push((await api.get('/api/health')).body);
    expect(serial.map((h) => h.instance)).toEqual(expect.arrayContaining(['api-1', 'api-2']) as unknown as string[]);
    expect(serial[0].instance).not.toBe(serial[1].instance);
    expect(serial[1].instance).not.toBe(serial[2].instance);
    for (const h of [...serial, ...answers.map((a) => a.body as { workers: number; status: string })])
      expect(h).toMatchObject({ status: 'ok', workers: 2, database: 'up', temporal: 'up' });
    const page = await fetch(`${cluster.url}/inbox`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<app-root');
  });

  it('registers a letter on one replica and lets the other act on it', async () => {
    const clerk = await api.login('clerk.ladkrabang');
    const staff = await api.login('staff.ladkrabang');
    const staffId = (await api.get('/api/me', staff)).body.id as string;
    const reg = await on('api-1', () =>
      api.post('/api/documents/incoming', buildIncoming({ subject: 'ข้ามเครื่อง' }), clerk, {
        'idempotency-key': 'cluster-cross-replica-1',
      }),
    );
    expect(reg.status).toBe(201);
    const doc = await on('api-2', () => api.get(`/api/documents/${reg.body.id}`, clerk));
    expect(doc.status).toBe(200);
    // The operators' link leads to this cluster's UI and namespace.
    expect(doc.body.temporalUrl).toBe(
      `http://localhost:${cluster.settings.TEMPORAL_UI_PORT}/namespaces/saraban/workflows/${reg.body.workflowId}`,
    );
    const triage = doc.body.openTasks[0].taskId as string;
    const assigned = await on('api-2', () =>
      api.post(`/api/tasks/${triage}/actions`, { action: 'assign', toUserId: staffId }, clerk, {
        'idempotency-key': 'cluster-cross-replica-assign',
      }),
    );
    expect(assigned.status).toBe(200);
    const inbox = await on('api-1', () => api.get('/api/inbox', staff));
    expect(inbox.body.items.map((t: { documentId: string }) => t.documentId)).toContain(reg.body.id);
  });

  it('replays an Idempotency-Key on the other replica with the first answer', async () => {
    const clerk = await api.login('clerk.ladkrabang');
    const body = buildIncoming({ subject: 'ส่งซ้ำข้ามเครื่อง' });
    const headers = { 'idempotency-key': 'cluster-replay-0001' };
    const first = await api.post('/api/documents/incoming', body, clerk, headers);
    const second = await api.post('/api/documents/incoming', body, clerk, headers);
    expect(first.status).toBe(201);
    expect(new Set([first.headers.get('x-instance'), second.headers.get('x-instance')])).toEqual(
      new Set(['api-1', 'api-2']),
    );
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
  });

  it('keeps one sign-in lock for a username across both replicas', async () => {
    // Five wrong passwords, spread over both replicas by the proxy, lock the username on both (LOGIN_MAX_FAILURES 5).
    const tries: ApiResponse[] = [];
    for (let i = 0; i < 6; i++)
      tries.push(await api.post('/api/auth/login', { username: 'head.civil.ladkrabang', password: 'wrong-password' }));
    expect(new Set(tries.map((t) => t.headers.get('x-instance')))).toEqual(new Set(['api-1', 'api-2']));
    expect(tries.slice(0, 5).map((t) => t.status)).toEqual([401, 401, 401, 401, 401]);
    expect(tries[5].status).toBe(429);
    expect(Number(tries[5].headers.get('retry-after'))).toBeGreaterThan(0);
    const right = [
      await api.post('/api/auth/login', { username: 'head.civil.ladkrabang', password: 'saraban-demo' }),
      await api.post('/api/auth/login', { username: 'head.civil.ladkrabang', password: 'saraban-demo' }),
    ];
    expect(right.map((r) => r.status)).toEqual([429, 429]);
    expect(new Set(right.map((r) => r.headers.get('x-instance')))).toEqual(new Set(['api-1', 'api-2']));
  });

  it('answers 409 to the second of two clerks acting on the same task through different replicas', async () => {
    const admin = await api.login('admin.bma');
    const made = await api.post(
      '/api/admin/users',
      {
        username: 'clerk2.ladkrabang',
        displayName: 'นางสาวสมใจ ธุรการสอง',
        positionId: 'district-1011-admin-clerk',
        roles: ['clerk'],
        password: 'a-long-cluster-password',
      },
      admin,
    );
    expect(made.status).toBe(201);
    const [clerk, clerk2] = [
      await api.login('clerk.ladkrabang'),
      await api.login('clerk2.ladkrabang', 'a-long-cluster-password'),
    ];
    const reg = await api.post('/api/documents/incoming', buildIncoming({ subject: 'สองคนพร้อมกัน' }), clerk);
    expect(reg.status).toBe(201);
    const doc = await api.get(`/api/documents/${reg.body.id}`, clerk);
    const task = doc.body.openTasks[0].taskId as string;
    const staffId = (await api.get('/api/me', await api.login('staff.ladkrabang'))).body.id as string;
    const both = await Promise.all(
      [clerk, clerk2].map((token) =>
        api.post(`/api/tasks/${task}/actions`, { action: 'assign', toUserId: staffId }, token),
      ),
    );
    expect(new Set(both.map((r) => r.headers.get('x-instance')))).toEqual(new Set(['api-1', 'api-2']));
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.code).toEqual(expect.stringMatching(/^TASK_/));
  });
});
