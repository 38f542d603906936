/**
 * Secret outgoing letters at rest: the final letter of a ลับ memo (rendered by Chromium and signed with the signer's
 * key by the outgoing life) is stored encrypted, served decrypted with the viewer's watermark to those on its chain,
 * its signature still verifying, every download audited, and 404 for a colleague off the chain.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileStore } from '../../db/file-store';
import { seededUserId } from '../../db/seed';
import { trustAnchorsFromPem, verifyPdf } from '../../templates/pdf/verify';
import { apiClient } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { act, buildOutgoing, taskOf, waitFor } from '../support/lives';
import { startTestSystem, type TestSystem } from '../support/system';

const pki = join(mkdtempSync(join(tmpdir(), 'saraban-pki-')), 'pki');
const textOf = (bytes: Buffer) =>
  execFileSync('pdftotext', ['-raw', '-', '-'], { input: bytes, stdio: ['pipe', 'pipe', 'ignore'] }).toString();

describe.each(testDatabaseKinds())('secret outgoing letters on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  const tokens: Record<string, string> = {};
  const as = (username: string) => tokens[username];

  beforeAll(async () => {
    if (!existsSync(join(pki, 'ca.crt')))
      execFileSync('node', [
        join(__dirname, '..', '..', 'scripts', 'demo-pki.mjs'),
        '--dir',
        pki,
        '--users',
        'assistant.ladkrabang',
      ]);
    system = await startTestSystem(kind, {
      env: { SIGNING_P12_DIR: join(pki, 'signers'), SIGNING_TRUST_ANCHORS: join(pki, 'ca.crt') },
    });
    api = apiClient(system.baseUrl);
    for (const u of [
      'staff.ladkrabang',
      'head.ladkrabang',
      'assistant.ladkrabang',
      'staff.civil.ladkrabang',
      'clerk.phranakhon',
    ])
      tokens[u] = await api.login(u);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('stores the signed ลับ letter encrypted and serves it watermarked, verifiable and audited', async () => {
    const subject = `ขอข้อมูลการสอบสวนข้อเท็จจริง (ลับ) ${kind}`;
    const created = await api.post(
      '/api/documents',
      buildOutgoing({ subject, secrecy: 'confidential' }),
      as('staff.ladkrabang'),
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const submitted = await api.post(
      `/api/documents/${id}/submit`,
      { toPositionId: 'district-1011-assistant' },
      as('staff.ladkrabang'),
    );
    expect(submitted.status).toBe(200);
    const review = await taskOf(api, as('head.ladkrabang'), id, 'review');
    expect((await act(api, as('head.ladkrabang'), review.taskId, 'approve')).status).toBe(200);
    // The signer has a key (SIGNING_P12_DIR): the life signs the final letter (PAdES) after numbering.
    const sign = await taskOf(api, as('assistant.ladkrabang'), id, 'sign');
    expect((await act(api, as('assistant.ladkrabang'), sign.taskId, 'sign')).body.stage).toBe('numbered');

    const letterRows = await waitFor(
      () =>
        system.ds.query(
          `SELECT action, details FROM audit_log WHERE document_id = ?
           AND action IN ('document.pdf_signed', 'document.pdf_rendered', 'document.letter_unavailable')`,
          [id],
        ) as Promise<Array<{ action: string; details: string }>>,
      (rows) => rows.length > 0,
    );
    expect(letterRows.map((r) => `${r.action} ${r.details}`)).toEqual([
      expect.stringMatching(/^document\.pdf_signed /),
    ]);
    const signedRow = letterRows[0];
    const sha256 = (JSON.parse(signedRow.details) as { sha256: string }).sha256;
    const [doc] = (await system.ds.query('SELECT file_sha256 FROM documents WHERE id = ?', [id])) as Array<{
      file_sha256: string;
    }>;
    expect(doc.file_sha256).toBe(sha256);

    // At rest: only `<sha256>.enc`, in the store's sealed format, with no PDF in it.
    const path = join(system.env.DATA_DIR, 'files', sha256.slice(0, 2), sha256);
    expect(existsSync(path)).toBe(false);
    const raw = readFileSync(`${path}.enc`);
    expect(raw.subarray(0, 4).toString('latin1')).toBe('SRB1');
    expect(raw.includes(Buffer.from('%PDF-'))).toBe(false);
    expect(raw.includes(Buffer.from('/ByteRange'))).toBe(false);
    expect(() => textOf(raw)).toThrow(); // poppler finds no PDF in it

    // Served to the signer: the stored letter plus a watermark revision; the signature over it still verifies.
    const res = await fetch(`${system.baseUrl}/api/documents/${id}/pdf`, {
      headers: { authorization: `Bearer ${as('assistant.ladkrabang')}`, 'x-request-id': `secret-letter-${kind}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('etag')).toBeNull();
    const served = Buffer.from(await res.arrayBuffer());
    expect(served.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const anchors = trustAnchorsFromPem(readFileSync(join(pki, 'ca.crt'), 'utf8'));
    const report = verifyPdf(served, anchors);
    expect(report.valid).toBe(true);
    expect(report.signatures).toHaveLength(1);
    expect(report.signatures[0]).toMatchObject({ intact: true, coversWholeDocument: false, trusted: true });
    expect(report.revisions).toBeGreaterThanOrEqual(2);
    expect(textOf(served)).toMatch(/CONFIDENTIAL - assistant\.ladkrabang - \d{4}-\d{2}-\d{2}T/);
    // The stored letter, decrypted with the store's key, is a prefix of what was served: the watermark only appends.
    const stored = await createFileStore({ ds: system.ds, dir: join(system.env.DATA_DIR, 'files') }).get(sha256);
    expect(textOf(stored)).not.toContain('assistant.ladkrabang');
    expect(served.subarray(0, stored.length).equals(stored)).toBe(true);
    const verify = await api.get(`/api/documents/${id}/verify`, as('assistant.ladkrabang'));
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ valid: true, sha256 });

    // Off the chain: a colleague of the same district and a clerk of another get 404, and no file.
    for (const outsider of ['staff.civil.ladkrabang', 'clerk.phranakhon']) {
      expect((await api.get(`/api/documents/${id}/pdf`, as(outsider))).status).toBe(404);
      expect((await api.get(`/api/documents/${id}/file`, as(outsider))).status).toBe(404);
    }

    // Every view is a row of the audit chain, with who, which path and the request id.
    const views = (
      (await system.ds.query(
        "SELECT actor_user_id, details FROM audit_log WHERE action = 'document.viewed' AND document_id = ?",
        [id],
      )) as Array<{ actor_user_id: string; details: string }>
    ).map((r) => ({ actor: r.actor_user_id, ...(JSON.parse(r.details) as Record<string, unknown>) }));
    expect(views).toContainEqual(
      expect.objectContaining({
        actor: seededUserId('assistant.ladkrabang'),
        path: `/api/documents/${id}/pdf`,
        requestId: `secret-letter-${kind}`,
        secrecy: 'confidential',
      }),
    );
    expect(views.map((v) => v.actor)).not.toContain(seededUserId('staff.civil.ladkrabang'));
  });
});
