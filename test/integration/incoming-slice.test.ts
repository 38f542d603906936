import { hostname } from 'node:os';
import { apiClient, buildIncoming } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { startTestSystem, type TestSystem } from '../support/system';

describe.each(testDatabaseKinds())('the incoming slice on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let clerk: string;

  beforeAll(async () => {
    system = await startTestSystem(kind);
    api = apiClient(system.baseUrl);
    clerk = await api.login('clerk.ladkrabang');
  });
  afterAll(async () => {
    await system?.stop();
  });

  describe('POST /api/auth/login and GET /api/me', () => {
    it('signs a demo user in and tells who they are, with the registry unit', async () => {
      const me = await api.get('/api/me', clerk);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        username: 'clerk.ladkrabang',
        roles: ['clerk'],
        unit: { id: 'district-1011-admin' },
        registryUnit: { id: 'district-1011', name: 'สำนักงานเขตลาดกระบัง', letterCode: 'กท 9511' },
      });
    });

    it('refuses a wrong password with 401 and a code', async () => {
      const res = await api.post('/api/auth/login', { username: 'clerk.ladkrabang', password: 'wrong-password' });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    });

    it('answers 401 without a token and after logout', async () => {
      expect((await api.get('/api/me')).status).toBe(401);
      const token = await api.login('staff.ladkrabang');
      expect((await api.post('/api/auth/logout', {}, token)).status).toBe(204);
      expect((await api.get('/api/me', token)).status).toBe(401);
    });
  });

  describe('POST /api/documents/incoming', () => {
    it('gives the unit its next receipt number with the stamp text in Thai digits', async () => {
      const first = await api.post('/api/documents/incoming', buildIncoming(), clerk);
      const second = await api.post('/api/documents/incoming', buildIncoming({ subject: 'เรื่องที่สอง' }), clerk);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body.receipt.number).toBe(first.body.receipt.number + 1);
      expect(first.body).toMatchObject({ medium: 'electronic', workflowId: `doc-${first.body.id}` });
      expect(first.body.receipt.year).toBe(new Date().getUTCFullYear() + 543 + (bangkokYearAhead() ? 1 : 0));
      expect(first.body.receipt.text).toMatch(/^เลขรับ [๐-๙]+ วันที่ [๐-๙]{1,2} [ก-๙.]+ [๐-๙]{4} เวลา [๐-๙]{2}\.[๐-๙]{2}$/);
    });

    it('returns the first answer when the same Idempotency-Key is sent again', async () => {
      const headers = { 'idempotency-key': `retry-${Date.now()}` };
      const a = await api.post('/api/documents/incoming', buildIncoming(), clerk, headers);
      const b = await api.post('/api/documents/incoming', buildIncoming(), clerk, headers);
      expect(b.status).toBe(201);
      expect(b.body).toEqual(a.body);
    });

    it.each([
      ['a missing subject', buildIncoming({ subject: undefined }), 'INVALID_INPUT'],
      ['an unknown urgency', buildIncoming({ urgency: 'yesterday' }), 'INVALID_INPUT'],
      ['a malformed sender date', buildIncoming({ sender: { name: 'x', date: '2026-02-30' } }), 'INVALID_INPUT'],
      ['an unknown field', buildIncoming({ colour: 'red' }), 'INVALID_INPUT'],
    ])('answers 400 for %s and writes nothing', async (_, body, code) => {
      const before = await countRows(system, 'documents');
      const res = await api.post('/api/documents/incoming', body, clerk);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(await countRows(system, 'documents')).toBe(before);
    });

    it('answers 413 for a body over the size limit', async () => {
      const res = await api.post(
        '/api/documents/incoming',
        buildIncoming({ note: 'ก'.repeat(2 * 1024 * 1024) }),
        clerk,
      );
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('answers 400 for a body that is not JSON, and 415 for another media type', async () => {
      const broken = await api.request('POST', '/api/documents/incoming', {
        token: clerk,
        raw: '{"subject":',
        headers: { 'content-type': 'application/json' },
      });
      expect(broken.status).toBe(400);
      expect(broken.body.error.code).toBe('INVALID_JSON');
      const text = await api.request('POST', '/api/documents/incoming', {
        token: clerk,
        raw: 'subject=x',
        headers: { 'content-type': 'text/plain' },
      });
      expect(text.status).toBe(415);
    });

    it('is refused with 403 for a user who is not a clerk', async () => {
      const staff = await api.login('staff.ladkrabang');
      const res = await api.post('/api/documents/incoming', buildIncoming(), staff);
      expect(res.status).toBe(403);
    });
  });

  describe('the inbox and the two actions', () => {
    it('puts a triage task in the clerk inbox, assigns it, and the assignee closes it', async () => {
      const reg = await api.post('/api/documents/incoming', buildIncoming({ subject: 'ทดสอบมอบหมายงาน' }), clerk);
      const inbox = await api.get('/api/inbox', clerk);
      const task = inbox.body.items.find((t: { documentId: string }) => t.documentId === reg.body.id);
      expect(task).toMatchObject({
        type: 'triage',
        subject: 'ทดสอบมอบหมายงาน',
        urgency: 'very_urgent',
        overdue: false,
      });
      expect(task.receiptText).toBe(reg.body.receipt.text);

      const staffUser = (await api.get(`/api/units/district-1011/users`, clerk)).body.items.find(
        (u: { username: string }) => u.username === 'staff.ladkrabang',
      );
      const assigned = await api.post(
        `/api/tasks/${task.taskId}/actions`,
        { action: 'assign', toUserId: staffUser.id },
        clerk,
      );
      expect(assigned.status).toBe(200);
      expect(assigned.body.stage).toBe('assigned');

      const again = await api.post(`/api/tasks/${task.taskId}/actions`, { action: 'close' }, clerk);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('TASK_NOT_OPEN');

      const staff = await api.login('staff.ladkrabang');
      const staffInbox = await api.get('/api/inbox', staff);
      const actTask = staffInbox.body.items.find((t: { documentId: string }) => t.documentId === reg.body.id);
      expect(actTask.type).toBe('act');

      const foreign = await api.post(`/api/tasks/${actTask.taskId}/actions`, { action: 'close' }, clerk);
      expect(foreign.status).toBe(403);

      const closed = await api.post(
        `/api/tasks/${actTask.taskId}/actions`,
        { action: 'close', comment: 'ดำเนินการแล้ว' },
        staff,
      );
      expect(closed.status).toBe(200);
      expect(closed.body.stage).toBe('closed');
      const twice = await api.post(`/api/tasks/${actTask.taskId}/actions`, { action: 'close' }, staff);
      expect(twice.status).toBe(409);

      const doc = await api.get(`/api/documents/${reg.body.id}`, staff);
      expect(doc.status).toBe(200);
      expect(doc.body.stage).toBe('closed');
      expect(doc.body.history.map((h: { action: string }) => h.action)).toEqual([
        'document.registered',
        'task.opened',
        'task.assigned',
        'document.closed',
      ]);
      expect(doc.body.history[3].comment).toBe('ดำเนินการแล้ว');
    });

    it('answers a retried step whose first answer was lost with that answer, even once the life has ended', async () => {
      const reg = await api.post('/api/documents/incoming', buildIncoming({ subject: 'คำตอบหาย' }), clerk);
      const triage = (await api.get(`/api/documents/${reg.body.id}`, clerk)).body.openTasks[0].taskId as string;
      const staffUser = (await api.get(`/api/units/district-1011/users`, clerk)).body.items.find(
        (u: { username: string }) => u.username === 'staff.ladkrabang',
      );
      const key = `lost-answer-${Date.now()}`;
      // A replica that took the step and died before it answered has stored nothing for the key: forget the answer.
      const forget = () => system.ds.query('DELETE FROM idempotency_keys');
      const assign = () =>
        api.post(`/api/tasks/${triage}/actions`, { action: 'assign', toUserId: staffUser.id }, clerk, {
          'idempotency-key': `${key}-assign`,
        });
      const assigned = await assign();
      expect(assigned.status).toBe(200);
      await forget();
      const retried = await assign();
      expect(retried.status).toBe(200);
      expect(retried.body).toEqual(assigned.body);

      const staff = await api.login('staff.ladkrabang');
      const act = (await api.get(`/api/documents/${reg.body.id}`, staff)).body.openTasks[0].taskId as string;
      const close = (k: string) =>
        api.post(`/api/tasks/${act}/actions`, { action: 'close' }, staff, { 'idempotency-key': k });
      const closed = await close(`${key}-close`);
      expect(closed.body.stage).toBe('closed');
      await forget();
      const closedAgain = await close(`${key}-close`);
      expect(closedAgain.status).toBe(200);
      expect(closedAgain.body).toEqual(closed.body);
      // Another key never took the step: refused as ever.
      const other = await close(`${key}-other`);
      expect(other.status).toBe(409);
      expect(other.body.error.code).toBe('TASK_NOT_OPEN');
      const history = (await api.get(`/api/documents/${reg.body.id}`, staff)).body.history;
      expect(history.map((h: { action: string }) => h.action)).toEqual([
        'document.registered',
        'task.opened',
        'task.assigned',
        'document.closed',
      ]);
    });

    it('hides a document from another unit with 404', async () => {
      const reg = await api.post('/api/documents/incoming', buildIncoming(), clerk);
      const other = await api.login('clerk.central');
      expect((await api.get(`/api/documents/${reg.body.id}`, other)).status).toBe(404);
      expect((await api.get(`/api/documents/${reg.body.id}`, clerk)).status).toBe(200);
    });

    it('refuses to assign to a user of another unit', async () => {
      const reg = await api.post('/api/documents/incoming', buildIncoming(), clerk);
      const doc = await api.get(`/api/documents/${reg.body.id}`, clerk);
      const res = await api.post(
        `/api/tasks/${doc.body.openTasks[0].taskId}/actions`,
        { action: 'assign', toUserId: 'nobody' },
        clerk,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_ASSIGNEE');
    });
  });

  describe('GET /api/health', () => {
    it('reports the database and Temporal up, names the answering process and counts the polling worker', async () => {
      const res = await api.get('/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'ok',
        database: 'up',
        temporal: 'up',
        instance: `${hostname()}:${process.pid}`,
        workers: 1,
      });
    });
  });
});

function bangkokYearAhead(): boolean {
  const now = new Date();
  return new Date(now.getTime() + 7 * 3600_000).getUTCFullYear() > now.getUTCFullYear();
}

async function countRows(system: TestSystem, table: string): Promise<number> {
  const [{ n }] = (await system.ds.query(`SELECT COUNT(*) AS n FROM ${table}`)) as Array<{ n: number | string }>;
  return Number(n);
}
