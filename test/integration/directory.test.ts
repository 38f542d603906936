/**
 * The directory of outside bodies (หน่วยงานภายนอก): the administrator's changes land with their audit rows and bad
 * ones write nothing; any signed-in user searches it; the central mail intake registers a letter from a directory
 * sender at once (a real SMTP delivery to the intake); a clerk can add an unknown sender while registering its held
 * mail; and `npm run admin:create` (the built script, its own process) makes a first administrator who can sign in.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import nodemailer from 'nodemailer';
import { seededUserId } from '../../db/seed';
import { apiClient } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { waitFor } from '../support/lives';
import { startTestSystem, type TestSystem } from '../support/system';

type Row = Record<string, unknown>;
const CENTRAL = 'saraban@demo.bangkok.example';
const script = join(__dirname, '..', '..', 'dist', 'scripts', 'admin-create.js');

describe.each(testDatabaseKinds())('the directory of outside bodies on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let admin: string;
  let staff: string;
  let clerk: string;
  const query = (sql: string, params: unknown[] = []) => system.ds.query(sql, params) as Promise<Row[]>;
  const audits = async (action: string) =>
    (await query('SELECT actor_user_id, details FROM audit_log WHERE action = ? ORDER BY id', [action])).map((r) => ({
      actor: r.actor_user_id,
      details: JSON.parse(String(r.details)) as Record<string, any>,
    }));
  const send = (method: string, path: string, body?: unknown, token = admin) =>
    api.request(method, path, { token, ...(body === undefined ? {} : { body }) });
  const names = async (q: string, token = staff) => {
    const res = await api.get(`/api/directory?q=${encodeURIComponent(q)}`, token);
    expect(res.status).toBe(200);
    return (res.body.items as Array<{ name: string }>).map((i) => i.name);
  };
  const mail = (from: string, subject: string) =>
    nodemailer
      .createTransport({ host: '127.0.0.1', port: system.mailIntakePort!, secure: false, ignoreTLS: true })
      .sendMail({ from, to: CENTRAL, subject, text: 'ส่งหนังสือมาพร้อมนี้' });
  const documentWithSubject = (subject: string) =>
    waitFor(
      () => query('SELECT id, sender_name, receipt_number, unit_id FROM documents WHERE subject = ?', [subject]),
      (rows) => rows.length === 1,
    ).then((rows) => rows[0]);

  beforeAll(async () => {
    if (!existsSync(script)) throw new Error('dist/scripts/admin-create.js is missing: run `npm run build:backend`');
    system = await startTestSystem(kind, { env: { MAIL_INTAKE_PORT: '0', MAIL_INTAKE_HOST: '127.0.0.1' } });
    api = apiClient(system.baseUrl);
    admin = await api.login('admin.bma');
    staff = await api.login('staff.ladkrabang');
    clerk = await api.login('clerk.central');
  });
  afterAll(async () => {
    await system?.stop();
  });

  describe('GET /api/directory', () => {
    it('finds the seeded bodies by the beginning of the name, of a Thai word in it, or of the e-mail', async () => {
      expect(await names('กรมการ')).toEqual(['กรมการปกครอง']);
      expect(await names('ปกครอง')).toEqual(expect.arrayContaining(['กรมการปกครอง', 'กรมส่งเสริมการปกครองท้องถิ่น']));
      // Across words of unspaced Thai, from a word start
      expect(await names('การปกครอง')).toEqual(expect.arrayContaining(['กรมการปกครอง', 'กรมส่งเสริมการปกครองท้องถิ่น']));
      expect(await names('ไปรษณีย์')).toEqual(['บริษัท ไปรษณีย์ไทย จำกัด']);
      expect(await names('SARABAN@DOP')).toEqual(['กรมการปกครอง']);
      expect(await names('ครอง')).toEqual([]); // the middle of a word is no word start
      expect(await names('100%_')).toEqual([]);
      const all = await api.get('/api/directory?limit=3', staff);
      expect(all.body.items).toHaveLength(3);
      expect(Object.keys(all.body.items[0]).sort()).toEqual(['email', 'id', 'kind', 'name', 'note']);
      expect(all.body.items[0].email).toMatch(/\.example$/);
    });

    it('needs a session and refuses a bad query', async () => {
      expect((await api.get('/api/directory?q=กรม')).status).toBe(401);
      const bad = await api.get('/api/directory?limit=0', staff);
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('INVALID_INPUT');
    });
  });

  describe('/api/admin/outside-bodies', () => {
    it('adds, edits, switches off and on again an outside body, each change with its audit row', async () => {
      const created = await send('POST', '/api/admin/outside-bodies', {
        name: 'สำนักงานคณะกรรมการการเลือกตั้ง',
        email: 'Saraban@ECT.example',
        kind: 'agency',
        note: 'ข้อมูลสาธิต',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        email: 'saraban@ect.example',
        active: true,
        createdBy: seededUserId('admin.bma'),
      });
      const id = created.body.id as string;
      expect((await audits('directory.body_created')).at(-1)).toEqual({
        actor: seededUserId('admin.bma'),
        details: expect.objectContaining({
          outsideBodyId: id,
          before: null,
          after: expect.objectContaining({ name: 'สำนักงานคณะกรรมการการเลือกตั้ง', email: 'saraban@ect.example' }),
          requestId: expect.any(String),
        }),
      });
      expect(await names('การเลือกตั้ง')).toEqual(['สำนักงานคณะกรรมการการเลือกตั้ง']);

      const edited = await send('PATCH', `/api/admin/outside-bodies/${id}`, { name: 'สำนักงาน กกต.', kind: 'other' });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ name: 'สำนักงาน กกต.', kind: 'other', email: 'saraban@ect.example' });
      expect((await audits('directory.body_changed')).at(-1)?.details).toMatchObject({
        outsideBodyId: id,
        before: { name: 'สำนักงานคณะกรรมการการเลือกตั้ง', kind: 'agency' },
        after: { name: 'สำนักงาน กกต.', kind: 'other' },
      });
      expect(await names('การเลือกตั้ง')).toEqual([]);
      expect(await names('กกต')).toEqual(['สำนักงาน กกต.']);

      const off = await send('POST', `/api/admin/outside-bodies/${id}/deactivate`, {});
      expect(off.status).toBe(200);
      expect(off.body.active).toBe(false);
      expect((await audits('directory.body_deactivated')).at(-1)?.details).toMatchObject({
        before: { active: true },
        after: { active: false },
      });
      expect(await names('กกต')).toEqual([]);
      const list = await api.get('/api/admin/outside-bodies', admin);
      expect(list.body.items.find((b: Row) => b.id === id)).toMatchObject({ active: false });
      expect(Number((await query('SELECT COUNT(*) AS n FROM outside_bodies WHERE id = ?', [id]))[0].n)).toBe(1);

      const on = await send('PATCH', `/api/admin/outside-bodies/${id}`, { active: true });
      expect(on.status).toBe(200);
      expect(await names('กกต')).toEqual(['สำนักงาน กกต.']);
    });

    it('refuses a duplicate or bad e-mail, an unknown body and a non-administrator with a coded 4xx, writing nothing', async () => {
      const [{ id: dopa }] = await query("SELECT id FROM outside_bodies WHERE email = 'saraban@dopa.example'");
      const fingerprint = async () =>
        JSON.stringify(
          await query(
            `SELECT (SELECT COUNT(*) FROM outside_bodies) AS bodies, (SELECT MAX(updated_at) FROM outside_bodies) AS updated,
               (SELECT COUNT(*) FROM audit_log WHERE action LIKE 'directory.%') AS audit`,
          ),
        );
      const before = await fingerprint();
      const cases: Array<[string, string, unknown, string | undefined, number, string]> = [
        ['POST', '/api/admin/outside-bodies', { name: 'ซ้ำ', email: 'SARABAN@dopa.example' }, admin, 409, 'EMAIL_TAKEN'],
        ['POST', '/api/admin/outside-bodies', { name: 'ผิด', email: 'not-an-address' }, admin, 400, 'INVALID_INPUT'],
        ['POST', '/api/admin/outside-bodies', { name: '', email: 'a@b.example' }, admin, 400, 'INVALID_INPUT'],
        [
          'POST',
          '/api/admin/outside-bodies',
          { name: 'x', email: 'a@b.example', kind: 'alien' },
          admin,
          400,
          'INVALID_INPUT',
        ],
        [
          'PATCH',
          `/api/admin/outside-bodies/${String(dopa)}`,
          { email: 'saraban@moi.example' },
          admin,
          409,
          'EMAIL_TAKEN',
        ],
        ['PATCH', `/api/admin/outside-bodies/${String(dopa)}`, { email: 'bad@' }, admin, 400, 'INVALID_INPUT'],
        ['PATCH', `/api/admin/outside-bodies/${String(dopa)}`, {}, admin, 400, 'INVALID_INPUT'],
        [
          'PATCH',
          '/api/admin/outside-bodies/6f1c7d0e-1b7e-4e0e-9f3a-2f6f4a1c9d11',
          { name: 'x' },
          admin,
          404,
          'NOT_FOUND',
        ],
        ['PATCH', '/api/admin/outside-bodies/not-a-uuid', { name: 'x' }, admin, 404, 'NOT_FOUND'],
        [
          'POST',
          '/api/admin/outside-bodies/6f1c7d0e-1b7e-4e0e-9f3a-2f6f4a1c9d11/deactivate',
          {},
          admin,
          404,
          'NOT_FOUND',
        ],
        ['POST', `/api/admin/outside-bodies/${String(dopa)}/deactivate`, { why: 'x' }, admin, 400, 'INVALID_INPUT'],
        ['POST', '/api/admin/outside-bodies', { name: 'x', email: 'x@y.example' }, staff, 403, 'FORBIDDEN'],
        ['GET', '/api/admin/outside-bodies', undefined, staff, 403, 'FORBIDDEN'],
        ['POST', `/api/admin/outside-bodies/${String(dopa)}/deactivate`, {}, undefined, 401, 'UNAUTHENTICATED'],
      ];
      for (const [method, path, body, token, status, code] of cases) {
        const res = await api.request(method, path, { token, ...(body === undefined ? {} : { body }) });
        expect({ method, path, body, status: res.status, code: res.body?.error?.code }).toEqual({
          method,
          path,
          body,
          status,
          code,
        });
      }
      expect(await fingerprint()).toBe(before);
    });
  });

  describe('the central mail intake', () => {
    it('registers a letter from a directory sender at once, with the directory’s name as its sender', async () => {
      const added = await send('POST', '/api/admin/outside-bodies', {
        name: 'สำนักงานคณะกรรมการกฤษฎีกา',
        email: 'saraban@krisdika.example',
        kind: 'agency',
      });
      expect(added.status).toBe(201);
      const subject = `ขอเชิญประชุมหารือ ${Date.now()}`;
      await mail('"สคก." <Saraban@Krisdika.example>', subject);
      const doc = await documentWithSubject(subject);
      expect(doc).toMatchObject({ sender_name: 'สำนักงานคณะกรรมการกฤษฎีกา', unit_id: 'secretariat' });
      expect(doc.receipt_number).not.toBeNull();
      const review = await api.get('/api/mail/review', clerk);
      expect(review.body.items.find((i: Row) => i.subject === subject)).toBeUndefined();
    });

    it('holds mail from a switched-off body; the clerk registers it and adds an unknown sender to the directory', async () => {
      const [{ id: mea }] = await query("SELECT id FROM outside_bodies WHERE email = 'saraban@mea.example'");
      expect((await send('POST', `/api/admin/outside-bodies/${String(mea)}/deactivate`, {})).status).toBe(200);
      const fromOff = `แจ้งดับไฟ ${Date.now()}`;
      const fromStranger = `ขอส่งข้อมูล ${Date.now()}`;
      await mail('saraban@mea.example', fromOff);
      await mail('info@newbody.example', fromStranger);
      const held = await waitFor(
        async () => (await api.get('/api/mail/review', clerk)).body.items as Array<{ id: number; subject: string }>,
        (items) => [fromOff, fromStranger].every((s) => items.some((i) => i.subject === s)),
      );
      expect(await query('SELECT id FROM documents WHERE subject IN (?, ?)', [fromOff, fromStranger])).toEqual([]);

      const strangerId = held.find((i) => i.subject === fromStranger)!.id;
      const refused = await api.post(`/api/mail/review/${strangerId}/accept`, { addSenderToDirectory: true }, clerk);
      expect(refused.status).toBe(400); // the name to keep is required
      const accepted = await api.post(
        `/api/mail/review/${strangerId}/accept`,
        { addSenderToDirectory: true, senderName: 'มูลนิธิข้อมูลเปิด', senderKind: 'other' },
        clerk,
      );
      expect(accepted.status).toBe(201);
      expect(accepted.body.directoryEntry).toMatchObject({ name: 'มูลนิธิข้อมูลเปิด', email: 'info@newbody.example' });
      const [doc] = await query('SELECT sender_name FROM documents WHERE id = ?', [accepted.body.id]);
      expect(doc.sender_name).toBe('มูลนิธิข้อมูลเปิด');
      expect((await audits('directory.body_created')).at(-1)).toEqual({
        actor: seededUserId('clerk.central'),
        details: expect.objectContaining({ source: 'mail.review', heldId: strangerId, before: null }),
      });

      // The next letter of the sender just added is registered at once.
      const next = `ขอส่งข้อมูลเพิ่มเติม ${Date.now()}`;
      await mail('info@newbody.example', next);
      expect(await documentWithSubject(next)).toMatchObject({ sender_name: 'มูลนิธิข้อมูลเปิด' });
    });
  });

  describe('npm run admin:create', () => {
    const run = (args: string[], password?: string) =>
      promisify(execFile)('node', [script, ...args], {
        env: {
          ...process.env,
          DATABASE_URL: system.env.DATABASE_URL,
          LOG_LEVEL: 'error',
          ...(password ? { ADMIN_PASSWORD: password } : {}),
        },
      }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );
    const args = ['--username', 'first.admin', '--name', 'นางสาวแรก ผู้ดูแล', '--position', 'dept-14-sysadmin'];

    it('creates an administrator who can sign in, audited as user.created with no actor', async () => {
      const password = 'ระบบสารบรรณ-2569-first';
      const result = await run(args, password);
      expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('administrator first.admin created') });
      const token = await api.login('first.admin', password);
      const me = await api.get('/api/me', token);
      expect(me.status).toBe(200);
      expect(me.body.roles).toEqual(['staff', 'admin']);
      expect((await api.get('/api/admin/outside-bodies', token)).status).toBe(200);
      const [row] = await query('SELECT password_hash, demo FROM users WHERE username = ?', ['first.admin']);
      expect(String(row.password_hash)).toMatch(/^\$argon2id\$/);
      expect(Number(row.demo)).toBe(0);
      expect((await audits('user.created')).at(-1)).toEqual({
        actor: null,
        details: expect.objectContaining({
          userId: me.body.id,
          before: null,
          source: 'admin:create',
          after: expect.objectContaining({ username: 'first.admin', roles: ['staff', 'admin'] }),
        }),
      });
    });

    it('refuses an existing username, a weak password and a missing one with exit 1, writing nothing', async () => {
      const count = async () =>
        JSON.stringify(
          await query(
            "SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM audit_log WHERE action = 'user.created') AS a",
          ),
        );
      const before = await count();
      const again = await run(args, 'another-strong-password-1');
      expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('user first.admin exists already') });
      const weak = await run(['--username', 'second.admin', '--name', 'x', '--position', 'dept-14-sysadmin'], 'short');
      expect(weak).toMatchObject({ code: 1, stderr: expect.stringContaining('password') });
      const noPassword = await run(['--username', 'third.admin', '--name', 'x', '--position', 'dept-14-sysadmin']);
      expect(noPassword).toMatchObject({ code: 1, stderr: expect.stringContaining('ADMIN_PASSWORD') });
      const noPosition = await run(
        ['--username', 'fourth.admin', '--name', 'x', '--position', 'nowhere'],
        'x-strong-pass-99',
      );
      expect(noPosition).toMatchObject({ code: 1, stderr: expect.stringContaining('no position nowhere') });
      expect(await count()).toBe(before);
    });
  });
});
