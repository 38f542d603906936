/**
 * The answers the OpenAPI document publishes (api/openapi/components.ts), held against real answers: every JSON
 * endpoint is called on a running system (SQLite and MariaDB) through the lives that fill it (an incoming letter
 * with its PDF, an outgoing memo up to its signature, a circular, the admin screens), and each body must parse with
 * its schema *and lose nothing* in parsing: a field the schema leaves out fails as surely as a wrong type. The web
 * client's types are generated from these schemas, so this is what keeps them true.
 */
import type { ZodType } from 'zod';
import { seededUserId } from '../../db/seed';
import { dbTime } from '../../db/time';
import { ENDPOINT_SCHEMAS } from '../../api/openapi/schemas';
import { apiClient, buildIncoming, type ApiResponse } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { act, buildOutgoing, taskOf, waitFor } from '../support/lives';
import { startTestSystem, type TestSystem } from '../support/system';
import { samplePdf } from '../e2e/support/fixtures';

/** Fails unless the answer has the endpoint's success status and its body is exactly what the schema describes. */
function expectAnswer(key: string, res: ApiResponse): any {
  const spec = ENDPOINT_SCHEMAS[key];
  if (!spec?.response) throw new Error(`${key} publishes no answer schema`);
  expect({ key, status: res.status }).toEqual({ key, status: spec.status ?? 200 });
  const parsed = (spec.response as ZodType).safeParse(res.body);
  if (!parsed.success) throw new Error(`${key}: ${JSON.stringify(parsed.error.issues, null, 1).slice(0, 3000)}`);
  // Zod drops what the schema does not name: an answer with an unnamed field parses to less than it was.
  expect({ key, body: parsed.data }).toEqual({ key, body: res.body });
  return res.body;
}

