/**
 * Letters through the running system: the compose screen's preview, rendering a stored document to PDF, the receipt
 * stamp on a received PDF, and GET /api/documents/:id/pdf with its visibility rule.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLetterActivities } from '../../activities/letters';
import { createFileStore } from '../../db/file-store';
import { DEMO_LETTERS } from '../../templates/demo-letters';
import { createPdfRenderer, type PdfRenderer } from '../../templates/pdf-renderer';
import { renderLetterHtml } from '../../templates/render-html';
import { apiClient, buildIncoming } from '../support/api-client';
import { buildOutgoing, waitFor } from '../support/lives';
import { testDatabaseKinds } from '../support/databases';
import { startTestSystem, type TestSystem } from '../support/system';

const pdftotext = (pdf: Buffer) => {
  const path = join(mkdtempSync(join(tmpdir(), 'saraban-pdf-')), 'x.pdf');
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', '1', '-l', '1', path, '-'], { encoding: 'utf8' });
};

describe.each(testDatabaseKinds())('letters on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let clerk: string;
  let renderer: PdfRenderer;
  let letters: ReturnType<typeof createLetterActivities>;

  beforeAll(async () => {
    system = await startTestSystem(kind);
    api = apiClient(system.baseUrl);
    clerk = await api.login('clerk.ladkrabang');
    renderer = createPdfRenderer({ chromiumPath: system.env.CHROMIUM_PATH, pages: 1 });
    const files = createFileStore({ ds: system.ds, dir: join(system.env.DATA_DIR, 'files') });
    letters = createLetterActivities({ ds: system.ds, files, renderer });
  });
  afterAll(async () => {
    await renderer?.close();
    await system?.stop();
  });

  describe('POST /api/letters/preview', () => {
    it('answers the memo as self-contained HTML with the caller’s unit and signature', async () => {
      const res = await api.request('POST', '/api/letters/preview', {
        token: clerk,
        body: {
          kind: 'memo',
          subject: 'ขอเชิญประชุมคณะทำงาน',
          urgency: 'very_urgent',
          body: { recipient: 'ผู้อำนวยการเขตลาดกระบัง', body: 'ด้วยฝ่ายบริหารงานทั่วไปจะจัดประชุม 2 ครั้ง' },
        },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = String(res.body);
      expect(html).toContain('บันทึกข้อความ');
      expect(html).toContain('สำนักงานเขตลาดกระบัง');
      expect(html).toContain('ด่วนมาก');
      expect(html).toContain('จะจัดประชุม ๒ ครั้ง');
      expect(html).toContain('(นายสุดา ชัยมงคล)');
    });

    it('refuses an unknown kind with 400 INVALID_INPUT', async () => {
      const res = await api.post('/api/letters/preview', { kind: 'poem', subject: 'x' }, clerk);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_INPUT');
    });

    it('answers 401 without a session', async () => {
      expect((await api.post('/api/letters/preview', { kind: 'memo' })).status).toBe(401);
    });
  });

  describe('renderLetter', () => {
    it('stores a letter given whole and answers its hash and page count', async () => {
      const out = await letters.renderLetter({ letter: DEMO_LETTERS.circular });
      expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(out.pages).toBe(3);
    });

    it('renders a stored outgoing document, makes it the document’s file and audits it', async () => {
      const staff = await api.login('staff.ladkrabang');
      const created = await api.post('/api/documents', buildOutgoing({ subject: 'ทดสอบการพิมพ์หนังสือ' }), staff);
      expect(created.status).toBe(201);
      await waitFor(
        () => system.ds.query('SELECT id FROM documents WHERE id = ?', [created.body.id]),
        (rows: unknown[]) => rows.length > 0,
      );
      const out = await letters.renderLetter({ documentId: created.body.id });
      expect(out.pages).toBe(1);
      const [doc] = await system.ds.query('SELECT file_sha256 FROM documents WHERE id = ?', [created.body.id]);
      expect(doc.file_sha256).toBe(out.sha256);
      const audit = await system.ds.query('SELECT action FROM audit_log WHERE document_id = ? ORDER BY id', [
        created.body.id,
      ]);
      expect(audit.map((a: { action: string }) => a.action)).toContain('document.pdf_rendered');
    });

    it('never replaces a received document’s file with a rendering', async () => {
      const reg = await api.post('/api/documents/incoming', buildIncoming({ subject: 'หนังสือที่รับเข้า' }), clerk);
      await letters.renderLetter({ documentId: reg.body.id });
      const [doc] = await system.ds.query('SELECT file_sha256 FROM documents WHERE id = ?', [reg.body.id]);
      expect(doc.file_sha256).toBeNull();
    });
  });

  describe('stampReceipt and GET /api/documents/:id/pdf', () => {
    const getPdf = (id: string, token?: string) =>
      fetch(`${system.baseUrl}/api/documents/${id}/pdf`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });

    it('stamps page one with unit, เลขรับ, date and time as a new revision that keeps the sender’s bytes', async () => {
      const { pdf: original } = await renderer.htmlToPdf(renderLetterHtml(DEMO_LETTERS.external));
      const reg = await api.post(
        '/api/documents/incoming',
        buildIncoming({
          subject: 'ขอความอนุเคราะห์ข้อมูล',
          receivedAt: '2026-11-02T02:39:00.000Z',
          file: { name: 'หนังสือ.pdf', contentBase64: original.toString('base64') },
        }),
        clerk,
      );
      expect(reg.status).toBe(201);
      const first = await letters.stampReceipt({ documentId: reg.body.id });
      expect(first.stamped).toBe(true);
      const again = await letters.stampReceipt({ documentId: reg.body.id });
      expect(again).toEqual(first);

      const res = await getPdf(reg.body.id, clerk);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const stamped = Buffer.from(await res.arrayBuffer());
      expect(stamped.subarray(0, original.length).equals(original)).toBe(true);
      expect(stamped.length).toBeGreaterThan(original.length);
      const text = pdftotext(stamped);
      expect(text).toContain('สำนักงานเขตลาดกระบัง');
      expect(text).toContain(`เลขรับ ${reg.body.receipt.text.match(/เลขรับ (\S+)/)[1]}`);
      expect(text).toContain('วันที่ ๒ พ.ย. ๒๕๖๙');
      expect(text).toContain('เวลา ๐๙.๓๙');
    });

    it('renders an outgoing draft as it stands, marked as a draft', async () => {
      const staff = await api.login('staff.ladkrabang');
      const created = await api.post('/api/documents', buildOutgoing({ subject: 'ร่างหนังสือทดสอบการแสดงผล' }), staff);
      expect(created.status).toBe(201);
      const res = await waitFor(
        () => getPdf(created.body.id, staff),
        (r) => r.status !== 404,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('x-saraban-pdf')).toBe('draft');
      const text = pdftotext(Buffer.from(await res.arrayBuffer()));
      expect(text).toContain('บันทึกข้อความ');
      expect(text.replace(/\s+/g, '')).toContain('ร่างหนังสือทดสอบการแสดงผล');
    });

    it('answers 404 to a user of another unit, and 404 NO_PDF for a document without a file', async () => {
      const reg = await api.post('/api/documents/incoming', buildIncoming({ subject: 'ไม่มีไฟล์แนบ' }), clerk);
      const none = await getPdf(reg.body.id, clerk);
      expect(none.status).toBe(404);
      expect(((await none.json()) as { error: { code: string } }).error.code).toBe('NO_PDF');
      const other = await api.login('clerk.central');
      expect((await getPdf(reg.body.id, other)).status).toBe(404);
      expect((await getPdf(reg.body.id)).status).toBe(401);
    });
  });

  it('renders the same HTML the preview shows', () => {
    expect(renderLetterHtml(DEMO_LETTERS.memo)).toContain('บันทึกข้อความ');
  });
});
