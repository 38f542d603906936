/**
 * Held mail in its own table (held_mail): real SMTP deliveries to the central intake, the review API on top, SQLite and
 * MariaDB. A message redelivered (also two deliveries at once) is held once; each unit's clerk sees only its own; two
 * clerks deciding at once get one success and one 409; a rejection keeps its reason; and the migration carries the
 * messages the old intake held in the audit log over, with their ids.
 */
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { appendAudit } from '../../db/audit';
import { dataSourceOptions, migrations, openDatabase } from '../../db/data-source';
import { HeldMail1765600000000 } from '../../db/migrations/1765600000000-held-mail';
import { seededUserId } from '../../db/seed';
import { parseDbTime } from '../../db/time';
import { inTransaction } from '../../db/transaction';
import { apiClient } from '../support/api-client';
import { createTestDatabase, testDatabaseKinds } from '../support/databases';
import { waitFor } from '../support/lives';
import { startTestSystem, type TestSystem } from '../support/system';
import { samplePdf } from '../e2e/support/fixtures';

type Row = Record<string, any>;
type Item = { id: number; subject: string; attachments: string[] };
const CENTRAL = 'saraban@demo.bangkok.example';
const LADKRABANG = 'saraban@ladkrabang.demo.bangkok.example';

describe.each(testDatabaseKinds())('held mail on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let clerk: string;
  let otherClerk: string;
  let pdf: Buffer;
  const query = (sql: string, params: unknown[] = []) => system.ds.query(sql, params) as Promise<Row[]>;
  const transport = () =>
    nodemailer.createTransport({ host: '127.0.0.1', port: system.mailIntakePort!, secure: false, ignoreTLS: true });
  /** One message, its bytes fixed once, so delivering it again is a true redelivery (same Message-ID, same hash). */
  const compose = (subject: string, to = CENTRAL) =>
    new MailComposer({
      from: 'someone@unknown.example',
      to,
      subject,
      text: 'ส่งหนังสือมาพร้อมนี้',
      attachments: [{ filename: 'หนังสือ-1.pdf', content: pdf }],
    })
      .compile()
      .build();
  const deliver = (raw: Buffer, to = CENTRAL) =>
    transport().sendMail({ envelope: { from: 'someone@unknown.example', to: [to] }, raw });
  const listed = async (subject: string, token = clerk) =>
    waitFor(
      async () =>
        ((await api.get('/api/mail/review?limit=200', token)).body.items as Item[]).find((i) => i.subject === subject),
      (item) => item !== undefined,
    ).then((item) => item!);
  const audits = (action: string, heldId: number) =>
    query('SELECT actor_user_id, document_id, details FROM audit_log WHERE action = ? ORDER BY id', [action]).then(
      (rows) => rows.filter((r) => JSON.parse(String(r.details)).heldId === heldId),
    );

  beforeAll(async () => {
    system = await startTestSystem(kind, { env: { MAIL_INTAKE_PORT: '0', MAIL_INTAKE_HOST: '127.0.0.1' } });
    api = apiClient(system.baseUrl);
    clerk = await api.login('clerk.central');
    otherClerk = await api.login('clerk.ladkrabang');
    pdf = Buffer.from(await samplePdf('A letter from outside the directory'));
    // A second unit with a central address of its own, so each clerk has a list to be kept to.
    await query("UPDATE units SET central_email = ? WHERE id = 'district-1011'", [LADKRABANG]);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('holds a redelivered message once, also when two deliveries arrive at the same time', async () => {
    const subject = `ส่งซ้ำ ${Date.now()}`;
    const raw = await compose(subject);
    await Promise.all([deliver(raw), deliver(raw)]);
    await deliver(raw);
    const item = await listed(subject);
    const rawSha256 = createHash('sha256').update(raw).digest('hex');
    const rows = await query('SELECT id, unit_id, status, raw_sha256, pdfs FROM held_mail WHERE subject = ?', [
      subject,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: item.id, unit_id: 'secretariat', status: 'held' });
    // The intake's file store names a message by its SHA-256, as the old audit rows did.
    expect(rows[0].raw_sha256).toBe(rawSha256);
    expect(JSON.parse(rows[0].pdfs)).toEqual([
      { name: 'หนังสือ-1.pdf', sha256: createHash('sha256').update(pdf).digest('hex') },
    ]);
    const held = await audits('mail.held', item.id);
    expect(held).toHaveLength(1);
    expect(JSON.parse(held[0].details)).toMatchObject({ heldId: item.id, unitId: 'secretariat', subject, rawSha256 });
  });

  it("keeps each unit's clerk to the unit's own messages, a page at a time", async () => {
    const stamp = Date.now();
    const ours = [`ของสำนักเลขานุการ ก ${stamp}`, `ของสำนักเลขานุการ ข ${stamp}`, `ของสำนักเลขานุการ ค ${stamp}`];
    const theirs = `ของเขตลาดกระบัง ${stamp}`;
    for (const s of ours) await deliver(await compose(s));
    await deliver(await compose(theirs, LADKRABANG), LADKRABANG);
    const mine = await listed(theirs, otherClerk);
    const first = await listed(ours[0]);

    const other = await api.get('/api/mail/review', otherClerk);
    expect(other.body.items.map((i: Item) => i.subject)).toEqual([theirs]);
    expect(other.body).toMatchObject({ total: 1, nextCursor: null });
    for (const [heldId, token] of [
      [first.id, otherClerk],
      [mine.id, clerk],
    ] as const) {
      const res = await api.get(`/api/mail/review/${heldId}/files/0`, token);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect((await api.get(`/api/mail/review/${mine.id}/files/0`, otherClerk)).status).toBe(200);
    const reject = await api.post(`/api/mail/review/${first.id}/reject`, { reason: 'x' }, otherClerk);
    expect(reject.status).toBe(404);
    expect((await query('SELECT status FROM held_mail WHERE id = ?', [first.id]))[0].status).toBe('held');

    // Pages of two, oldest first, with nothing repeated or skipped.
    const seen: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const page: Row = await api.get(`/api/mail/review?limit=2${cursor ? `&cursor=${cursor}` : ''}`, clerk);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i: Item) => i.subject));
      cursor = page.body.nextCursor;
      total = page.body.total;
    } while (cursor);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen.filter((s) => ours.includes(s))).toEqual(ours);
    expect(seen).not.toContain(theirs);
    const bad = await api.get('/api/mail/review?cursor=not-a-cursor', clerk);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_CURSOR');
  });

  it('registers a message once when two clerks accept it at the same time: one 201, one 409', async () => {
    const subject = `สองคนพร้อมกัน ${Date.now()}`;
    await deliver(await compose(subject));
    const item = await listed(subject);
    const second = await api.login('clerk.central');
    const answers = await Promise.all([
      api.post(`/api/mail/review/${item.id}/accept`, {}, clerk),
      api.post(`/api/mail/review/${item.id}/accept`, { senderName: 'ผู้ส่งภายนอก' }, second),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const won = answers.find((a) => a.status === 201)!;
    const lost = answers.find((a) => a.status === 409)!;
    expect(lost.body.error.code).toBe('MAIL_ALREADY_DECIDED');
    const [row] = await query('SELECT status, decided_by, decided_at, document_id FROM held_mail WHERE id = ?', [
      item.id,
    ]);
    expect(row).toMatchObject({
      status: 'accepted',
      decided_by: seededUserId('clerk.central'),
      document_id: won.body.id,
    });
    expect(row.decided_at).toBeTruthy();
    expect(await query('SELECT id FROM documents WHERE subject = ?', [subject])).toEqual([{ id: won.body.id }]);
    const accepted = await audits('mail.accepted', item.id);
    expect(accepted).toHaveLength(1);
    expect(accepted[0].document_id).toBe(won.body.id);
    // Decided: no longer listed, its file no longer served, and a late rejection is told so.
    expect(
      ((await api.get('/api/mail/review?limit=200', clerk)).body.items as Item[]).some((i) => i.id === item.id),
    ).toBe(false);
    expect((await api.get(`/api/mail/review/${item.id}/files/0`, clerk)).status).toBe(404);
    const late = await api.post(`/api/mail/review/${item.id}/reject`, {}, clerk);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('MAIL_ALREADY_DECIDED');
  });

  it('rejects a message with its reason, kept in the table and the audit trail, never numbered', async () => {
    const subject = `โฆษณา ${Date.now()}`;
    await deliver(await compose(subject));
    const item = await listed(subject);
    const rejected = await api.post(`/api/mail/review/${item.id}/reject`, { reason: 'ไม่ใช่หนังสือราชการ' }, clerk);
    expect(rejected.status).toBe(204);
    const [row] = await query('SELECT status, decided_by, reject_reason, document_id FROM held_mail WHERE id = ?', [
      item.id,
    ]);
    expect(row).toEqual({
      status: 'rejected',
      decided_by: seededUserId('clerk.central'),
      reject_reason: 'ไม่ใช่หนังสือราชการ',
      document_id: null,
    });
    const [audit] = await audits('mail.rejected', item.id);
    expect(audit.actor_user_id).toBe(seededUserId('clerk.central'));
    expect(JSON.parse(audit.details)).toEqual({ heldId: item.id, unitId: 'secretariat', reason: 'ไม่ใช่หนังสือราชการ' });
    const again = await api.post(`/api/mail/review/${item.id}/accept`, {}, clerk);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('MAIL_ALREADY_DECIDED');
    expect(await query('SELECT id FROM documents WHERE subject = ?', [subject])).toEqual([]);
  });
});