describe.each(testDatabaseKinds())('the published answers on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  const tokens: Record<string, string> = {};
  const as = (username: string) => tokens[username];
  const get = (path: string, user: string) => api.get(path, as(user));
  const send = (method: string, path: string, body: unknown, user: string) =>
    api.request(method, path, { token: as(user), body });

  beforeAll(async () => {
    system = await startTestSystem(kind);
    api = apiClient(system.baseUrl);
    const users = ['clerk.ladkrabang', 'staff.ladkrabang', 'head.ladkrabang', 'director.ladkrabang', 'clerk.central'];
    for (const u of [...users, 'admin.bma']) {
      const login = await api.post('/api/auth/login', { username: u, password: 'saraban-demo' });
      tokens[u] = expectAnswer('POST /api/auth/login', login).token;
    }
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('describes sign-in, the user, the org pickers, the rollout policy and health', async () => {
    expectAnswer('GET /api/auth/options', await api.get('/api/auth/options'));
    expectAnswer('GET /api/me', await get('/api/me', 'clerk.ladkrabang'));
    expectAnswer('GET /api/units', await get('/api/units?inactive=true', 'clerk.ladkrabang'));
    expectAnswer('GET /api/units/:unitId/users', await get('/api/units/district-1011/users', 'clerk.ladkrabang'));
    expectAnswer('GET /api/directory', await get('/api/directory', 'staff.ladkrabang'));
    const decision = '/api/rollout/decision?capability=receive&unitId=district-1011&date=2026-12-01&secrecy=secret';
    expectAnswer('GET /api/rollout/decision', await get(decision, 'clerk.ladkrabang'));
    expectAnswer('GET /api/health', await api.get('/api/health'));
  });

  it('describes an incoming letter: registration, detail with its stamp and tasks, steps, inbox, search, register', async () => {
    const pdf = Buffer.from(await samplePdf('A letter for the published answers')).toString('base64');
    const body = buildIncoming({ file: { name: 'หนังสือ.pdf', contentBase64: pdf } });
    const reg = expectAnswer(
      'POST /api/documents/incoming',
      await send('POST', '/api/documents/incoming', body, 'clerk.ladkrabang'),
    );
    const doc = await waitFor(
      () => get(`/api/documents/${reg.id}`, 'clerk.ladkrabang'),
      (res) => res.body?.receiptStamp?.status !== 'pending' && res.body?.openTasks?.length > 0,
    );
    expectAnswer('GET /api/documents/:id', doc);
    expectAnswer('GET /api/documents/:id/verify', await get(`/api/documents/${reg.id}/verify`, 'clerk.ladkrabang'));

    expect(expectAnswer('GET /api/inbox', await get('/api/inbox?scope=unit', 'clerk.ladkrabang')).items).not.toEqual(
      [],
    );
    const triage = await taskOf(api, as('clerk.ladkrabang'), reg.id);
    expectAnswer('POST /api/tasks/:taskId/actions', await act(api, as('clerk.ladkrabang'), triage.taskId, 'claim'));
    // The claimed task is closed to a second claim: the bulk answer holds a success and a refusal.
    const other = await send('POST', '/api/documents/incoming', buildIncoming(), 'clerk.ladkrabang');
    const otherTriage = await taskOf(api, as('clerk.ladkrabang'), other.body.id);
    const bulk = await send(
      'POST',
      '/api/tasks/bulk',
      { taskIds: [otherTriage.taskId, triage.taskId], action: 'claim' },
      'clerk.ladkrabang',
    );
    const results = expectAnswer('POST /api/tasks/bulk', bulk).results as Array<{ status: number }>;
    expect(results.map((r) => r.status)).toEqual([200, 409]);
    const held = await waitFor(
      () => taskOf(api, as('clerk.ladkrabang'), reg.id),
      (t) => t.taskId !== triage.taskId,
    );
    const moved = await send(
      'POST',
      `/api/tasks/${held.taskId}/reassign`,
      { toUserId: seededUserId('staff.ladkrabang') },
      'head.ladkrabang',
    );
    expectAnswer('POST /api/tasks/:taskId/reassign', moved);
    expectAnswer('GET /api/documents/:id', await get(`/api/documents/${reg.id}`, 'clerk.ladkrabang'));

    expect(expectAnswer('GET /api/inbox', await get('/api/inbox', 'staff.ladkrabang')).items).not.toEqual([]);
    // Past due, so the supervisor's list has a row to describe.
    await system.ds.query('UPDATE tasks SET due_at = ? WHERE document_id = ?', [
      dbTime(new Date(Date.now() - 1e6)),
      reg.id,
    ]);
    const overdue = expectAnswer(
      'GET /api/supervisor/overdue',
      await get('/api/supervisor/overdue', 'head.ladkrabang'),
    );
    expect(overdue.items).not.toEqual([]);
    expect(
      expectAnswer('GET /api/documents', await get('/api/documents?limit=5', 'clerk.ladkrabang')).items,
    ).not.toEqual([]);
    const register = expectAnswer(
      'GET /api/registers/:register',
      await get('/api/registers/receipt', 'clerk.ladkrabang'),
    );
    expect(register.items).not.toEqual([]);
  });

  it('describes an outgoing memo: draft, versions, submission, signature, the signed detail, withdrawal', async () => {
    const created = expectAnswer(
      'POST /api/documents',
      await send('POST', '/api/documents', buildOutgoing(), 'staff.ladkrabang'),
    );
    const id = created.id as string;
    const revised = await send(
      'PUT',
      `/api/documents/${id}`,
      buildOutgoing({ subject: 'แก้ไขแล้ว' }),
      'staff.ladkrabang',
    );
    expectAnswer('PUT /api/documents/:id', revised);
    expectAnswer('GET /api/documents/:id/versions', await get(`/api/documents/${id}/versions`, 'staff.ladkrabang'));
    const version = await get(`/api/documents/${id}/versions/2`, 'staff.ladkrabang');
    expectAnswer('GET /api/documents/:id/versions/:version', version);
    const submitted = await send(
      'POST',
      `/api/documents/${id}/submit`,
      { toPositionId: 'district-1011-admin-head' },
      'staff.ladkrabang',
    );
    expectAnswer('POST /api/documents/:id/submit', submitted);
    const sign = await taskOf(api, as('head.ladkrabang'), id, 'sign');
    expectAnswer('POST /api/tasks/:taskId/actions', await act(api, as('head.ladkrabang'), sign.taskId, 'sign'));
    const signed = await waitFor(
      () => get(`/api/documents/${id}`, 'staff.ladkrabang'),
      (res) => res.body?.number !== undefined && res.body?.signature !== undefined,
    );
    expectAnswer('GET /api/documents/:id', signed);
    expectAnswer('GET /api/registers/:register', await get('/api/registers/dispatch', 'clerk.ladkrabang'));

    const other = expectAnswer(
      'POST /api/documents',
      await send('POST', '/api/documents', buildOutgoing(), 'staff.ladkrabang'),
    );
    const withdrawn = await send('POST', `/api/documents/${other.id}/withdraw`, {}, 'staff.ladkrabang');
    expectAnswer('POST /api/documents/:id/withdraw', withdrawn);
    expectAnswer('GET /api/documents', await get('/api/documents?mine=true', 'staff.ladkrabang'));
  });

  it('describes a circular: its registration, the list, the groups and its acknowledgements', async () => {
    const circular = {
      subject: 'ซักซ้อมแนวทางการใช้ระบบสารบรรณอิเล็กทรอนิกส์',
      to: ['district-1011', 'district-1001'],
      body: 'ขอให้หน่วยงานถือปฏิบัติ',
    };
    const sent = expectAnswer('POST /api/circulars', await send('POST', '/api/circulars', circular, 'clerk.central'));
    const ack = await taskOf(api, as('clerk.ladkrabang'), sent.id, 'acknowledge');
    await act(api, as('clerk.ladkrabang'), ack.taskId, 'acknowledge');
    const detail = await waitFor(
      () => get(`/api/documents/${sent.id}`, 'clerk.central'),
      (res) => res.body?.acknowledgementSummary?.acknowledged === 1,
    );
    expectAnswer('GET /api/documents/:id', detail);
    expect(expectAnswer('GET /api/circulars', await get('/api/circulars', 'clerk.central')).items).not.toEqual([]);
    expectAnswer('GET /api/circulars/groups', await get('/api/circulars/groups', 'clerk.central'));
    expectAnswer('GET /api/registers/:register', await get('/api/registers/circular', 'clerk.central'));
  });

  it('describes the dashboards and the mail waiting for review', async () => {
    expectAnswer('GET /api/dashboard/rollout', await get('/api/dashboard/rollout', 'director.ladkrabang'));
    const stages = expectAnswer('GET /api/dashboard/stages', await get('/api/dashboard/stages', 'director.ladkrabang'));
    expect(stages.byUnit).not.toEqual([]);
    await system.ds.query(
      `INSERT INTO held_mail (unit_id, raw_sha256, message_id, from_address, sender_name, subject, received_at, pdfs)
       VALUES ('district-1011', ?, '<answers@test>', 'someone@unknown.example', 'ผู้ส่ง', 'หนังสือรอตรวจ', ?, '[]')`,
      ['0'.repeat(64), dbTime(new Date())],
    );
    expect(expectAnswer('GET /api/mail/review', await get('/api/mail/review', 'clerk.ladkrabang')).items).not.toEqual(
      [],
    );
  });

  it('describes the administration screens and each change they make', async () => {
    const admin = 'admin.bma';
    expectAnswer('GET /api/admin/org', await get('/api/admin/org', admin));
    const unit = {
      id: 'district-1011-answers',
      name: 'ฝ่ายทดสอบ',
      kind: 'section',
      parentId: 'district-1011',
      letterCode: 'กท 9599',
    };
    expectAnswer('POST /api/admin/units', await send('POST', '/api/admin/units', unit, admin));
    const unitPatch = await send('PATCH', `/api/admin/units/${unit.id}`, { phone: '0 2326 9116' }, admin);
    expectAnswer('PATCH /api/admin/units/:unitId', unitPatch);
    const position = { id: 'district-1011-answers-head', unitId: unit.id, title: 'หัวหน้าฝ่ายทดสอบ', level: 7 };
    expectAnswer('POST /api/admin/positions', await send('POST', '/api/admin/positions', position, admin));
    const positionPatch = await send('PATCH', `/api/admin/positions/${position.id}`, { headOfUnit: true }, admin);
    expectAnswer('PATCH /api/admin/positions/:positionId', positionPatch);
    const account = {
      username: 'answers.test',
      displayName: 'นายทดสอบ คำตอบ',
      positionId: position.id,
      roles: ['staff'],
      password: 'a-long-enough-password-42',
    };
    const user = expectAnswer('POST /api/admin/users', await send('POST', '/api/admin/users', account, admin));
    const roles = await send('PATCH', `/api/admin/users/${user.id}`, { roles: ['staff', 'supervisor'] }, admin);
    expectAnswer('PATCH /api/admin/users/:userId', roles);
    const appointment = {
      positionId: 'district-1011-director',
      actingUserId: user.id,
      kind: 'รักษาราชการแทน',
      validFrom: '2099-01-01',
    };
    const acting = expectAnswer('POST /api/admin/acting', await send('POST', '/api/admin/acting', appointment, admin));
    const ended = await send('POST', `/api/admin/acting/${acting.id}/end`, { validTo: '2098-12-31' }, admin);
    expectAnswer('POST /api/admin/acting/:actingId/end', ended);

    const holiday = { date: '2099-06-02', name: 'วันหยุดทดสอบ' };
    expectAnswer('POST /api/admin/holidays', await send('POST', '/api/admin/holidays', holiday, admin));
    expectAnswer('GET /api/admin/holidays', await get('/api/admin/holidays?year=2642', admin));
    const body = { name: 'บริษัท ทดสอบ จำกัด', email: 'answers@company.example', kind: 'company' };
    const created = expectAnswer(
      'POST /api/admin/outside-bodies',
      await send('POST', '/api/admin/outside-bodies', body, admin),
    );
    const patched = await send('PATCH', `/api/admin/outside-bodies/${created.id}`, { note: 'ทดสอบ' }, admin);
    expectAnswer('PATCH /api/admin/outside-bodies/:bodyId', patched);
    const off = await send('POST', `/api/admin/outside-bodies/${created.id}/deactivate`, {}, admin);
    expectAnswer('POST /api/admin/outside-bodies/:bodyId/deactivate', off);
    expectAnswer('GET /api/admin/outside-bodies', await get('/api/admin/outside-bodies', admin));
  });
});
