/**
 * PAdES signatures end to end: the demo CA and signer keys made by scripts/demo-pki.mjs, signLetter on a stored
 * document, GET /api/documents/:id/verify, a flipped byte breaking verification, and independent verifiers (poppler's
 * pdfsig, openssl cms on the extracted CMS) accepting the signature. B-T against a local RFC 3161 TSA (openssl ts),
 * and B-LT: the chain and the demo CA's CRL kept in the letter's DSS.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLetterActivities } from '../../activities/letters';
import { createFileStore } from '../../db/file-store';
import { DEMO_LETTERS } from '../../templates/demo-letters';
import { readValidationData, readValidationFiles } from '../../templates/pdf/dss';
import { createKeyStore } from '../../templates/pdf/keys';
import { signPdf } from '../../templates/pdf/sign';
import { trustAnchorsFromPem, verifyPdf } from '../../templates/pdf/verify';
import { createPdfRenderer, type PdfRenderer } from '../../templates/pdf-renderer';
import { renderLetterHtml } from '../../templates/render-html';
import { apiClient } from '../support/api-client';
import { buildOutgoing, waitFor } from '../support/lives';
import { startTestSystem, type TestSystem } from '../support/system';

const dir = mkdtempSync(join(tmpdir(), 'saraban-pki-'));
const pki = join(dir, 'pki');
const SIGNERS = ['director.ladkrabang', 'assistant.ladkrabang'];

function pdfsig(pdf: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'saraban-sig-')), 'x.pdf');
  writeFileSync(path, pdf);
  const r = spawnSync('pdfsig', [path], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}

/** A local time-stamp authority: openssl ts behind a tiny HTTP server. */
async function startTsa(): Promise<{ url: string; server: Server }> {
  const tsa = join(dir, 'tsa');
  execFileSync('mkdir', ['-p', tsa]);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(tsa, 'tsa.key'),
      '-out',
      join(tsa, 'tsa.crt'),
      '-days',
      '30',
      '-subj',
      '/CN=e-Saraban test TSA',
      '-addext',
      'extendedKeyUsage=critical,timeStamping',
    ],
    { stdio: 'ignore' },
  );
  writeFileSync(join(tsa, 'serial'), '01\n');
  writeFileSync(
    join(tsa, 'tsa.cnf'),
    `[ tsa ]\ndefault_tsa = t\n[ t ]\nserial = ${tsa}/serial\ncrypto_device = builtin\nsigner_cert = ${tsa}/tsa.crt\n` +
      `certs = ${tsa}/tsa.crt\nsigner_key = ${tsa}/tsa.key\nsigner_digest = sha256\ndefault_policy = 1.2.3.4.1\n` +
      `digests = sha256\naccuracy = secs:1\nordering = yes\ntsa_name = no\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n`,
  );
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      writeFileSync(join(tsa, 'q.tsq'), Buffer.concat(chunks));
      execFileSync(
        'openssl',
        ['ts', '-reply', '-config', join(tsa, 'tsa.cnf'), '-queryfile', join(tsa, 'q.tsq'), '-out', join(tsa, 'r.tsr')],
        { stdio: 'ignore' },
      );
      res.writeHead(200, { 'content-type': 'application/timestamp-reply' });
      res.end(readFileSync(join(tsa, 'r.tsr')));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/tsr`, server };
}

describe('PAdES signatures', () => {
  let system: TestSystem;
  let renderer: PdfRenderer;
  let letters: ReturnType<typeof createLetterActivities>;
  let tsa: { url: string; server: Server };
  let anchors: ReturnType<typeof trustAnchorsFromPem>;

  beforeAll(async () => {
    execFileSync('node', [
      join(__dirname, '..', '..', 'scripts', 'demo-pki.mjs'),
      '--dir',
      pki,
      '--users',
      SIGNERS.join(','),
    ]);
    anchors = trustAnchorsFromPem(readFileSync(join(pki, 'ca.crt'), 'utf8'));
    system = await startTestSystem('sqlite', {
      env: { SIGNING_P12_DIR: join(pki, 'signers'), SIGNING_TRUST_ANCHORS: join(pki, 'ca.crt') },
    });
    renderer = createPdfRenderer({ chromiumPath: system.env.CHROMIUM_PATH, pages: 1 });
    letters = createLetterActivities({
      ds: system.ds,
      files: createFileStore({ ds: system.ds, dir: join(system.env.DATA_DIR, 'files') }),
      renderer,
      keys: createKeyStore({ dir: join(pki, 'signers'), password: 'saraban-demo-pki' }),
    });
    tsa = await startTsa();
  });
  afterAll(async () => {
    tsa?.server.close();
    await renderer?.close();
    await system?.stop();
  });

  it('signs a stored letter (B-B) and GET /api/documents/:id/verify names the signer, the time and intact bytes', async () => {
    const api = apiClient(system.baseUrl);
    const clerk = await api.login('staff.ladkrabang');
    const reg = await api.post('/api/documents', buildOutgoing({ subject: 'หนังสือทดสอบการลงนาม' }), clerk);
    expect(reg.status).toBe(201);
    await waitFor(
      () => system.ds.query('SELECT id FROM documents WHERE id = ?', [reg.body.id]),
      (rows: unknown[]) => rows.length > 0,
    );
    const signed = await letters.signLetter({ documentId: reg.body.id, signerUsername: 'director.ladkrabang' });
    expect(signed.level).toBe('PAdES-B-B');
    expect(await letters.signLetter({ documentId: reg.body.id, signerUsername: 'director.ladkrabang' })).toEqual(
      signed,
    );

    const res = await api.get(`/api/documents/${reg.body.id}/verify`, clerk);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: true, sha256: signed.sha256 });
    expect(res.body.signatures).toHaveLength(1);
    expect(res.body.signatures[0]).toMatchObject({
      signer: { commonName: 'นายสุดา แก้วประเสริฐ' },
      level: 'PAdES-B-B',
      intact: true,
      coversWholeDocument: true,
      trusted: true,
      problems: [],
    });
    expect(res.body.signatures[0].signedAtText).toMatch(/^[๐-๙]+ /);
  });

  describe('a signed letter', () => {
    let signed: Buffer;
    beforeAll(async () => {
      const { pdf } = await renderer.htmlToPdf(renderLetterHtml(DEMO_LETTERS.external));
      const key = createKeyStore({ dir: join(pki, 'signers'), password: 'saraban-demo-pki' }).keyOf(
        'assistant.ladkrabang',
      );
      signed = await signPdf(pdf, { key, name: 'นางสาวสุดา บุญมา', reason: 'ทดสอบ' });
    });

    it('verifies, and fails verification when any one byte of the signed range is flipped', () => {
      expect(verifyPdf(signed, anchors).valid).toBe(true);
      for (const at of [10, Math.floor(signed.length / 3), signed.length - 20]) {
        const tampered = Buffer.from(signed);
        tampered[at] ^= 0x01;
        const report = verifyPdf(tampered, anchors);
        expect(report.valid).toBe(false);
      }
    });

    it('is accepted by poppler’s pdfsig, which also sees the flipped byte', () => {
      const out = pdfsig(signed);
      expect(out).toMatch(/Signature Type: ETSI\.CAdES\.detached/);
      expect(out).toMatch(/Signature Validation: Signature is Valid/);
      expect(out).toMatch(/Total document signed/);
      const tampered = Buffer.from(signed);
      tampered[Math.floor(signed.length / 3)] ^= 0x01;
      expect(pdfsig(tampered)).not.toMatch(/Signature is Valid/);
    });

    it('is accepted by openssl cms with the demo CA on the extracted CMS and signed bytes', () => {
      const m = /\/ByteRange \[ 0 (\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(signed.toString('latin1'))!;
      const [b, c, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const work = mkdtempSync(join(tmpdir(), 'saraban-cms-'));
      // The reserved space is zero-padded: the DER header (30 82 hi lo) gives the CMS's own length.
      const padded = Buffer.from(signed.subarray(b + 1, c - 1).toString('latin1'), 'hex');
      writeFileSync(join(work, 'sig.der'), padded.subarray(0, 4 + padded.readUInt16BE(2)));
      writeFileSync(join(work, 'content'), Buffer.concat([signed.subarray(0, b), signed.subarray(c, c + d)]));
      const r = spawnSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          join(work, 'sig.der'),
          '-content',
          join(work, 'content'),
          '-CAfile',
          join(pki, 'ca.crt'),
          '-purpose',
          'any',
          '-out',
          '/dev/null',
        ],
        { encoding: 'utf8' },
      );
      expect(`${r.stdout}${r.stderr}`).toMatch(/Verification successful/);
    });

    it('stays intact when a receipt stamp is added after it, and says it no longer covers the whole file', async () => {
      const { stampReceipt } = await import('../../templates/pdf/stamp');
      const stamped = await stampReceipt(
        signed,
        { unitName: 'สำนักงานเขตประเวศ', number: 9, receivedAt: new Date() },
        renderer,
      );
      const report = verifyPdf(stamped, anchors);
      expect(report.signatures[0]).toMatchObject({ intact: true, coversWholeDocument: false, trusted: true });
      expect(pdfsig(stamped)).toMatch(/Signature is Valid/);
    });
  });

  it('adds a signature time-stamp from a TSA (B-T) that verification reads back', async () => {
    const { pdf } = await renderer.htmlToPdf(renderLetterHtml(DEMO_LETTERS.order));
    const key = createKeyStore({ dir: join(pki, 'signers'), password: 'saraban-demo-pki' }).keyOf(
      'director.ladkrabang',
    );
    const signed = await signPdf(pdf, { key, name: 'นายสุดา แก้วประเสริฐ', tsaUrl: tsa.url });
    const [sig] = verifyPdf(signed, anchors).signatures;
    expect(sig).toMatchObject({ level: 'PAdES-B-T', intact: true, trusted: true, problems: [] });
    expect(Math.abs(new Date(sig.timestampedAt!).getTime() - Date.now())).toBeLessThan(120_000);
    expect(pdfsig(signed)).toMatch(/Signature is Valid/);
  });

  it('keeps the chain and the CA’s CRL in a DSS after a time-stamped signature (B-LT), which pdfsig still accepts', async () => {
    const api = apiClient(system.baseUrl);
    const staff = await api.login('staff.ladkrabang');
    const reg = await api.post('/api/documents', buildOutgoing({ subject: 'หนังสือทดสอบการเก็บข้อมูลตรวจสอบ' }), staff);
    expect(reg.status).toBe(201);
    await waitFor(
      () => system.ds.query('SELECT id FROM documents WHERE id = ?', [reg.body.id]),
      (rows: unknown[]) => rows.length > 0,
    );
    const files = createFileStore({ ds: system.ds, dir: join(system.env.DATA_DIR, 'files') });
    const keys = createKeyStore({ dir: join(pki, 'signers'), password: 'saraban-demo-pki' });
    const lt = createLetterActivities({
      ds: system.ds,
      files,
      renderer,
      keys,
      tsaUrl: tsa.url,
      validationData: () => readValidationFiles(join(pki, 'ca.crt'), join(pki, 'ca.crl')),
    });
    const signed = await lt.signLetter({ documentId: reg.body.id, signerUsername: 'director.ladkrabang' });
    expect(signed.level).toBe('PAdES-B-LT');
    const bytes = await files.get(signed.sha256);

    const [sig] = verifyPdf(bytes, anchors).signatures;
    expect(sig).toMatchObject({ level: 'PAdES-B-LT', intact: true, trusted: true, problems: [] });
    // The DSS is a revision after the signed bytes, as PAdES allows.
    expect(sig.coversWholeDocument).toBe(false);
    expect(pdfsig(bytes)).toMatch(/Signature is Valid/);

    const dss = await readValidationData(bytes);
    const signer = keys.keyOf('director.ladkrabang').certificate;
    expect(dss.certificates.some((c) => c.equals(signer))).toBe(true);
    expect(dss.certificates.some((c) => c.equals(anchors[0].raw))).toBe(true);
    expect(dss.crls).toHaveLength(1);
    const crlPath = join(dir, 'from-dss.crl');
    writeFileSync(crlPath, dss.crls[0]);
    // The CRL in the file is the CA's own, signed by it, and does not list the signer's certificate.
    const crl = spawnSync(
      'openssl',
      ['crl', '-inform', 'DER', '-in', crlPath, '-CAfile', join(pki, 'ca.crt'), '-noout', '-text'],
      { encoding: 'utf8' },
    );
    expect(`${crl.stdout}${crl.stderr}`).toMatch(/verify OK/);
    expect(crl.stdout).toMatch(/No Revoked Certificates/);
    expect(crl.stdout).toContain('CN = e-Saraban Demo CA');
  });
});
