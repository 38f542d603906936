import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { seededUserId } from '../../db/seed';
import { apiClient, buildIncoming } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { insertTask } from '../support/document-rows';
import { startTestSystem, type TestSystem } from '../support/system';

/** A one-page PDF with a marker comment that must never appear on disk in the clear for a secret document. */
async function pdf(marker: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  return Buffer.concat([Buffer.from(await doc.save()), Buffer.from(`% ${marker}\n`)]);
}
/** The text of a PDF as poppler reads it. */
function textOf(bytes: Buffer): string {
  return execFileSync('pdftotext', ['-raw', '-', '-'], { input: bytes }).toString();
}
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(testDatabaseKinds())('secret documents on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  const tokens: Record<string, string> = {};
  const as = (username: string) => tokens[username];
  const filePath = (hash: string) => join(system.env.DATA_DIR, 'files', hash.slice(0, 2), hash);
  const viewsOf = async (documentId: string) =>
    (
      (await system.ds.query(
        "SELECT actor_user_id, details FROM audit_log WHERE action = 'document.viewed' AND document_id = ?",
        [documentId],
      )) as Array<{ actor_user_id: string; details: string }>
    ).map(
      (r) =>
        ({ ...(JSON.parse(r.details) as Record<string, unknown>), actor: r.actor_user_id }) as Record<string, unknown>,
    );

  beforeAll(async () => {
    system = await startTestSystem(kind);
    api = apiClient(system.baseUrl);
    for (const username of [
      'clerk.ladkrabang',
      'staff.ladkrabang',
      'staff.civil.ladkrabang',
      'head.ladkrabang',
      'director.ladkrabang',
      'deputy.permsec3',
      'deputy.permsec1',
      'clerk.phranakhon',
    ])
      tokens[username] = await api.login(username);
  });
  afterAll(async () => {
    await system?.stop();
  });

  describe('ลับ (confidential)', () => {
    let bytes: Buffer;
    let id: string;

    beforeAll(async () => {
      bytes = await pdf('CONFIDENTIAL-MARKER-ลับ');
      const res = await api.post(
        '/api/documents/incoming',
        buildIncoming({
          subject: 'รายงานการสอบสวนข้อเท็จจริง กรณีร้องเรียนเจ้าหน้าที่',
          secrecy: 'confidential',
          file: { name: 'สอบสวน.pdf', contentBase64: bytes.toString('base64') },
        }),
        as('clerk.ladkrabang'),
      );
      expect(res.status).toBe(201);
      id = res.body.id;
    });

    it('keeps the file encrypted at rest (AES-256-GCM), never in the clear', () => {
      const hash = sha256(bytes);
      expect(existsSync(filePath(hash))).toBe(false);
      const sealed = readFileSync(`${filePath(hash)}.enc`);
      expect(sealed.subarray(0, 4).toString()).toBe('SRB1');
      expect(sealed.includes(Buffer.from('CONFIDENTIAL-MARKER'))).toBe(false);
      expect(sealed.includes(Buffer.from('%PDF'))).toBe(false);
    });

    it('shows it to the clerk who registered it and decrypts the download, auditing each view', async () => {
      expect((await api.get(`/api/documents/${id}`, as('clerk.ladkrabang'))).status).toBe(200);
      const file = await fetch(`${system.baseUrl}/api/documents/${id}/file`, {
        headers: { authorization: `Bearer ${as('clerk.ladkrabang')}` },
      });
      expect(file.status).toBe(200);
      const served = Buffer.from(await file.arrayBuffer());
      // The stored file, decrypted, with the viewer's name on its pages as a new revision (the original is a prefix).
      expect(served.subarray(0, bytes.length).equals(bytes)).toBe(true);
      expect(textOf(served)).toContain('clerk.ladkrabang');
      expect(file.headers.get('cache-control')).toBe('no-store');
      const views = await viewsOf(id);
      expect(views.map((v) => v.path)).toEqual([`/api/documents/${id}`, `/api/documents/${id}/file`]);
      expect(views.every((v) => v.actor === seededUserId('clerk.ladkrabang') && v.secrecy === 'confidential')).toBe(
        true,
      );
    });

    it.each([
      ['head.ladkrabang', 200, 'the head of the section above the clerk'],
      ['director.ladkrabang', 200, "the district's director, further up the chain"],
      ['deputy.permsec3', 200, 'the Deputy Permanent Secretary overseeing the district'],
      ['staff.ladkrabang', 404, 'a colleague of the same unit who is not named on it'],
      ['staff.civil.ladkrabang', 404, 'an official of another section of the district'],
      ['deputy.permsec1', 404, 'an executive who oversees other districts'],
      ['clerk.phranakhon', 404, 'a clerk of another district'],
    ])('answers %s with %i (%s)', async (username, status) => {
      expect((await api.get(`/api/documents/${id}`, as(username))).status).toBe(status);
      expect((await api.get(`/api/documents/${id}/file`, as(username))).status).toBe(status);
    });

    it('shows it to a person once they hold a task on it, and to their chain', async () => {
      await insertTask(system.ds, {
        documentId: id,
        unitId: 'district-1011',
        assigneeUserId: seededUserId('staff.ladkrabang'),
      });
      expect((await api.get(`/api/documents/${id}`, as('staff.ladkrabang'))).status).toBe(200);
      expect((await api.get(`/api/documents/${id}`, as('staff.civil.ladkrabang'))).status).toBe(404);
    });

    it('finds it in a search only for those who may see it', async () => {
      const q = encodeURIComponent('สอบสวนข้อเท็จจริง');
      const found = await api.get(`/api/documents?q=${q}`, as('clerk.ladkrabang'));
      expect(found.body.items.map((d: { id: string }) => d.id)).toContain(id);
      const hidden = await api.get(`/api/documents?q=${q}`, as('staff.civil.ladkrabang'));
      expect(hidden.status).toBe(200);
      expect(hidden.body.items.map((d: { id: string }) => d.id)).not.toContain(id);
    });
  });

  it('keeps a ลับมาก file encrypted too, and an ordinary one in the clear', async () => {
    const secret = await pdf('SECRET-MARKER-ลับมาก');
    const plain = await pdf('ORDINARY-MARKER');
    for (const [secrecy, bytes] of [
      ['secret', secret],
      ['none', plain],
    ] as const) {
      const res = await api.post(
        '/api/documents/incoming',
        buildIncoming({ secrecy, file: { name: 'a.pdf', contentBase64: bytes.toString('base64') } }),
        as('clerk.ladkrabang'),
      );
      expect(res.status).toBe(201);
    }
    expect(existsSync(`${filePath(sha256(secret))}.enc`)).toBe(true);
    expect(existsSync(filePath(sha256(secret)))).toBe(false);
    expect(readFileSync(filePath(sha256(plain))).equals(plain)).toBe(true);
  });

  it('never stores a ลับที่สุด document: only its register entry, nothing of its note or file, not even in history', async () => {
    const bytes = await pdf('TOP-SECRET-MARKER');
    const note = 'ข้อความลับที่สุดห้ามบันทึก';
    const res = await api.post(
      '/api/documents/incoming',
      buildIncoming({
        subject: 'เรื่องลับที่สุด',
        secrecy: 'top_secret',
        note,
        file: { name: 'x.pdf', contentBase64: bytes.toString('base64') },
      }),
      as('clerk.ladkrabang'),
    );
    expect(res.status).toBe(201);
    const [doc] = (await system.ds.query('SELECT note, file_sha256, body FROM documents WHERE id = ?', [
      res.body.id,
    ])) as Array<Record<string, unknown>>;
    expect(doc).toEqual({ note: null, file_sha256: null, body: null });
    const entries = (await system.ds.query('SELECT register, subject FROM register_entries WHERE document_id = ?', [
      res.body.id,
    ])) as Array<{ register: string; subject: string }>;
    expect(entries).toEqual([{ register: 'secret_receipt', subject: 'เรื่องลับที่สุด' }]);
    expect(existsSync(filePath(sha256(bytes)))).toBe(false);
    expect(existsSync(`${filePath(sha256(bytes))}.enc`)).toBe(false);
    const history = await system.client.workflow.getHandle(res.body.workflowId).fetchHistory();
    const payloads = payloadTexts(history);
    expect(payloads.some((t) => t.includes('เรื่องลับที่สุด'))).toBe(true); // the subject is in the register entry
    expect(payloads.some((t) => t.includes(note))).toBe(false);
    const terms = (await system.ds.query('SELECT term FROM search_terms WHERE document_id = ?', [
      res.body.id,
    ])) as Array<{ term: string }>;
    expect(terms.map((t) => t.term)).not.toContain('ห้าม');
  });
});

/** Every payload of a workflow history, decoded to text. */
function payloadTexts(value: unknown, found: string[] = []): string[] {
  if (value instanceof Uint8Array) found.push(Buffer.from(value).toString('utf8'));
  else if (Array.isArray(value)) value.forEach((v) => payloadTexts(v, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => payloadTexts(v, found));
  return found;
}
