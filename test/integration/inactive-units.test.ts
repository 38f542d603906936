import { seededUserId } from '../../db/seed';
import { apiClient, buildIncoming } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { act, buildOutgoing, taskOf, waitFor } from '../support/lives';
import { startTestSystem, type TestSystem } from '../support/system';

type Row = Record<string, any>;

const DISTRICT = 'district-1003';
const NAME = 'สำนักงานเขตหนองจอก';
const PEOPLE = ['director.d1003', 'assistant.d1003', 'head.d1003', 'staff.d1003', 'clerk.d1003'];

/**
 * A district switched off by the administrator (as org:import does for one the BMA's file drops): out of the unit
 * pickers and the "all districts" group, refused as a recipient, forward target or post with 422 UNIT_INACTIVE and
 * nothing written, while documents sent to it before still name it; switched on again, all of it comes back.
 */
describe.each(testDatabaseKinds())('switched-off units on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  const tokens = new Map<string, string>();
  const as = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await api.login(username));
    return tokens.get(username)!;
  };
  const query = (sql: string, params: unknown[] = []) => system.ds.query(sql, params) as Promise<Row[]>;
  const count = async (sql: string, params: unknown[] = []) => Number((await query(sql, params))[0].n);
  const patch = async (path: string, body: unknown) =>
    api.request('PATCH', path, { token: await as('admin.bma'), body });
  const unitIds = async (path: string) =>
    ((await api.get(path, await as('staff.ladkrabang'))).body.items as Row[]).map((u) => u.id as string);
  const districtsGroup = async () =>
    ((await api.get('/api/circulars/groups', await as('clerk.central'))).body.items as Row[]).find(
      (g) => g.id === 'all-districts',
    )!.units as number;
  const circular = (to: string[]) => ({
    subject: 'ซักซ้อมแนวทางการใช้ระบบสารบรรณอิเล็กทรอนิกส์',
    urgency: 'urgent',
    to,
    body: 'จึงขอให้หน่วยงานถือปฏิบัติ',
  });
  const acknowledgements = async (id: string, n: number) =>
    (
      await waitFor(
        () => api.get(`/api/documents/${id}`, tokens.get('clerk.central')),
        (res) => (res.body.acknowledgements?.length ?? 0) >= n,
      )
    ).body.acknowledgements as Row[];

  let oldDraft: string;
  let oldCircular: string;

  beforeAll(async () => {
    system = await startTestSystem(kind);
    api = apiClient(system.baseUrl);
    // Sent while the district was on: these must still name it afterwards.
    const draft = await api.post('/api/documents', buildOutgoing({ to: [DISTRICT] }), await as('staff.ladkrabang'));
    expect(draft.status).toBe(201);
    oldDraft = draft.body.id;
    const sent = await api.post('/api/circulars', circular([DISTRICT]), await as('clerk.central'));
    expect(sent.status).toBe(201);
    oldCircular = sent.body.id;
    await acknowledgements(oldCircular, 1);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('refuses to switch off a district while its people are active, saying how many, and writes nothing', async () => {
    const res = await patch(`/api/admin/units/${DISTRICT}`, { active: false });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('UNIT_HAS_ACTIVE_USERS');
    expect(res.body.error.message).toContain('5 active user');
    expect(await count('SELECT COUNT(*) AS n FROM units WHERE id = ? AND active = 1', [DISTRICT])).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'org.unit_changed'")).toBe(0);
  });

  it('refuses to switch off a held position (409) and switches off an empty one, which takes no user', async () => {
    const held = await patch('/api/admin/positions/district-1011-director', { active: false });
    expect(held.status).toBe(409);
    expect(held.body.error).toMatchObject({ code: 'POSITION_HAS_ACTIVE_USERS' });
    expect(held.body.error.message).toContain('1 active user');

    const created = await api.request('POST', '/api/admin/positions', {
      token: await as('admin.bma'),
      body: { id: 'district-1011-spare', unitId: 'district-1011', title: 'นักจัดการงานทั่วไป', level: 9 },
    });
    expect(created.status).toBe(201);
    expect(created.body.active).toBe(true);
    const off = await patch('/api/admin/positions/district-1011-spare', { active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const [audit] = await query("SELECT details FROM audit_log WHERE action = 'org.position_changed' ORDER BY id DESC");
    expect(JSON.parse(String(audit.details))).toMatchObject({
      positionId: 'district-1011-spare',
      before: { active: true },
      after: { active: false },
    });
    const userPick = await api.request('POST', '/api/admin/users', {
      token: await as('admin.bma'),
      body: {
        username: 'spare.ladkrabang',
        displayName: 'นายสำรอง ทดสอบ',
        positionId: 'district-1011-spare',
        roles: ['staff'],
        password: 'a-long-enough-password-1',
      },
    });
    expect(userPick.status).toBe(422);
    expect(userPick.body.error.code).toBe('POSITION_INACTIVE');
    expect(await count("SELECT COUNT(*) AS n FROM users WHERE username = 'spare.ladkrabang'")).toBe(0);
  });

  it('switches the district off once its people are off, audited, and the pickers leave it out', async () => {
    for (const username of PEOPLE) {
      const res = await patch(`/api/admin/users/${seededUserId(username)}`, { active: false });
      expect(res.status).toBe(200);
    }
    const res = await patch(`/api/admin/units/${DISTRICT}`, { active: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: DISTRICT, name: NAME, active: false });
    const [audit] = await query("SELECT details FROM audit_log WHERE action = 'org.unit_changed' ORDER BY id DESC");
    expect(JSON.parse(String(audit.details))).toMatchObject({
      unitId: DISTRICT,
      before: { active: true },
      after: { active: false },
    });

    expect(await unitIds('/api/units')).not.toContain(DISTRICT);
    expect(await unitIds('/api/units')).toContain('district-1004');
    const all = (await api.get('/api/units?inactive=true', await as('staff.ladkrabang'))).body.items as Row[];
    expect(all.find((u) => u.id === DISTRICT)).toMatchObject({ name: NAME, active: false });
    expect(all.find((u) => u.id === 'district-1004')).toMatchObject({ active: true });
    expect(await districtsGroup()).toBe(49);
    const org = await api.get('/api/admin/org', await as('admin.bma'));
    expect(org.body.units.find((u: Row) => u.id === DISTRICT)).toMatchObject({ active: false });
  });

  it('refuses a letter, a circular, a forward, an acting post or a user switched back on there: 422, nothing written', async () => {
    const documents = () => count('SELECT COUNT(*) AS n FROM documents');
    const before = await documents();

    const letter = await api.post(
      '/api/documents',
      buildOutgoing({ to: ['district-1001', `${DISTRICT}-admin`] }),
      await as('staff.ladkrabang'),
    );
    expect(letter.status).toBe(422);
    expect(letter.body.error.code).toBe('UNIT_INACTIVE');
    expect(letter.body.error.message).toContain(NAME);
    expect(letter.body.error.details).toEqual([expect.objectContaining({ path: 'to.1' })]);

    // The draft saved while the district was on cannot go up for signature until the author takes it out.
    const submit = await api.post(`/api/documents/${oldDraft}/submit`, {}, await as('staff.ladkrabang'));
    expect(submit.status).toBe(422);
    expect(submit.body.error).toMatchObject({
      code: 'UNIT_INACTIVE',
      details: [expect.objectContaining({ path: 'to' })],
    });
    expect((await query('SELECT stage FROM documents WHERE id = ?', [oldDraft]))[0].stage).toBe('draft');

    const direct = await api.post('/api/circulars', circular(['district-1001', DISTRICT]), await as('clerk.central'));
    expect(direct.status).toBe(422);
    expect(direct.body.error.code).toBe('UNIT_INACTIVE');

    const incoming = await api.post('/api/documents/incoming', buildIncoming(), await as('clerk.ladkrabang'));
    expect(incoming.status).toBe(201);
    const afterIncoming = await documents();
    const triage = await taskOf(api, await as('clerk.ladkrabang'), incoming.body.id);
    const forward = await act(api, await as('clerk.ladkrabang'), triage.taskId, 'forward', { toUnitId: DISTRICT });
    expect(forward.status).toBe(422);
    expect(forward.body.error).toMatchObject({ code: 'UNIT_INACTIVE' });
    expect(await documents()).toBe(afterIncoming);
    expect(afterIncoming).toBe(before + 1);

    const acting = await api.request('POST', '/api/admin/acting', {
      token: await as('admin.bma'),
      body: {
        positionId: `${DISTRICT}-director`,
        actingUserId: seededUserId('assistant.ladkrabang'),
        kind: 'รักษาราชการแทน',
        validFrom: '2026-01-01',
      },
    });
    expect(acting.status).toBe(422);
    expect(acting.body.error.code).toBe('UNIT_INACTIVE');
    const back = await patch(`/api/admin/users/${seededUserId('clerk.d1003')}`, { active: true });
    expect(back.status).toBe(422);
    expect(back.body.error.code).toBe('UNIT_INACTIVE');
    expect(await count("SELECT COUNT(*) AS n FROM users WHERE username = 'clerk.d1003' AND active = 1")).toBe(0);
  });

  it('sends a circular to all districts to the 49 that are on', async () => {
    const sent = await api.post('/api/circulars', circular(['all-districts']), await as('clerk.central'));
    expect(sent.status).toBe(201);
    expect(sent.body.recipients).toBe(49);
    const acks = await acknowledgements(sent.body.id, 49);
    expect(acks.map((a) => a.unitId)).not.toContain(DISTRICT);
  });

  it('still names the district on the documents sent to it before', async () => {
    const draft = await api.get(`/api/documents/${oldDraft}`, await as('staff.ladkrabang'));
    expect(draft.status).toBe(200);
    expect(draft.body.recipients).toEqual([expect.objectContaining({ unitId: DISTRICT, name: NAME })]);
    const acks = await acknowledgements(oldCircular, 1);
    expect(acks).toEqual([expect.objectContaining({ unitId: DISTRICT, unitName: NAME })]);
  });

  it('switched on again, the district is back in the pickers and the group, and can be written to', async () => {
    const res = await patch(`/api/admin/units/${DISTRICT}`, { active: true });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(true);
    for (const username of PEOPLE)
      expect((await patch(`/api/admin/users/${seededUserId(username)}`, { active: true })).status).toBe(200);
    expect(await unitIds('/api/units')).toContain(DISTRICT);
    expect(await districtsGroup()).toBe(50);
    const letter = await api.post('/api/documents', buildOutgoing({ to: [DISTRICT] }), await as('staff.ladkrabang'));
    expect(letter.status).toBe(201);
  });
});
