import { apiClient } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { act, recordHistory, taskOf, waitFor } from '../support/lives';
import { startTestSystem, type TestSystem } from '../support/system';

type Row = Record<string, unknown>;
type Ack = { unitId: string; status: string; acknowledgedAt?: string; reminders: number; escalatedAt?: string };

/** The reminder ladder in seconds: reminders at 3 s and 5 s, the heads' tasks at 7 s, tracking ends at 120 s. */
const LADDER = {
  CIRCULAR_BATCH_SIZE: '20',
  CIRCULAR_REMIND_AFTER_SECONDS: '3',
  CIRCULAR_REMIND_EVERY_SECONDS: '2',
  CIRCULAR_MAX_REMINDERS: '2',
  CIRCULAR_CLOSE_AFTER_SECONDS: '120',
  CIRCULAR_CONTINUE_AS_NEW_EVENTS: '100',
};

describe.each(testDatabaseKinds())('the circular life on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  const tokens = new Map<string, string>();
  const as = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await api.login(username));
    return tokens.get(username)!;
  };
  const query = (sql: string, params: unknown[] = []) => system.ds.query(sql, params) as Promise<Row[]>;
  const circular = (to: string[], subject = 'ซักซ้อมแนวทางการใช้ระบบสารบรรณอิเล็กทรอนิกส์') => ({
    subject,
    urgency: 'most_urgent',
    to,
    body: 'ตามที่กรุงเทพมหานครได้กำหนดแผนการใช้งานระบบสารบรรณอิเล็กทรอนิกส์ จึงขอให้หน่วยงานถือปฏิบัติ',
  });

  beforeAll(async () => {
    system = await startTestSystem(kind, { env: LADDER });
    api = apiClient(system.baseUrl);
  });
  afterAll(async () => {
    await system?.stop();
  });

  describe('POST /api/circulars', () => {
    it('numbers it in the ว series, takes two acknowledgements, reminds the third and escalates to its head', async () => {
      const sent = await api.post(
        '/api/circulars',
        circular(['district-1011', 'district-1001', 'district-1002']),
        await as('clerk.central'),
      );
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ stage: 'circulating', medium: 'electronic', recipients: 3 });
      expect(sent.body.number).toMatchObject({ register: 'circular', code: 'กท 0403/ว 1', text: 'กท ๐๔๐๓/ว ๑' });
      expect(sent.body.workflowId).toBe(`circ-${sent.body.id}`);
      const id = sent.body.id as string;

      const ladkrabang = await taskOf(api, await as('clerk.ladkrabang'), id, 'acknowledge');
      const staff = await act(api, await as('staff.ladkrabang'), ladkrabang.taskId, 'acknowledge');
      expect(staff.status).toBe(403);
      const elsewhere = await act(api, await as('clerk.d1003'), ladkrabang.taskId, 'acknowledge');
      expect(elsewhere.status).toBe(404);
      expect((await act(api, await as('clerk.ladkrabang'), ladkrabang.taskId, 'close')).status).toBe(422);
      expect((await act(api, await as('clerk.ladkrabang'), ladkrabang.taskId, 'acknowledge')).status).toBe(200);
      expect((await act(api, await as('clerk.ladkrabang'), ladkrabang.taskId, 'acknowledge')).status).toBe(409);
      const phranakhon = await taskOf(api, await as('clerk.phranakhon'), id, 'acknowledge');
      expect((await act(api, await as('clerk.phranakhon'), phranakhon.taskId, 'acknowledge')).status).toBe(200);

      const read = await api.get(`/api/documents/${id}`, await as('clerk.phranakhon'));
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ direction: 'circular', number: { code: 'กท 0403/ว 1' } });
      expect((await api.get(`/api/documents/${id}`, await as('clerk.d1003'))).status).toBe(404);

      const acks = (res: { body: { acknowledgements: Ack[] } }) =>
        new Map(res.body.acknowledgements.map((a) => [a.unitId, a]));
      const escalated = await waitFor(
        () => api.get(`/api/documents/${id}`, tokens.get('clerk.central')),
        (res) => acks(res).get('district-1002')?.escalatedAt !== undefined,
      );
      const byUnit = acks(escalated);
      expect(byUnit.get('district-1011')).toMatchObject({ status: 'acknowledged' });
      expect(byUnit.get('district-1011')!.acknowledgedAt).toBeDefined();
      expect(byUnit.get('district-1001')).toMatchObject({ status: 'acknowledged' });
      expect(byUnit.get('district-1002')).toMatchObject({ status: 'pending', reminders: 2 });
      const actions = escalated.body.history.map((h: { action: string }) => h.action);
      expect(actions.filter((a: string) => a === 'circular.reminded')).toHaveLength(2);
      expect(actions).toContain('circular.escalated');

      // The head of the silent district now holds a task of their own; acknowledging closes the clerk's too.
      const head = await taskOf(api, await as('director.d1002'), id, 'acknowledge');
      expect((await act(api, await as('director.d1002'), head.taskId, 'acknowledge')).status).toBe(200);
      const closed = await waitFor(
        () => api.get(`/api/documents/${id}`, tokens.get('clerk.central')),
        (res) => res.body.stage === 'closed',
      );
      expect(closed.body.acknowledgementSummary).toEqual({ units: 3, acknowledged: 3, pending: 0, notAcknowledged: 0 });
      const open = await query("SELECT id FROM tasks WHERE document_id = ? AND status = 'open'", [id]);
      expect(open).toHaveLength(0);
      const [entry] = await query('SELECT register, number, to_text FROM register_entries WHERE document_id = ?', [id]);
      expect(entry).toMatchObject({ register: 'circular' });
      await recordHistory(system.client, `circ-${id}-b1`, 'circular-batch-reminded-escalated', kind);
      await recordHistory(system.client, `circ-${id}`, 'circular-three-units', kind);
    });

    it('reaches all 50 districts through a group target, in batches, and closes when every one has acknowledged', async () => {
      const sent = await api.post(
        '/api/circulars',
        circular(['all-districts'], 'หนังสือเวียนถึงทุกเขต'),
        await as('clerk.central'),
      );
      expect(sent.status).toBe(201);
      expect(sent.body.recipients).toBe(50);
      expect(sent.body.number.code).toBe('กท 0403/ว 2');
      const id = sent.body.id as string;
      const clerks = (await query(
        `SELECT u.username, s.parent_id AS unit_id FROM users u JOIN positions p ON p.id = u.position_id
         JOIN units s ON s.id = p.unit_id WHERE u.roles LIKE '%clerk%' AND s.parent_id LIKE 'district-%'`,
      )) as Array<{ username: string; unit_id: string }>;
      expect(clerks).toHaveLength(50);
      const queue = [...clerks];
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let c = queue.shift(); c; c = queue.shift()) {
            const token = await as(c.username);
            const task = await taskOf(api, token, id, 'acknowledge');
            const res = await act(api, token, task.taskId, 'acknowledge');
            // A unit whose head already acknowledged (after the escalation) answers 409: still acknowledged once.
            expect([200, 409]).toContain(res.status);
          }
        }),
      );
      const closed = await waitFor(
        () => api.get(`/api/documents/${id}`, tokens.get('clerk.central')),
        (res) => res.body.stage === 'closed',
        90_000,
      );
      expect(closed.body.acknowledgementSummary).toEqual({
        units: 50,
        acknowledged: 50,
        pending: 0,
        notAcknowledged: 0,
      });
      const acks = await query('SELECT COUNT(*) AS n FROM circular_acknowledgements WHERE document_id = ?', [id]);
      expect(Number(acks[0].n)).toBe(50);
      // Each batch of 20 took more than 100 history events of acknowledgements: the first continued as new.
      const runs = await waitFor(
        async () => {
          const list: string[] = [];
          for await (const w of system.client.workflow.list({ query: `WorkflowId = 'circ-${id}-b1'` }))
            list.push(w.runId);
          return list;
        },
        (list) => list.length > 1,
        30_000,
      );
      expect(runs.length).toBeGreaterThan(1);
    });

    it.each([
      [['district-9999'], 400, 'UNKNOWN_UNIT'],
      [['secretariat'], 400, 'NO_RECIPIENTS'],
    ])('refuses %j with %i', async (to, status, code) => {
      const res = await api.post('/api/circulars', circular(to), await as('clerk.central'));
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
    });

    it('records a top-secret circular as done on paper, with the reason and a number from the secret register, and no content', async () => {
      const res = await api.post(
        '/api/circulars',
        { ...circular(['district-1011'], 'หนังสือเวียนลับที่สุด'), secrecy: 'top_secret' },
        await as('clerk.central'),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        stage: 'paper',
        medium: 'paper',
        paperReasonCode: 'top_secret',
        number: { register: 'secret_dispatch', code: expect.stringMatching(/\/ว \d+$/) },
      });
      const [doc] = await query('SELECT body, paper_reason, number_code FROM documents WHERE id = ?', [res.body.id]);
      expect(doc.body).toBeNull();
      expect(doc.paper_reason).toBeTruthy();
      expect(doc.number_code).toBe(res.body.number.code);
      const rows = await query('SELECT register, method, subject FROM register_entries WHERE document_id = ?', [
        res.body.id,
      ]);
      expect(rows).toEqual([{ register: 'secret_dispatch', method: 'paper', subject: 'หนังสือเวียนลับที่สุด' }]);
      expect(await query('SELECT 1 FROM circular_acknowledgements WHERE document_id = ?', [res.body.id])).toHaveLength(
        0,
      );
    });

    it('is refused to a user who may not send circulars', async () => {
      const res = await api.post('/api/circulars', circular(['district-1011']), await as('staff.central'));
      expect(res.status).toBe(403);
    });

    it('lists the group targets', async () => {
      const res = await api.get('/api/circulars/groups', await as('clerk.central'));
      expect(res.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: 'all-districts', units: 50 })]),
      );
    });
  });

  describe('GET /api/circulars', () => {
    it("lists the unit's circulars newest first with acknowledgement counts, page by page", async () => {
      const token = await as('clerk.central');
      const all = await api.get('/api/circulars?limit=200', token);
      expect(all.status).toBe(200);
      const bySubject = new Map(all.body.items.map((c: { subject: string }) => [c.subject, c]));
      expect(bySubject.get('หนังสือเวียนถึงทุกเขต')).toMatchObject({
        stage: 'closed',
        number: 'กท 0403/ว 2',
        acknowledgements: { units: 50, acknowledged: 50, pending: 0, expired: 0 },
      });
      expect(bySubject.get('หนังสือเวียนลับที่สุด')).toMatchObject({
        stage: 'paper',
        medium: 'paper',
        acknowledgements: { units: 0 },
      });
      const times = all.body.items.map((c: { createdAt: string }) => c.createdAt);
      expect([...times].sort().reverse()).toEqual(times);

      const first = await api.get('/api/circulars?limit=1', token);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await api.get(`/api/circulars?limit=1&cursor=${first.body.nextCursor}`, token);
      expect(second.body.items[0].id).toBe(all.body.items[1].id);

      const closed = await api.get('/api/circulars?stage=closed', token);
      expect(closed.body.items.every((c: { stage: string }) => c.stage === 'closed')).toBe(true);
      expect(closed.body.items.length).toBeGreaterThanOrEqual(2);
    });

    it('lists nothing of other units, and refuses a cursor it did not give', async () => {
      const other = await api.get('/api/circulars', await as('clerk.ladkrabang'));
      expect(other.status).toBe(200);
      expect(other.body.items).toEqual([]);
      const bad = await api.get('/api/circulars?cursor=not-a-cursor', await as('clerk.central'));
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('INVALID_CURSOR');
    });
  });
});
