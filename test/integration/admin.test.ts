import fc from 'fast-check';
import { addCalendarDays, bangkokDateOf, beYearOf, defaultCalendar, nextWorkingDay } from '../../domain';
import { seededUserId } from '../../db/seed';
import { apiClient, buildIncoming } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { invalidFor, validFor, type JsonSchema } from '../support/schema-arbitrary';
import { act, buildOutgoing, taskOf, waitFor } from '../support/lives';
import { startTestSystem, type TestSystem } from '../support/system';

type Row = Record<string, unknown>;

/**
 * /api/admin end to end: each change lands with its audit row (before → after), bad input is a coded 4xx with
 * nothing written, an acting appointment made here signs the next letter, and a holiday added here moves the due
 * time of the next document's task (the test system runs lives on the real working calendar).
 */
describe.each(testDatabaseKinds())('administration on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let admin: string;
  const tokens: Record<string, string> = {};
  const query = (sql: string, params: unknown[] = []) => system.ds.query(sql, params) as Promise<Row[]>;
  const count = async (table: string) => Number((await query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  /** Audit rows of admin actions only: lives started by other tests here keep writing their own rows meanwhile. */
  const adminAudits = async () =>
    Number(
      (
        await query(
          "SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'org.%' OR action LIKE 'user.%' OR action LIKE 'calendar.%'",
        )
      )[0].n,
    );
  const lastAudit = async (action: string) => {
    const [row] = await query('SELECT actor_user_id, details FROM audit_log WHERE action = ? ORDER BY id DESC', [
      action,
    ]);
    return row && { actor: row.actor_user_id, details: JSON.parse(String(row.details)) as Record<string, any> };
  };
  const send = (method: string, path: string, body?: unknown, token = admin) =>
    api.request(method, path, { token, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    system = await startTestSystem(kind);
    api = apiClient(system.baseUrl);
    admin = await api.login('admin.bma');
    for (const u of ['staff.ladkrabang', 'head.ladkrabang', 'assistant.ladkrabang', 'clerk.ladkrabang'])
      tokens[u] = await api.login(u);
  });
  afterAll(async () => {
    await system?.stop();
  });

  describe('GET /api/admin/org', () => {
    it('gives the administrator every unit, position, user (also inactive) and acting appointment with its state', async () => {
      await query("UPDATE users SET active = 0 WHERE username = 'staff.civil.ladkrabang'");
      const res = await api.get('/api/admin/org', admin);
      expect(res.status).toBe(200);
      expect(res.body.units.length).toBeGreaterThan(130);
      expect(res.body.units.find((u: Row) => u.id === 'secretariat')).toMatchObject({
        letterCode: 'กท 0403',
        centralEmail: 'saraban@demo.bangkok.example',
        earlyPhase: null,
      });
      expect(res.body.users.find((u: Row) => u.username === 'staff.civil.ladkrabang')).toMatchObject({ active: false });
      expect(res.body.users[0]).not.toHaveProperty('passwordHash');
      expect(res.body.acting).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ positionId: 'district-1011-director', kind: 'รักษาราชการแทน', state: 'ended' }),
          expect.objectContaining({ positionId: 'permsec', matters: ['invitation', 'report'], state: 'in_force' }),
        ]),
      );
      await query("UPDATE users SET active = 1 WHERE username = 'staff.civil.ladkrabang'");
    });

    it('is refused to everyone but an administrator', async () => {
      expect((await api.get('/api/admin/org', tokens['head.ladkrabang'])).status).toBe(403);
      expect((await api.get('/api/admin/org')).status).toBe(401);
    });
  });

  describe('units and positions', () => {
    it('adds a unit and a position, edits them, and audits each change with before and after', async () => {
      const created = await send('POST', '/api/admin/units', {
        id: 'district-1011-it',
        name: 'ฝ่ายเทคโนโลยีสารสนเทศ สำนักงานเขตลาดกระบัง',
        kind: 'section',
        parentId: 'district-1011',
        letterCode: 'กท 9511',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: 'district-1011-it', parentId: 'district-1011', earlyPhase: null });
      expect(await lastAudit('org.unit_created')).toMatchObject({
        actor: seededUserId('admin.bma'),
        details: { unitId: 'district-1011-it', before: null, after: { name: created.body.name } },
      });

      const changed = await send('PATCH', '/api/admin/units/district-1011', {
        phone: '0 2326 9116',
        centralEmail: 'saraban@ladkrabang.demo.bangkok.example',
        earlyPhase: 3,
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ earlyPhase: 3, phone: '0 2326 9116' });
      const audit = await lastAudit('org.unit_changed');
      expect(audit?.details).toMatchObject({
        unitId: 'district-1011',
        before: { earlyPhase: null },
        after: { earlyPhase: 3 },
      });
      const plan = await api.get('/api/dashboard/rollout', admin);
      expect(plan.body.earlyAdopters).toEqual(
        expect.arrayContaining([expect.objectContaining({ unitId: 'district-1011', phase: 3 })]),
      );
      expect((await send('PATCH', '/api/admin/units/district-1011', { earlyPhase: null })).body.earlyPhase).toBeNull();

      const post = await send('POST', '/api/admin/positions', {
        id: 'district-1011-it-head',
        unitId: 'district-1011-it',
        title: 'หัวหน้าฝ่ายเทคโนโลยีสารสนเทศ',
        level: 7,
        headOfUnit: true,
      });
      expect(post.status).toBe(201);
      expect(post.body).toMatchObject({ level: 7, headOfUnit: true, executive: false });
      const retitled = await send('PATCH', '/api/admin/positions/district-1011-it-head', { title: 'หัวหน้าฝ่ายดิจิทัล' });
      expect(retitled.status).toBe(200);
      expect((await lastAudit('org.position_changed'))?.details).toMatchObject({
        before: { title: 'หัวหน้าฝ่ายเทคโนโลยีสารสนเทศ' },
        after: { title: 'หัวหน้าฝ่ายดิจิทัล' },
      });
    });

    it('refuses bad changes with a coded 4xx and writes nothing', async () => {
      const units = await count('units');
      const audits = await adminAudits();
      const cases: Array<[string, string, unknown, number, string]> = [
        [
          'POST',
          '/api/admin/units',
          { name: 'x', kind: 'district', parentId: 'bma', letterCode: 'กท 9511' },
          409,
          'LETTER_CODE_TAKEN',
        ],
        [
          'POST',
          '/api/admin/units',
          { id: 'district-1011', name: 'x', kind: 'section', parentId: 'bma', letterCode: 'x' },
          409,
          'UNIT_EXISTS',
        ],
        [
          'POST',
          '/api/admin/units',
          { name: 'x', kind: 'section', parentId: 'no-such-unit', letterCode: 'x' },
          404,
          'NOT_FOUND',
        ],
        [
          'POST',
          '/api/admin/units',
          { name: 'x', kind: 'section', parentId: 'bma', letterCode: 'x', centralEmail: 'info@x.example' },
          400,
          'INVALID_INPUT',
        ],
        ['PATCH', '/api/admin/units/district-1011', { earlyPhase: 5 }, 400, 'INVALID_INPUT'],
        ['PATCH', '/api/admin/units/district-1011', { parentId: 'district-1011-admin' }, 422, 'PARENT_CYCLE'],
        ['PATCH', '/api/admin/units/no-such-unit', { name: 'x' }, 404, 'NOT_FOUND'],
        ['POST', '/api/admin/positions', { unitId: 'no-such-unit', title: 'x', level: 9 }, 404, 'NOT_FOUND'],
        [
          'POST',
          '/api/admin/positions',
          { id: 'district-1011-director', unitId: 'district-1011', title: 'x', level: 5 },
          409,
          'POSITION_EXISTS',
        ],
        ['PATCH', '/api/admin/positions/no-such-post', { level: 3 }, 404, 'NOT_FOUND'],
      ];
      for (const [method, path, body, status, code] of cases) {
        const res = await send(method, path, body);
        expect({ path, body, status: res.status, code: res.body?.error?.code }).toEqual({ path, body, status, code });
      }
      expect(await count('units')).toBe(units);
      expect(await adminAudits()).toBe(audits);
      expect((await query("SELECT parent_id FROM units WHERE id = 'district-1011'"))[0].parent_id).toBe('bma');
    });
  });

  describe('users', () => {
    it('creates an account that can sign in, resets its password and ends its sessions', async () => {
      const created = await send('POST', '/api/admin/users', {
        username: 'somsri.it',
        displayName: 'นางสมศรี ใจงาม',
        positionId: 'district-1011-it-head',
        roles: ['staff', 'supervisor'],
        email: 'somsri.it@demo.bangkok.example',
        password: 'ตั้งต้น-2569-ลาดกระบัง',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ username: 'somsri.it', active: true, demo: false });
      const hash = String(
        (await query("SELECT password_hash FROM users WHERE username = 'somsri.it'"))[0].password_hash,
      );
      expect(hash).toMatch(/^\$argon2id\$/);
      expect(JSON.stringify(await lastAudit('user.created'))).not.toContain('ตั้งต้น');
      const first = await api.login('somsri.it', 'ตั้งต้น-2569-ลาดกระบัง');
      expect((await api.get('/api/me', first)).body.position).toMatchObject({ id: 'district-1011-it-head' });

      const reset = await send('POST', `/api/admin/users/${created.body.id}/password`, { password: 'ใหม่-ปลอดภัย-2569' });
      expect(reset.status).toBe(204);
      expect((await api.get('/api/me', first)).status).toBe(401);
      expect(
        (await api.post('/api/auth/login', { username: 'somsri.it', password: 'ตั้งต้น-2569-ลาดกระบัง' })).status,
      ).toBe(401);
      await api.login('somsri.it', 'ใหม่-ปลอดภัย-2569');
      expect(await lastAudit('user.password_reset')).toMatchObject({ details: { userId: created.body.id } });

      const off = await send('PATCH', `/api/admin/users/${created.body.id}`, { active: false });
      expect(off.body).toMatchObject({ active: false, roles: ['staff', 'supervisor'] });
    });

    it('refuses a taken username, an unknown position and a weak password, writing nothing', async () => {
      const users = await count('users');
      const audits = await adminAudits();
      const body = {
        username: 'new.user',
        displayName: 'ผู้ใช้ใหม่',
        positionId: 'district-1011-it-head',
        roles: ['staff'],
        password: 'ตั้งต้น-2569-ลาดกระบัง',
      };
      const cases: Array<[Record<string, unknown>, number, string]> = [
        [{ username: 'staff.ladkrabang' }, 409, 'USERNAME_TAKEN'],
        [{ username: 'Staff.Ladkrabang' }, 409, 'USERNAME_TAKEN'],
        [{ positionId: 'no-such-post' }, 404, 'NOT_FOUND'],
        [{ password: 'new.user-password' }, 400, 'WEAK_PASSWORD'],
        [{ password: 'short' }, 400, 'INVALID_INPUT'],
        [{ roles: ['root'] }, 400, 'INVALID_INPUT'],
      ];
      for (const [override, status, code] of cases) {
        const res = await send('POST', '/api/admin/users', { ...body, ...override });
        expect({ override, status: res.status, code: res.body?.error?.code }).toEqual({ override, status, code });
      }
      const unknown = await send('POST', '/api/admin/users/00000000-0000-4000-8000-000000000000/password', {
        password: 'ใหม่-ปลอดภัย-2569',
      });
      expect(unknown.status).toBe(404);
      expect(await count('users')).toBe(users);
      expect(await adminAudits()).toBe(audits);
    });
  });

  describe('acting appointments and delegations', () => {
    it('an assistant director appointed here signs the next letter as รักษาราชการแทน; ending it keeps the row', async () => {
      const today = bangkokDateOf(new Date());
      const appointed = await send('POST', '/api/admin/acting', {
        positionId: 'district-1011-director',
        actingUserId: seededUserId('assistant.ladkrabang'),
        kind: 'รักษาราชการแทน',
        validFrom: today,
        validTo: addCalendarDays(today, 3),
        note: 'ผู้อำนวยการเขตไปราชการต่างจังหวัด',
      });
      expect(appointed.status).toBe(201);
      expect(appointed.body).toMatchObject({ state: 'in_force', actingUsername: 'assistant.ladkrabang' });
      expect(await lastAudit('org.acting_appointed')).toMatchObject({ details: { actingId: appointed.body.id } });

      const overlap = await send('POST', '/api/admin/acting', {
        positionId: 'district-1011-director',
        actingUserId: seededUserId('head.ladkrabang'),
        kind: 'รักษาราชการแทน',
        validFrom: addCalendarDays(today, 2),
      });
      expect(overlap.status).toBe(409);
      expect(overlap.body.error.code).toBe('OVERLAPPING_APPOINTMENT');

      const created = await api.post(
        '/api/documents',
        buildOutgoing({ subject: 'ลงนามโดยผู้รักษาราชการแทนที่แต่งตั้งผ่านหน้าผู้ดูแล' }),
        tokens['staff.ladkrabang'],
      );
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect((await api.post(`/api/documents/${id}/submit`, {}, tokens['staff.ladkrabang'])).status).toBe(200);
      const review = await taskOf(api, tokens['head.ladkrabang'], id, 'review');
      expect((await act(api, tokens['head.ladkrabang'], review.taskId, 'approve')).status).toBe(200);
      const sign = await taskOf(api, tokens['assistant.ladkrabang'], id, 'sign');
      expect((await act(api, tokens['assistant.ladkrabang'], sign.taskId, 'sign')).status).toBe(200);
      const doc = await api.get(`/api/documents/${id}`, tokens['staff.ladkrabang']);
      expect(doc.body.signature.lines).toEqual([
        '(นางสาวสุดา บุญมา)',
        'ผู้ช่วยผู้อำนวยการเขตลาดกระบัง รักษาราชการแทน',
        'ผู้อำนวยการเขตลาดกระบัง',
      ]);

      // Ending on the day before it began cancels it: the row and its history stay.
      const ended = await send('POST', `/api/admin/acting/${appointed.body.id}/end`, {
        validTo: addCalendarDays(today, -1),
      });
      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({ state: 'cancelled', validTo: addCalendarDays(today, -1) });
      expect(await lastAudit('org.acting_ended')).toMatchObject({
        details: { before: { validTo: addCalendarDays(today, 3) }, after: { validTo: addCalendarDays(today, -1) } },
      });
      expect(await query('SELECT id FROM acting_appointments WHERE id = ?', [appointed.body.id])).toHaveLength(1);
      const again = await send('POST', `/api/admin/acting/${appointed.body.id}/end`, {});
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('ALREADY_ENDED');
    });

    it('refuses unknown posts and users, acting in one’s own post and matters on รักษาราชการแทน, writing nothing', async () => {
      const rows = await count('acting_appointments');
      const audits = await adminAudits();
      const base = {
        positionId: 'permsec',
        actingUserId: seededUserId('deputy.permsec2'),
        kind: 'ปฏิบัติราชการแทน',
        validFrom: '2026-12-01',
      };
      const cases: Array<[Record<string, unknown>, number, string]> = [
        [{ positionId: 'no-such-post' }, 404, 'NOT_FOUND'],
        [{ actingUserId: '00000000-0000-4000-8000-000000000000' }, 404, 'NOT_FOUND'],
        [{ actingUserId: seededUserId('permsec') }, 422, 'OWN_POSITION'],
        [{ kind: 'รักษาราชการแทน', matters: ['invitation'] }, 400, 'INVALID_INPUT'],
        [{ validTo: '2026-11-30' }, 400, 'INVALID_INPUT'],
        [{ kind: 'acting' }, 400, 'INVALID_INPUT'],
      ];
      for (const [override, status, code] of cases) {
        const res = await send('POST', '/api/admin/acting', { ...base, ...override });
        expect({ override, status: res.status, code: res.body?.error?.code }).toEqual({ override, status, code });
      }
      expect((await send('POST', '/api/admin/acting/999999/end', {})).status).toBe(404);
      expect((await send('POST', '/api/admin/acting/x/end', {})).status).toBe(404);
      expect(await count('acting_appointments')).toBe(rows);
      expect(await adminAudits()).toBe(audits);
    });
  });

  describe('holidays', () => {
    it('lists the shipped holidays of a BE year with their Thai dates', async () => {
      const res = await api.get('/api/admin/holidays?year=2569', admin);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ date: '2026-12-10', dateText: '๑๐ ธันวาคม ๒๕๖๙' })]),
      );
      expect((await api.get('/api/admin/holidays', admin)).body.year).toBe(beYearOf(new Date()));
      expect((await api.get('/api/admin/holidays?year=69', admin)).status).toBe(400);
    });

    it('a holiday added here moves the due time of the next document’s task; removing it moves it back', async () => {
      const dueOfNewTask = async (subject: string) => {
        const reg = await api.post(
          '/api/documents/incoming',
          buildIncoming({ subject, urgency: 'normal' }),
          tokens['clerk.ladkrabang'],
        );
        expect(reg.status).toBe(201);
        const doc = await waitFor(
          () => api.get(`/api/documents/${reg.body.id}`, tokens['clerk.ladkrabang']),
          (r) => r.body?.openTasks?.length > 0,
        );
        return new Date(doc.body.openTasks[0].dueAt as string).getTime();
      };
      // The next working day: within the five working days a ปกติ letter may take.
      const day = nextWorkingDay(addCalendarDays(bangkokDateOf(new Date()), 1), defaultCalendar());
      const before = await dueOfNewTask('ก่อนเพิ่มวันหยุด');

      const added = await send('POST', '/api/admin/holidays', { date: day, name: 'วันหยุดราชการเพิ่มเป็นกรณีพิเศษ (ทดสอบ)' });
      expect(added.status).toBe(201);
      expect(await lastAudit('calendar.holiday_added')).toMatchObject({ details: { date: day, before: null } });
      const duplicate = await send('POST', '/api/admin/holidays', {
        date: day,
        name: 'วันหยุดราชการเพิ่มเป็นกรณีพิเศษ (ทดสอบ)',
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error.code).toBe('HOLIDAY_EXISTS');

      const after = await dueOfNewTask('หลังเพิ่มวันหยุด');
      // One working day more: the same office hour a calendar day (or a weekend) later.
      expect(after - before).toBeGreaterThanOrEqual(23 * 3600_000);

      expect((await send('DELETE', `/api/admin/holidays/${added.body.id}`)).status).toBe(204);
      expect(await lastAudit('calendar.holiday_removed')).toMatchObject({ details: { before: { date: day } } });
      expect((await send('DELETE', `/api/admin/holidays/${added.body.id}`)).status).toBe(404);
      const again = await dueOfNewTask('หลังลบวันหยุด');
      expect(again - before).toBeLessThan(3600_000);
    });
  });
  describe('generated input to every /api/admin operation', () => {
    /** Rows of every table an admin change writes, and the admin audit rows (lives started above still write theirs). */
    const fingerprint = async () =>
      JSON.stringify(
        await query(
          `SELECT (SELECT COUNT(*) FROM units) AS units, (SELECT COUNT(*) FROM positions) AS positions,
             (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM acting_appointments) AS acting,
             (SELECT COUNT(*) FROM holidays) AS holidays, (SELECT COUNT(*) FROM outside_bodies) AS bodies,
             (SELECT MAX(updated_at) FROM outside_bodies) AS bodies_updated,
             (SELECT COUNT(*) FROM audit_log WHERE action LIKE 'org.%' OR action LIKE 'user.%'
               OR action LIKE 'calendar.%' OR action LIKE 'directory.%') AS audit`,
        ),
      );

    it('never answers 5xx, codes every 4xx and writes nothing when it refuses (as the administrator)', async () => {
      const doc = await api.get('/api/openapi.json');
      const ops = Object.entries(doc.body.paths as Record<string, Record<string, any>>)
        .filter(([path]) => path.startsWith('/api/admin/'))
        .flatMap(([path, methods]) =>
          Object.entries(methods).map(([method, op]) => ({
            method: method.toUpperCase(),
            path,
            body: op.requestBody?.content?.['application/json']?.schema as JsonSchema | undefined,
          })),
        );
      expect(ops.length).toBeGreaterThanOrEqual(17);
      const [acting] = await query('SELECT MIN(id) AS id FROM acting_appointments');
      const [holiday] = await query('SELECT MIN(id) AS id FROM holidays');
      const [body] = await query("SELECT id FROM outside_bodies WHERE email = 'saraban@dla.example'");
      // A user nobody else in this suite signs in as, so a generated switch-off cannot end the walk's session.
      const known: Record<string, string> = {
        unitId: 'district-1050',
        positionId: 'district-1050-director',
        userId: seededUserId('staff.central'),
        actingId: String(acting.id),
        holidayId: String(holiday.id),
        bodyId: String(body.id),
      };
      const segment = fc.oneof(
        { weight: 3, arbitrary: fc.constant('KNOWN') },
        { weight: 1, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: fc.constantFrom('..', '%00', '-1', '1e309', 'x'.repeat(300), "1' OR '1'='1") },
      );
      const failures: string[] = [];
      const statuses: Record<string, number> = {};
      let before = await fingerprint();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ops).chain((op) =>
            fc.record({
              op: fc.constant(op),
              segment,
              body: op.body
                ? fc.oneof(validFor(op.body), invalidFor(op.body)).map((v) => JSON.stringify(v) ?? 'null')
                : fc.constant(undefined),
            }),
          ),
          async ({ op, segment: seg, body }) => {
            const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => (seg === 'KNOWN' ? known[name] : seg));
            const res = await api.request(op.method, path, {
              token: admin,
              ...(body === undefined ? {} : { raw: body, headers: { 'content-type': 'application/json' } }),
            });
            const what = `${op.method} ${path.slice(0, 120)} ${String(body).slice(0, 160)}`;
            const key = `${op.method} ${op.path} ${res.status}`;
            statuses[key] = (statuses[key] ?? 0) + 1;
            if (res.status >= 500)
              failures.push(`${res.status} for ${what}: ${JSON.stringify(res.body).slice(0, 200)}`);
            const after = await fingerprint();
            if (res.status >= 400) {
              if (typeof res.body?.error?.code !== 'string') failures.push(`${res.status} without a code for ${what}`);
              if (after !== before) failures.push(`${res.status} yet data changed for ${what}`);
            }
            before = after;
          },
        ),
        { numRuns: Number(process.env.ADMIN_FUZZ_RUNS ?? 200) },
      );
      expect(failures).toEqual([]);
      // Some generated writes were accepted, so the walk reached the handlers' own checks, not only zod's.
      const writes = Object.entries(statuses).filter(([k]) => /^(POST|PATCH|DELETE) .* 20[014]$/.test(k));
      expect(writes.length).toBeGreaterThan(0);
    });
  });
});
