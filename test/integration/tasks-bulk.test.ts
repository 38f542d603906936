import { apiClient, buildIncoming } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { taskOf } from '../support/lives';
import { startSecondApi } from '../support/second-api';
import { startTestSystem, type TestSystem } from '../support/system';

interface BulkResult {
  taskId: string;
  status: number;
  code?: string;
  message?: string;
  stage?: string;
  documentId?: string;
}

describe.each(testDatabaseKinds())('POST /api/tasks/bulk on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let clerk: string;

  /** Registers a letter as the clerk and returns its triage task. */
  const registered = async (subject: string, token = clerk) => {
    const reg = await api.post('/api/documents/incoming', buildIncoming({ subject }), token);
    expect(reg.status).toBe(201);
    return (await taskOf(api, token, reg.body.id as string, 'triage')).taskId;
  };
  const bulk = (body: unknown, token = clerk, key?: string) =>
    api.post<{ results: BulkResult[] }>('/api/tasks/bulk', body, token, key ? { 'idempotency-key': key } : {});
  /** Audit rows that name the task: one step's row each, so a repeated step would show. */
  const auditRowsOf = async (taskId: string) =>
    ((await system.ds.query('SELECT details FROM audit_log')) as Array<{ details: string }>).filter((r) =>
      String(r.details).includes(taskId),
    ).length;

  beforeAll(async () => {
    system = await startTestSystem(kind);
    api = apiClient(system.baseUrl);
    clerk = await api.login('clerk.ladkrabang');
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('answers each task with what its own step would: 200, 404, 409 and 403 with their codes', async () => {
    const [t1, t2, t3] = [await registered('รวม ๑'), await registered('รวม ๒'), await registered('รวม ๓')];
    const elsewhere = await registered('ของเขตอื่น', await api.login('clerk.phranakhon'));
    const first = await bulk(
      { taskIds: [t1, t2, elsewhere, 'no-such-task'], action: 'close', comment: 'ปิดเรื่องพร้อมกัน' },
      clerk,
      'bulk-close-0001',
    );
    expect(first.status).toBe(200);
    expect(first.body.results.map((r) => [r.taskId, r.status, r.code])).toEqual([
      [t1, 200, undefined],
      [t2, 200, undefined],
      [elsewhere, 404, 'NOT_FOUND'],
      ['no-such-task', 404, 'NOT_FOUND'],
    ]);
    expect(first.body.results[0]).toMatchObject({ stage: expect.any(String), documentId: expect.any(String) });
    const rowsAfterFirst = [await auditRowsOf(t1), await auditRowsOf(t2)];
    expect(rowsAfterFirst[0]).toBeGreaterThan(0);

    // The same request again is the first answer; no step is done twice.
    const replay = await bulk(
      { taskIds: [t1, t2, elsewhere, 'no-such-task'], action: 'close', comment: 'ปิดเรื่องพร้อมกัน' },
      clerk,
      'bulk-close-0001',
    );
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');

    // A closed task is 409 in its result while the others go through.
    const second = await bulk({ taskIds: [t1, t3], action: 'close' }, clerk, 'bulk-close-0002');
    expect(second.body.results.map((r) => [r.status, r.code])).toEqual([
      [409, 'TASK_NOT_OPEN'],
      [200, undefined],
    ]);
    expect([await auditRowsOf(t1), await auditRowsOf(t2)]).toEqual(rowsAfterFirst);
    expect(await auditRowsOf(t3)).toBe(rowsAfterFirst[0]);

    // A colleague of the unit sees its queue but may not work a clerk's triage task.
    const t4 = await registered('รวม ๔');
    const staff = await api.login('staff.ladkrabang');
    const refused = await bulk({ taskIds: [t4], action: 'close' }, staff);
    expect(refused.status).toBe(200);
    expect(refused.body.results[0]).toMatchObject({ taskId: t4, status: 403, code: 'NOT_TASK_HOLDER' });
  });

  it('assigns many tasks to a person, each its own Update with its own idempotency', async () => {
    const tasks = [await registered('มอบ ๑'), await registered('มอบ ๒')];
    const staffId = (await api.get('/api/me', await api.login('staff.ladkrabang'))).body.id as string;
    const body = { taskIds: tasks, action: 'assign', toUserId: staffId };
    const res = await bulk(body, clerk, 'bulk-assign-0001');
    expect(res.body.results.map((r) => r.status)).toEqual([200, 200]);
    for (const r of res.body.results as Array<BulkResult & { nextTasks: Array<{ assigneeUserId: string }> }>)
      expect(r.nextTasks).toEqual([expect.objectContaining({ type: 'act', assigneeUserId: staffId })]);
    // Another key is another request: each task's step is done already, so each says so.
    const again = await bulk(body, clerk, 'bulk-assign-0002');
    expect(again.body.results.map((r) => [r.status, r.code])).toEqual([
      [409, 'TASK_NOT_OPEN'],
      [409, 'TASK_NOT_OPEN'],
    ]);
  });

  it('refuses bad input with 400 and its code, before any step', async () => {
    const t = await registered('ข้อมูลผิด');
    const cases: unknown[] = [
      { taskIds: [], action: 'close' },
      { taskIds: [t, t], action: 'close' },
      { taskIds: Array.from({ length: 501 }, (_, i) => `t-${i}`), action: 'close' },
      { taskIds: [t], action: 'explode' },
      { taskIds: [t], action: 'close', extra: true },
      { taskIds: 'all', action: 'close' },
    ];
    for (const body of cases) {
      const res = await bulk(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    }
    expect(
      (await api.get(`/api/inbox?scope=unit&limit=200`, clerk)).body.items.map((i: BulkResult) => i.taskId),
    ).toContain(t);
    expect((await api.post('/api/tasks/bulk', { taskIds: [t], action: 'close' })).status).toBe(401);
  });

  it('charges one point per task before any step, and gives a refused charge back', async () => {
    const tight = await startSecondApi(system, { RATE_LIMIT_USER_PER_MINUTE: 30, RATE_LIMIT_USER_BURST: 0 });
    try {
      const client = apiClient(tight.baseUrl);
      const token = await client.login('clerk.ladkrabang');
      const t = await registered('งบจุด');
      const tooMany = await client.post(
        '/api/tasks/bulk',
        {
          taskIds: [t, ...Array.from({ length: 39 }, (_, i) => `nothing-${i}`)],
          action: 'close',
        },
        token,
      );
      expect(tooMany.status).toBe(429);
      expect(tooMany.body.error.code).toBe('RATE_LIMITED');
      expect(Number(tooMany.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await system.ds.query('SELECT status FROM tasks WHERE id = ?', [t]))[0].status).toBe('open');
      // The refused 39 were given back (the request's own point was spent): 29 left, 25 of them for these tasks.
      const fits = await client.post(
        '/api/tasks/bulk',
        { taskIds: [t, ...Array.from({ length: 24 }, (_, i) => `n-${i}`)], action: 'close' },
        token,
      );
      expect(fits.status).toBe(200);
      expect(fits.body.results[0]).toMatchObject({ taskId: t, status: 200 });
      const rest: number[] = [];
      for (let i = 0; i < 5; i++) rest.push((await client.get('/api/me', token)).status);
      expect(rest).toEqual([200, 200, 200, 200, 429]);
    } finally {
      await tight.stop();
    }
  });
});