describe.each(testDatabaseKinds())('the held_mail migration on %s', (kind) => {
  it('carries the messages the old intake held in the audit log over, with their ids and decisions', async () => {
    const db = await createTestDatabase(kind);
    // The schema as it was before held_mail, holding what the old intake and review routes wrote.
    const before = new DataSource({
      ...dataSourceOptions(db.url),
      migrations: migrations.slice(0, migrations.indexOf(HeldMail1765600000000)),
    } as never);
    let ds: DataSource | undefined;
    try {
      await before.initialize();
      await before.runMigrations({ transaction: 'each' });
      const held = (subject: string, rawSha256: string, at: Date) => ({
        rawSha256,
        unitId: 'secretariat',
        from: 'old@unknown.example',
        senderName: 'old@unknown.example',
        subject,
        receivedAt: at.toISOString(),
        messageId: `<${rawSha256}@unknown.example>`,
        pdfs: [{ name: 'เก่า.pdf', sha256: 'b'.repeat(64) }],
      });
      const at = new Date('2025-12-01T03:04:05.678Z');
      const ids = await inTransaction(before, async (em) => {
        const waiting = await appendAudit(em, {
          at,
          actorUserId: null,
          action: 'mail.held',
          details: held('รอตรวจ', 'a'.repeat(64), at),
        });
        const refused = await appendAudit(em, {
          at,
          actorUserId: null,
          action: 'mail.held',
          details: held('ปฏิเสธแล้ว', 'c'.repeat(64), at),
        });
        await appendAudit(em, {
          at,
          actorUserId: 'u-clerk',
          action: 'mail.rejected',
          details: { heldId: refused, unitId: 'secretariat', reason: 'สแปม' },
        });
        return { waiting, refused };
      });
      await before.destroy();

      ds = await openDatabase(db.url);
      const rows = (await ds.query(
        'SELECT id, unit_id, status, subject, received_at, pdfs, decided_by, reject_reason FROM held_mail ORDER BY id',
      )) as Row[];
      expect(rows.map((r) => ({ ...r, id: Number(r.id), received_at: undefined, pdfs: JSON.parse(r.pdfs) }))).toEqual([
        expect.objectContaining({ id: ids.waiting, status: 'held', subject: 'รอตรวจ', decided_by: null }),
        expect.objectContaining({
          id: ids.refused,
          status: 'rejected',
          subject: 'ปฏิเสธแล้ว',
          decided_by: 'u-clerk',
          reject_reason: 'สแปม',
        }),
      ]);
      expect(rows[0].pdfs).toBe(JSON.stringify([{ name: 'เก่า.pdf', sha256: 'b'.repeat(64) }]));
      expect(parseDbTime(rows[0].received_at).getTime()).toBe(at.getTime());
      // A message held after the upgrade gets an id after the carried ones, so the old ids keep naming their messages.
      await ds.query(
        `INSERT INTO held_mail (unit_id, raw_sha256, message_id, from_address, sender_name, subject, received_at, pdfs)
         VALUES ('secretariat', ?, 'm', 'x@y.example', 'x', 'ใหม่', '2025-12-02 00:00:00.000', '[]')`,
        ['d'.repeat(64)],
      );
      const [fresh] = (await ds.query("SELECT id FROM held_mail WHERE subject = 'ใหม่'")) as Row[];
      expect(Number(fresh.id)).toBeGreaterThan(ids.refused);
    } finally {
      if (before.isInitialized) await before.destroy();
      await ds?.destroy();
      await db.drop();
    }
  });
});
