/**
 * The receipt stamp on registration: the incoming life stamps the received PDF a moment after it answers the clerk,
 * once, whatever is retried; the stamped file is the one the document page shows, the original stays as it came.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLetterActivities } from '../../activities/letters';
import { createFileStore } from '../../db/file-store';
import { DEMO_LETTERS } from '../../templates/demo-letters';
import { createPdfRenderer, type PdfRenderer } from '../../templates/pdf-renderer';
import { renderLetterHtml } from '../../templates/render-html';
import { apiClient, buildIncoming } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { act, buildOutgoing, recordHistory, taskOf, waitFor } from '../support/lives';
import { startTestSystem, type TestSystem } from '../support/system';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const pdftotext = (pdf: Buffer) => {
  const path = join(mkdtempSync(join(tmpdir(), 'saraban-stamp-')), 'x.pdf');
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', '1', '-l', '1', path, '-'], { encoding: 'utf8' });
};

describe.each(testDatabaseKinds())('the receipt stamp on registration on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let clerk: string;
  let renderer: PdfRenderer;
  let original: Buffer;

  const getBytes = async (path: string, token = clerk) => {
    const res = await fetch(`${system.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  /** The document once its stamp is settled (the life stamps it after answering the registration). */
  const settled = (id: string, token = clerk) =>
    waitFor(
      () => api.get(`/api/documents/${id}`, token),
      (res) => res.status === 200 && res.body.receiptStamp?.status !== 'pending',
    );
  const stampEntries = (id: string) =>
    system.ds.query(
      `SELECT action, details FROM audit_log WHERE document_id = ?
       AND action IN ('document.receipt_stamped', 'document.receipt_not_stamped')`,
      [id],
    ) as Promise<Array<{ action: string; details: string | Record<string, unknown> }>>;
  const details = (d: string | Record<string, unknown>) =>
    (typeof d === 'string' ? JSON.parse(d) : d) as { sha256: string; previousSha256: string; reason?: string };

  beforeAll(async () => {
    // A demo key for head.ladkrabang, so the letter delivered below is signed.
    const pki = join(mkdtempSync(join(tmpdir(), 'saraban-stamp-pki-')), 'pki');
    // head.ladkrabang holds no signer role, so the script's own list of signers leaves the head out: named here.
    const make = `const { createDemoPki } = await import(process.argv[1]);
      await createDemoPki({ dir: process.argv[2], signers: [{ username: 'head.ladkrabang', displayName: 'หัวหน้าฝ่าย' }] });`;
    execFileSync('node', [
      '--input-type=module',
      '-e',
      make,
      join(__dirname, '..', '..', 'scripts', 'demo-pki.mjs'),
      pki,
    ]);
    system = await startTestSystem(kind, {
      env: { SIGNING_P12_DIR: join(pki, 'signers'), SIGNING_TRUST_ANCHORS: join(pki, 'ca.crt') },
    });
    api = apiClient(system.baseUrl);
    clerk = await api.login('clerk.ladkrabang');
    renderer = createPdfRenderer({ chromiumPath: system.env.CHROMIUM_PATH, pages: 1 });
    original = (await renderer.htmlToPdf(renderLetterHtml(DEMO_LETTERS.external))).pdf;
  });
  afterAll(async () => {
    await renderer?.close();
    await system?.stop();
  });

  it('stamps the registered PDF with unit, เลขรับ, date and time, keeping the sender’s bytes as a prefix', async () => {
    const body = buildIncoming({
      subject: 'ขอความอนุเคราะห์ข้อมูลสถิติการรับหนังสือ',
      receivedAt: '2026-11-02T02:39:00.000Z',
      file: { name: 'หนังสือ.pdf', contentBase64: original.toString('base64') },
    });
    const reg = await api.post('/api/documents/incoming', body, clerk, { 'Idempotency-Key': `stamp-${kind}` });
    expect(reg.status).toBe(201);
    const id = reg.body.id as string;

    const doc = await settled(id);
    expect(doc.body.receiptStamp).toMatchObject({ status: 'stamped', originalSha256: sha256(original) });
    const stamped = await getBytes(`/api/documents/${id}/pdf`);
    expect(sha256(stamped)).toBe(doc.body.receiptStamp.sha256);
    expect(stamped.subarray(0, original.length).equals(original)).toBe(true);
    expect(stamped.length).toBeGreaterThan(original.length);
    const text = pdftotext(stamped);
    const receiptDigits = reg.body.receipt.text.match(/เลขรับ ([๐-๙]+)/)[1] as string;
    expect(receiptDigits).toMatch(/^[๐-๙]+$/);
    expect(text).toContain('สำนักงานเขตลาดกระบัง');
    expect(text).toContain(`เลขรับ ${receiptDigits}`);
    expect(text).toContain('วันที่ ๒ พ.ย. ๒๕๖๙');
    expect(text).toContain('เวลา ๐๙.๓๙');
    // What arrived is kept as it came, and served by …/file.
    expect((await getBytes(`/api/documents/${id}/file`)).equals(original)).toBe(true);
    const stored = await system.ds.query('SELECT sha256 FROM files WHERE sha256 IN (?, ?)', [
      sha256(original),
      sha256(stamped),
    ]);
    expect(stored).toHaveLength(2);
    expect(doc.body.history.map((h: { action: string }) => h.action)).toContain('document.receipt_stamped');

    // The same registration again (the client retried): the same document and receipt, and still one stamp.
    const retry = await api.post('/api/documents/incoming', body, clerk, { 'Idempotency-Key': `stamp-${kind}` });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(reg.body);
    const filesBefore = await system.ds.query('SELECT COUNT(*) AS n FROM files');
    // Retried activity attempts racing one another (a slow first attempt and its retries): one stamp is kept.
    const letters = createLetterActivities({
      ds: system.ds,
      files: createFileStore({ ds: system.ds, dir: join(system.env.DATA_DIR, 'files') }),
      renderer,
    });
    const again = await Promise.all([
      letters.stampReceipt({ documentId: id }),
      letters.stampReceipt({ documentId: id }),
    ]);
    expect(again).toEqual([
      { stamped: true, sha256: sha256(stamped), originalSha256: sha256(original) },
      { stamped: true, sha256: sha256(stamped), originalSha256: sha256(original) },
    ]);
    expect(await stampEntries(id)).toHaveLength(1);
    expect(await system.ds.query('SELECT COUNT(*) AS n FROM files')).toEqual(filesBefore);
    const [row] = await system.ds.query('SELECT file_sha256 FROM documents WHERE id = ?', [id]);
    expect(row.file_sha256).toBe(sha256(stamped));

    // The clerk files it: the whole life, stamp included, is kept for the replay tests (RECORD_HISTORIES=1).
    const triage = await taskOf(api, clerk, id, 'triage');
    expect((await act(api, clerk, triage.taskId, 'close', { comment: 'เก็บเข้าแฟ้ม' })).body.stage).toBe('closed');
    await recordHistory(system.client, reg.body.workflowId, 'incoming-stamped', kind);
  });

  it('keeps one stamp when attempts race before any has finished', async () => {
    // Registered without a file, which is then given to it: its life does not stamp, so only these attempts race.
    const reg = await api.post('/api/documents/incoming', buildIncoming({ subject: 'ประทับตราพร้อมกัน' }), clerk);
    expect(reg.status).toBe(201);
    const files = createFileStore({ ds: system.ds, dir: join(system.env.DATA_DIR, 'files') });
    const bytes = (await renderer.htmlToPdf(renderLetterHtml(DEMO_LETTERS.memo))).pdf;
    await system.ds.query('UPDATE documents SET file_sha256 = ? WHERE id = ?', [
      await files.put(bytes, 'application/pdf'),
      reg.body.id,
    ]);
    const filesBefore = Number((await system.ds.query('SELECT COUNT(*) AS n FROM files'))[0].n);
    const letters = createLetterActivities({ ds: system.ds, files, renderer });
    // Three attempts at once (a slow first attempt and its retries): each draws a stamp, one is recorded and stored.
    const results = await Promise.all([1, 2, 3].map(() => letters.stampReceipt({ documentId: reg.body.id })));
    const entries = await stampEntries(reg.body.id);
    expect(entries).toHaveLength(1);
    const recorded = details(entries[0].details);
    for (const r of results)
      expect(r).toEqual({ stamped: true, sha256: recorded.sha256, originalSha256: sha256(bytes) });
    expect(Number((await system.ds.query('SELECT COUNT(*) AS n FROM files'))[0].n)).toBe(filesBefore + 1);
    const stamped = await files.get(recorded.sha256);
    expect(stamped.subarray(0, bytes.length).equals(bytes)).toBe(true);
    expect(pdftotext(stamped)).toContain(`เลขรับ ${reg.body.receipt.text.match(/เลขรับ ([๐-๙]+)/)[1]}`);
  });

  it('keeps a ลับ document’s stamped file encrypted at rest, and serves it stamped', async () => {
    const reg = await api.post(
      '/api/documents/incoming',
      buildIncoming({
        subject: 'รายงานการสอบสวนข้อเท็จจริง (ลับ)',
        secrecy: 'confidential',
        file: { name: 'ลับ.pdf', contentBase64: original.toString('base64') },
      }),
      clerk,
    );
    expect(reg.status).toBe(201);
    const doc = await settled(reg.body.id);
    expect(doc.body.receiptStamp.status).toBe('stamped');
    const path = join(
      system.env.DATA_DIR,
      'files',
      doc.body.receiptStamp.sha256.slice(0, 2),
      doc.body.receiptStamp.sha256,
    );
    expect(existsSync(path)).toBe(false);
    const sealed = readFileSync(`${path}.enc`);
    expect(sealed.subarray(0, 4).toString()).toBe('SRB1');
    expect(sealed.includes(Buffer.from('%PDF'))).toBe(false);
    // Served decrypted, stamped, with the viewer's mark as one more revision.
    const served = await getBytes(`/api/documents/${reg.body.id}/pdf`);
    expect(served.subarray(0, original.length).equals(original)).toBe(true);
    expect(pdftotext(served)).toContain(`เลขรับ ${reg.body.receipt.text.match(/เลขรับ ([๐-๙]+)/)[1]}`);
  });

  it('stamps the copy another unit registers when the document is forwarded to it, from the original', async () => {
    const reg = await api.post(
      '/api/documents/incoming',
      buildIncoming({
        subject: 'หนังสือส่งต่อให้สำนักการแพทย์',
        file: { name: 'ส่งต่อ.pdf', contentBase64: original.toString('base64') },
      }),
      clerk,
    );
    const inbox = await waitFor(
      () => api.get('/api/inbox?scope=unit&limit=200', clerk),
      (res) => res.body.items.some((t: { documentId: string }) => t.documentId === reg.body.id),
    );
    const triage = inbox.body.items.find((t: { documentId: string }) => t.documentId === reg.body.id);
    const forwarded = await api.post(
      `/api/tasks/${triage.taskId}/actions`,
      { action: 'forward', toUnitId: 'dept-01' },
      clerk,
    );
    expect(forwarded.status).toBe(200);
    const { documentId, receipt } = forwarded.body.forwarded;
    const [entry] = await waitFor(
      () => stampEntries(documentId),
      (rows) => rows.length > 0,
    );
    expect(entry.action).toBe('document.receipt_stamped');
    expect(details(entry.details).previousSha256).toBe(sha256(original));
    const files = createFileStore({ ds: system.ds, dir: join(system.env.DATA_DIR, 'files') });
    const stamped = await files.get(details(entry.details).sha256);
    expect(stamped.subarray(0, original.length).equals(original)).toBe(true);
    const text = pdftotext(stamped);
    expect(text).toContain(`เลขรับ ${String(receipt.text).match(/เลขรับ ([๐-๙]+)/)![1]}`);
    expect(text).toContain('สำนักการแพทย์');
    expect(text).not.toContain('สำนักงานเขตลาดกระบัง');
  });

  it('stamps a letter another BMA unit delivers, over its signed PDF, whose signature still verifies', async () => {
    const token = (u: string) => api.login(u);
    const staff = await token('staff.ladkrabang');
    const head = await token('head.ladkrabang');
    const created = await api.post('/api/documents', buildOutgoing({ subject: 'ส่งถึงเขตพระนครพร้อมตรารับ' }), staff);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const submitted = await api.post(
      `/api/documents/${id}/submit`,
      { toPositionId: 'district-1011-admin-head' },
      staff,
    );
    expect(submitted.status).toBe(200);
    const sign = await taskOf(api, head, id, 'sign');
    expect((await act(api, head, sign.taskId, 'sign')).status).toBe(200);
    const dispatch = await taskOf(api, clerk, id, 'dispatch');
    expect((await act(api, clerk, dispatch.taskId, 'send')).status).toBe(200);
    const sent = await waitFor(
      () => api.get(`/api/documents/${id}`, staff),
      (res) => Boolean(res.body.recipients?.[0]?.receipt),
    );
    const [letter] = await system.ds.query('SELECT file_sha256 FROM documents WHERE id = ?', [id]);
    const arrivedId = sent.body.recipients[0].incomingDocumentId as string;
    const phranakhon = await token('clerk.phranakhon');
    const arrived = await settled(arrivedId, phranakhon);
    expect(arrived.body.receiptStamp).toMatchObject({ status: 'stamped', originalSha256: letter.file_sha256 });
    const files = createFileStore({ ds: system.ds, dir: join(system.env.DATA_DIR, 'files') });
    const original = await files.get(String(letter.file_sha256));
    const stamped = await getBytes(`/api/documents/${arrivedId}/pdf`, phranakhon);
    expect(stamped.subarray(0, original.length).equals(original)).toBe(true);
    const text = pdftotext(stamped);
    expect(text).toContain('สำนักงานเขตพระนคร');
    expect(text).toContain(`เลขรับ ${String(arrived.body.receipt.text).match(/เลขรับ ([๐-๙]+)/)![1]}`);
    // Signed with the head's demo key: the stamp is a later revision, the signed bytes are untouched.
    expect(sent.body.history.map((h: { action: string }) => h.action)).toContain('document.pdf_signed');
    const verified = await api.get(`/api/documents/${arrivedId}/verify`, phranakhon);
    expect(verified.status).toBe(200);
    expect(verified.body.valid).toBe(true);
    expect(verified.body.signatures[0]).toMatchObject({ intact: true, trusted: true, coversWholeDocument: false });
  });

  it('records a file that cannot take the stamp (a PDF without a page) and keeps it as it came', async () => {
    const bare = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const reg = await api.post(
      '/api/documents/incoming',
      buildIncoming({ subject: 'ไฟล์ไม่มีหน้า', file: { name: 'bare.pdf', contentBase64: bare.toString('base64') } }),
      clerk,
    );
    expect(reg.status).toBe(201);
    const doc = await settled(reg.body.id);
    expect(doc.body.receiptStamp).toEqual({ status: 'not_stamped', reason: 'NOT_PDF' });
    expect((await getBytes(`/api/documents/${reg.body.id}/pdf`)).equals(bare)).toBe(true);
  });
});
