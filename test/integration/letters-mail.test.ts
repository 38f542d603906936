/**
 * The units' central e-mail, against real SMTP servers on the loopback (smtp-server), no mocks: sending a signed
 * letter with retries and the dispatch register updated; receiving letters at saraban@… from known senders (registered
 * at once) and unknown ones (held for the clerk).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createMailActivities } from '../../activities/mail';
import { beYearOf } from '../../domain';
import { createFileStore } from '../../db/file-store';
import { allocateNumber } from '../../db/numbering';
import { dbTime } from '../../db/time';
import { inTransaction } from '../../db/transaction';
import { DEMO_LETTERS } from '../../templates/demo-letters';
import { createPdfRenderer } from '../../templates/pdf-renderer';
import { renderLetterHtml } from '../../templates/render-html';
import { apiClient, buildIncoming } from '../support/api-client';
import { startTestSystem, type TestSystem } from '../support/system';

const CENTRAL = 'saraban@demo.bangkok.example';

/** An SMTP server that keeps what it receives; `failFirst` answers 421 to that many messages first. */
async function startSink(failFirst = 0) {
  const received: ParsedMail[] = [];
  let failures = failFirst;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failures > 0) {
          failures -= 1;
          return callback(Object.assign(new Error('try later'), { responseCode: 421 }));
        }
        simpleParser(Buffer.concat(chunks)).then((m) => {
          received.push(m);
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.server.address() as AddressInfo).port;
  return { received, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function until<T>(probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('central e-mail', () => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let clerk: string;
  let pdf: Buffer;
  const dir = mkdtempSync(join(tmpdir(), 'saraban-mail-'));
  const directory = join(dir, 'senders.json');

  beforeAll(async () => {
    writeFileSync(
      directory,
      JSON.stringify([{ email: 'saraban@etda.example', name: 'สำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์' }]),
    );
    system = await startTestSystem('sqlite', {
      env: { MAIL_INTAKE_PORT: '0', MAIL_INTAKE_HOST: '127.0.0.1', MAIL_SENDER_DIRECTORY: directory },
    });
    api = apiClient(system.baseUrl);
    clerk = await api.login('clerk.central');
    const renderer = createPdfRenderer({ chromiumPath: system.env.CHROMIUM_PATH, pages: 1 });
    pdf = (await renderer.htmlToPdf(renderLetterHtml(DEMO_LETTERS.external))).pdf;
    await renderer.close();
  });
  afterAll(async () => {
    await system?.stop();
  });

  describe('sendCentralEmail', () => {
    let documentId: string;
    const files = () => createFileStore({ ds: system.ds, dir: join(system.env.DATA_DIR, 'files') });

    beforeAll(async () => {
      const reg = await api.post(
        '/api/documents/incoming',
        buildIncoming({
          subject: 'ขอความอนุเคราะห์ข้อมูล',
          file: { name: 'a.pdf', contentBase64: pdf.toString('base64') },
        }),
        clerk,
      );
      expect(reg.status).toBe(201);
      documentId = reg.body.id;
      await inTransaction(system.ds, (em) =>
        allocateNumber(em, {
          register: 'dispatch',
          unitId: 'secretariat',
          year: beYearOf(new Date()),
          idempotencyKey: `mail-test:${documentId}`,
          documentId,
          subject: 'ขอความอนุเคราะห์ข้อมูล',
          fromText: 'สำนักงานเลขานุการปลัดกรุงเทพมหานคร',
          toText: 'สำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์',
          recordedAt: new Date(),
        } as never),
      );
    });

    it('sends the PDF from the unit’s central address, once, and records method and time in the dispatch register', async () => {
      const sink = await startSink();
      try {
        const mail = createMailActivities({
          ds: system.ds,
          files: files(),
          mailer: nodemailer.createTransport(sink.url),
        });
        const to = { email: 'saraban@etda.example', name: 'ผู้อำนวยการสำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์' };
        const sent = await mail.sendCentralEmail({ documentId, to });
        expect(sent.sent).toBe(true);
        expect(await mail.sendCentralEmail({ documentId, to })).toEqual(sent);
        expect(sink.received).toHaveLength(1);
        const [m] = sink.received;
        expect(m.from?.value[0].address).toBe(CENTRAL);
        expect(m.subject).toContain('ขอความอนุเคราะห์ข้อมูล');
        expect(m.text).toContain('ลายมือชื่ออิเล็กทรอนิกส์');
        expect(m.messageId).toBe(sent.messageId);
        expect(m.attachments).toHaveLength(1);
        expect(m.attachments[0].contentType).toBe('application/pdf');
        // The received PDF, stamped by its incoming life by now or not yet: the original bytes come first either way.
        expect(Buffer.from(m.attachments[0].content).subarray(0, pdf.length).equals(pdf)).toBe(true);
        const [row] = await system.ds.query(
          "SELECT method, remark FROM register_entries WHERE document_id = ? AND register = 'dispatch'",
          [documentId],
        );
        expect(row.method).toBe('email');
        expect(row.remark).toMatch(/^ส่งทางอีเมลกลางถึง saraban@etda\.example [๐-๙]+ /);
      } finally {
        await sink.close();
      }
    });

    it('retries a server that answers 421, and marks the outbox row sent', async () => {
      const sink = await startSink(2);
      try {
        const outboxId = randomUUID();
        await system.ds.query(
          `INSERT INTO outbox (id, idempotency_key, document_id, unit_id, from_address, to_name, to_email, subject, status,
             attempts, created_at) VALUES (?, ?, ?, 'secretariat', ?, ?, ?, ?, 'pending', 0, ?)`,
          [
            outboxId,
            `t:${outboxId}`,
            documentId,
            CENTRAL,
            'กรมการปกครอง',
            'saraban@dopa.example',
            'x',
            dbTime(new Date()),
          ],
        );
        const mail = createMailActivities({
          ds: system.ds,
          files: files(),
          mailer: nodemailer.createTransport(sink.url),
          mailRetries: 3,
        });
        expect((await mail.sendCentralEmail({ outboxId })).sent).toBe(true);
        expect(sink.received).toHaveLength(1);
        const [row] = await system.ds.query('SELECT status, attempts, sent_at FROM outbox WHERE id = ?', [outboxId]);
        expect(row.status).toBe('sent');
        expect(row.sent_at).toBeTruthy();
      } finally {
        await sink.close();
      }
    });
  });

  describe('the SMTP intake of saraban@…', () => {
    const send = (from: string, to: string, subject: string) =>
      nodemailer
        .createTransport({ host: '127.0.0.1', port: system.mailIntakePort!, secure: false, ignoreTLS: true })
        .sendMail({
          from,
          to,
          subject,
          text: 'ส่งหนังสือมาพร้อมนี้',
          attachments: [{ filename: 'หนังสือ.pdf', content: pdf }],
        });
    /** A held mail's attachment as the browser gets it: status, headers and the bytes themselves. */
    const fileOf = async (path: string, token: string) => {
      const res = await fetch(system.baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
    };
    const sha = () => createHash('sha256').update(pdf).digest('hex');
    /** The receipt stamp the incoming life puts on the arrived PDF: the file it extends. */
    const stampedFrom = (documentId: string) =>
      until(async () => {
        const [row] = (await system.ds.query(
          "SELECT details FROM audit_log WHERE document_id = ? AND action = 'document.receipt_stamped'",
          [documentId],
        )) as Array<{ details: string | Record<string, unknown> }>;
        if (!row) return undefined;
        const details = (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as Record<
          string,
          string
        >;
        return { from: details.previousSha256, to: details.sha256 };
      });

    it('registers a letter from a known sender as an incoming document with its PDF', async () => {
      const subject = `ด่วนมาก ที่ สพธอ 1100/${Date.now() % 1000} เรื่อง ขอเชิญประชุมหารือ`;
      await send('saraban@etda.example', CENTRAL, subject);
      const doc = await until(async () => {
        const [row] = await system.ds.query('SELECT * FROM documents WHERE subject = ?', [subject]);
        return row as Record<string, unknown> | undefined;
      });
      expect(doc).toMatchObject({
        unit_id: 'secretariat',
        sender_name: 'สำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์',
        urgency: 'very_urgent',
      });
      expect(String(doc.sender_number)).toMatch(/^สพธอ 1100\/\d+$/);
      expect(doc.receipt_number).not.toBeNull();
      // Stamped like a letter a clerk registers: the stamped revision extends the PDF as it arrived.
      const stamp = await stampedFrom(String(doc.id));
      expect(stamp.from).toBe(sha());
      const [now] = await system.ds.query('SELECT file_sha256 FROM documents WHERE id = ?', [doc.id]);
      expect(now.file_sha256).toBe(stamp.to);
    });

    it('holds a letter from an unknown sender for the clerk, who reads its PDF and registers it', async () => {
      const subject = `ขอส่งข้อมูล ${Date.now()}`;
      await send('someone@unknown.example', CENTRAL, subject);
      const item = await until(async () => {
        const res = await api.get('/api/mail/review', clerk);
        return (res.body.items as Array<{ id: number; subject: string }>).find((i) => i.subject === subject);
      });
      expect((await system.ds.query('SELECT id FROM documents WHERE subject = ?', [subject])).length).toBe(0);
      expect(item).toMatchObject({ senderName: 'someone@unknown.example', attachments: ['หนังสือ.pdf'] });
      const file = `/api/mail/review/${item.id}/files/0`;
      const shown = await fileOf(file, clerk);
      expect(shown.status).toBe(200);
      expect(shown.headers.get('content-type')).toBe('application/pdf');
      expect(shown.headers.get('content-disposition')).toMatch(/^inline; .*UTF-8''%E0%B8%AB/);
      expect(shown.headers.get('cache-control')).toBe('no-store');
      expect(shown.bytes.equals(pdf)).toBe(true);
      expect((await fileOf(`/api/mail/review/${item.id}/files/1`, clerk)).status).toBe(404);
      expect((await fileOf(file, await api.login('clerk.ladkrabang'))).status).toBe(404);
      expect((await fileOf(file, await api.login('staff.ladkrabang'))).status).toBe(403);
      const accepted = await api.post(`/api/mail/review/${item.id}/accept`, {}, clerk);
      expect(accepted.status).toBe(201);
      expect(accepted.body.receipt.number).toBeGreaterThan(0);
      const [doc] = await system.ds.query('SELECT sender_name FROM documents WHERE id = ?', [accepted.body.id]);
      expect(doc).toEqual({ sender_name: 'someone@unknown.example' });
      expect((await stampedFrom(accepted.body.id)).from).toBe(sha());
      const after = await api.get('/api/mail/review', clerk);
      expect(after.body.items.find((i: { id: number }) => i.id === item.id)).toBeUndefined();
      expect((await fileOf(file, clerk)).status).toBe(404);
    });

    it('refuses mail to an address that is no unit’s central address', async () => {
      await expect(send('saraban@etda.example', 'nobody@demo.bangkok.example', 'x')).rejects.toMatchObject({
        responseCode: 550,
      });
    });
  });
});
