import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { appendAudit } from '../db/audit';
import type { FileStore } from '../db/file-store';
import { forUpdate } from '../db/numbering';
import { inTransaction } from '../db/transaction';
import type { LetterInput } from '../templates/model';
import type { PdfRenderer } from '../templates/pdf-renderer';
import { renderLetterHtml } from '../templates/render-html';
import { openForUpdate, PdfUpdateError } from '../templates/pdf/incremental';
import { stampReceipt } from '../templates/pdf/stamp';
import { SigningKeyError, type KeyStore } from '../templates/pdf/keys';
import { addValidationData, type ValidationData } from '../templates/pdf/dss';
import { signPdf } from '../templates/pdf/sign';
import { parseDbTime } from '../db/time';
import { letterInputFromDocument } from '../templates/letter-source';

/** What the letter activities need; the renderer and file store are optional so a worker without Chromium still runs. */
export interface LetterActivityDeps {
  ds: DataSource;
  files?: FileStore;
  renderer?: PdfRenderer;
  /** The Garuda SVG (GARUDA_SVG_PATH); default the project's stand-in. */
  emblemPath?: string;
  /** Signers' PKCS#12 keys (SIGNING_P12_DIR). */
  keys?: KeyStore;
  /** RFC 3161 time-stamp authority (TSA_URL): signatures become PAdES B-T. */
  tsaUrl?: string;
  /**
   * The CA certificates and current CRLs (SIGNING_TRUST_ANCHORS, SIGNING_CRLS), read at each signature: with a TSA
   * they go into the letter's DSS with the signer's chain, and the signature is PAdES B-LT.
   */
  validationData?: () => ValidationData;
}

/** Input of renderLetter: a stored document, or a letter given whole (previews, benchmarks). */
export type RenderLetterInput =
  | { documentId: string; letter?: undefined; record?: boolean }
  | { letter: LetterInput; documentId?: undefined; record?: undefined };

/** The stored PDF. */
export interface RenderedLetter {
  sha256: string;
  pages: number;
  bytes: number;
}

/** Renders, stamps, signs and verifies letters (PDF): Handlebars → Chromium → file store. */
export function createLetterActivities(deps: LetterActivityDeps) {
  const need = <T>(value: T | undefined, what: string): T => {
    if (!value) throw ApplicationFailure.nonRetryable(`${what} is not configured in this worker`, 'NOT_CONFIGURED');
    return value;
  };

  return {
    /**
     * Renders a letter to PDF and stores it. For a document it also makes the PDF the document's file
     * (`documents.file_sha256`) and audits it (`record: false` skips both). Same content, same file: the store is
     * content-addressed, so a retry stores nothing new.
     */
    async renderLetter(input: RenderLetterInput): Promise<RenderedLetter> {
      const renderer = need(deps.renderer, 'the PDF renderer');
      const files = need(deps.files, 'the file store');
      const letter = input.letter ?? (await letterInputFromDocument(deps.ds, input.documentId));
      if (!letter) throw ApplicationFailure.nonRetryable(`no document ${input.documentId}`, 'NOT_FOUND');
      const { pdf, pages } = await renderer.htmlToPdf(renderLetterHtml(letter, { emblemPath: deps.emblemPath }));
      const encrypt = input.documentId ? await isSecretDocument(deps.ds, input.documentId) : false;
      const sha256 = await files.put(pdf, 'application/pdf', { encrypt });
      // A received document's file is what the sender sent: a rendering never replaces it.
      if (input.documentId && input.record !== false && !(await isIncoming(deps.ds, input.documentId))) {
        await recordFile(deps.ds, input.documentId, sha256, 'document.pdf_rendered', { pages }, letter);
      }
      return { sha256, pages, bytes: pdf.length };
    },

    /**
     * Stamps a received document's PDF (ตรารับหนังสือ: unit, เลขรับ, date, time, top right of page one) as a new
     * revision: the sender's bytes stay a prefix of the stamped file, which becomes the document's file (the original
     * stays in the store, named in the audit entry). Once per document: the first attempt to finish records its stamp
     * under a lock of the document row; any other (a retry whose first attempt was only slow) stores nothing and
     * answers the recorded stamp. A file that cannot be updated is recorded as not stamped, with the reason.
     */
    async stampReceipt(input: { documentId: string }): Promise<StampedReceipt> {
      const renderer = need(deps.renderer, 'the PDF renderer');
      const files = need(deps.files, 'the file store');
      const documentId = input.documentId;
      const [doc] = (await deps.ds.query(
        `SELECT d.file_sha256, d.secrecy, d.receipt_number, d.received_at, u.name AS unit_name FROM documents d
         JOIN units u ON u.id = d.unit_id WHERE d.id = ?`,
        [documentId],
      )) as Array<Record<string, unknown>>;
      if (!doc) throw ApplicationFailure.nonRetryable(`no document ${documentId}`, 'NOT_FOUND');
      const earlier = await stampOutcome(deps.ds, documentId);
      if (earlier) return earlier;
      if (!doc.file_sha256 || doc.receipt_number === null || !doc.received_at) {
        return { stamped: false, reason: doc.file_sha256 ? 'NOT_REGISTERED' : 'NO_FILE' };
      }
      const originalSha256 = String(doc.file_sha256);
      const number = Number(doc.receipt_number);
      const original = await files.get(originalSha256);
      // A file we cannot update keeps its bytes; the receipt is still in the register and on the document page.
      const problem = await stampProblemOf(original);
      const receivedAt = parseDbTime(doc.received_at);
      const stamped = problem
        ? undefined
        : await stampReceipt(original, { unitName: String(doc.unit_name), number, receivedAt }, renderer);
      return inTransaction(deps.ds, async (em) => {
        const [row] = (await em.query(`SELECT file_sha256 FROM documents WHERE id = ?${forUpdate(em)}`, [
          documentId,
        ])) as Array<{ file_sha256: string | null }>;
        const settled = await stampOutcome(em, documentId);
        if (settled) return settled;
        // Not expected for a received document; a retry stamps whatever file it has then.
        if (row?.file_sha256 !== originalSha256) throw new Error('the document’s file changed while it was stamped');
        const audit = (action: string, details: Record<string, unknown>) =>
          appendAudit(em, { at: new Date(), actorUserId: null, action, documentId, details });
        if (!stamped) {
          await audit('document.receipt_not_stamped', { number, reason: problem, sha256: originalSha256 });
          return { stamped: false, reason: problem! };
        }
        // ลับ and ลับมาก files are encrypted at rest, as their original is (db/file-store.ts).
        const sha256 = await files.put(stamped, 'application/pdf', { encrypt: doc.secrecy !== 'none', em });
        await em.query('UPDATE documents SET file_sha256 = ? WHERE id = ?', [sha256, documentId]);
        await audit('document.receipt_stamped', { number, sha256, previousSha256: originalSha256 });
        return { stamped: true, sha256, originalSha256 };
      });
    },

    /**
     * The final letter: rendered with its number and signature block, then signed (PAdES B-B, B-T with a TSA) with
     * the signer's key, stored and made the document's file. The signer is `signerUsername` or whoever signed the
     * document in its life (`documents.signed_by`). Once per document: a retry finds the signed file.
     */
    async signLetter(input: { documentId: string; signerUsername?: string }): Promise<SignedLetter> {
      const keys = need(deps.keys, 'signing keys');
      const files = need(deps.files, 'the file store');
      const renderer = need(deps.renderer, 'the PDF renderer');
      const done = (await deps.ds.query(
        "SELECT details FROM audit_log WHERE document_id = ? AND action = 'document.pdf_signed' ORDER BY id DESC",
        [input.documentId],
      )) as Array<{ details: string }>;
      if (done.length > 0) {
        const d = JSON.parse(done[0].details) as SignedLetter;
        return { sha256: d.sha256, signer: d.signer, signedAt: d.signedAt, level: d.level };
      }
      // SELECT d.*: signed_by belongs to the outgoing life's columns, read when the schema has them.
      const [doc] = (await deps.ds.query(
        'SELECT d.*, n.name AS unit_name FROM documents d LEFT JOIN units n ON n.id = d.unit_id WHERE d.id = ?',
        [input.documentId],
      )) as Array<Record<string, unknown>>;
      if (!doc) throw ApplicationFailure.nonRetryable(`no document ${input.documentId}`, 'NOT_FOUND');
      if (doc.direction === 'incoming') {
        throw ApplicationFailure.nonRetryable('a received document is not signed here', 'NOT_OUTGOING');
      }
      const signedBy = doc.signed_by
        ? ((await deps.ds.query('SELECT username FROM users WHERE id = ?', [doc.signed_by])) as Array<{
            username: string;
          }>)
        : [];
      const username = input.signerUsername ?? signedBy[0]?.username;
      if (!username) throw ApplicationFailure.nonRetryable('the document has no signer yet', 'NO_SIGNER');
      const [user] = (await deps.ds.query('SELECT display_name FROM users WHERE username = ?', [username])) as Array<{
        display_name: string;
      }>;
      let key;
      try {
        key = keys.keyOf(username);
      } catch (error) {
        if (error instanceof SigningKeyError) throw ApplicationFailure.nonRetryable(error.message, 'NO_SIGNING_KEY');
        throw error;
      }
      const letter = await letterInputFromDocument(deps.ds, input.documentId);
      if (!letter) throw ApplicationFailure.nonRetryable(`no document ${input.documentId}`, 'NOT_FOUND');
      const signedAt = letter.signedAt ? new Date(letter.signedAt) : new Date();
      const { pdf } = await renderer.htmlToPdf(
        renderLetterHtml({ ...letter, signedAt: signedAt.toISOString() }, { emblemPath: deps.emblemPath }),
      );
      let signed = await signPdf(pdf, {
        key,
        name: user?.display_name ?? username,
        reason: letter.number ? `ลงนามหนังสือราชการ ที่ ${letter.number}` : 'ลงนามหนังสือราชการ',
        location: String(doc.unit_name ?? ''),
        signedAt,
        tsaUrl: deps.tsaUrl,
      });
      let level: SignedLetter['level'] = deps.tsaUrl ? 'PAdES-B-T' : 'PAdES-B-B';
      // B-LT builds on a time-stamped signature: the chain and the CRLs of that time, kept in the file.
      const extra = deps.tsaUrl ? deps.validationData?.() : undefined;
      if (extra && extra.crls.length > 0) {
        const certificates = [key.certificate, ...key.chain, ...extra.certificates];
        signed = await addValidationData(signed, { certificates, crls: extra.crls });
        level = 'PAdES-B-LT';
      }
      // A ลับ/ลับมาก letter is encrypted at rest, as every file of a secret document is (db/file-store.ts).
      const sha256 = await files.put(signed, 'application/pdf', { encrypt: isSecret(doc.secrecy) });
      const result: SignedLetter = {
        sha256,
        signer: username,
        signedAt: signedAt.toISOString(),
        level,
      };
      await recordFile(deps.ds, input.documentId, sha256, 'document.pdf_signed', { ...result }, letter);
      return result;
    },
  };
}

/** Result of signLetter. */
export interface SignedLetter {
  sha256: string;
  signer: string;
  signedAt: string;
  level: 'PAdES-B-B' | 'PAdES-B-T' | 'PAdES-B-LT';
}

/** Why a received PDF could not take the stamp (templates/pdf/incremental.ts). */
type StampProblem = PdfUpdateError['code'];

/** Result of stampReceipt: the stamped revision and the original it extends, or why there is no stamp. */
export type StampedReceipt =
  | { stamped: true; sha256: string; originalSha256: string }
  | { stamped: false; reason: 'NO_FILE' | 'NOT_REGISTERED' | StampProblem };

/**
 * Why a received file cannot take the stamp, found before Chromium draws it, so only a passing failure (Chromium, the
 * disk) is retried: encrypted, not a PDF, or a PDF that pdf-lib cannot read or that has no page.
 */
async function stampProblemOf(original: Buffer): Promise<StampProblem | undefined> {
  try {
    const { doc } = await openForUpdate(original);
    return doc.getPageCount() > 0 ? undefined : 'NOT_PDF';
  } catch (error) {
    return error instanceof PdfUpdateError ? error.code : 'NOT_PDF';
  }
}

/** The recorded outcome of a document's receipt stamp (stamped, or not with the reason), if there is one. */
async function stampOutcome(db: Pick<DataSource, 'query'>, documentId: string): Promise<StampedReceipt | undefined> {
  const [entry] = (await db.query(
    `SELECT action, details FROM audit_log WHERE document_id = ?
     AND action IN ('document.receipt_stamped', 'document.receipt_not_stamped') ORDER BY id LIMIT 1`,
    [documentId],
  )) as Array<{ action: string; details: string | Record<string, unknown> }>;
  if (!entry) return undefined;
  const details = (typeof entry.details === 'string' ? JSON.parse(entry.details) : entry.details) as {
    sha256: string;
    previousSha256: string;
    reason: StampProblem;
  };
  return entry.action === 'document.receipt_stamped'
    ? { stamped: true, sha256: details.sha256, originalSha256: details.previousSha256 }
    : { stamped: false, reason: details.reason };
}

/** ลับ and ลับมาก: their files are kept encrypted (ลับที่สุด content is never stored at all). */
function isSecret(secrecy: unknown): boolean {
  return secrecy === 'confidential' || secrecy === 'secret' || secrecy === 'top_secret';
}

async function isSecretDocument(ds: DataSource, documentId: string): Promise<boolean> {
  const [doc] = (await ds.query('SELECT secrecy FROM documents WHERE id = ?', [documentId])) as Array<{
    secrecy: string;
  }>;
  return isSecret(doc?.secrecy);
}

async function isIncoming(ds: DataSource, documentId: string): Promise<boolean> {
  const [doc] = (await ds.query('SELECT direction FROM documents WHERE id = ?', [documentId])) as Array<{
    direction: string;
  }>;
  return doc?.direction === 'incoming';
}

/**
 * Makes a stored PDF the document's current file and audits the change with the previous file's hash, so each
 * revision (rendered, stamped, signed) stays findable.
 */
export async function recordFile(
  ds: DataSource,
  documentId: string,
  sha256: string,
  action: string,
  details: Record<string, unknown>,
  letter?: LetterInput,
): Promise<void> {
  await inTransaction(ds, async (em) => {
    const [doc] = (await em.query('SELECT file_sha256, file_name FROM documents WHERE id = ?', [documentId])) as Array<
      Record<string, unknown>
    >;
    if (!doc || doc.file_sha256 === sha256) return;
    const name = (doc.file_name as string | null) ?? `${(letter?.number ?? documentId).replace(/[\\/\s]+/g, '-')}.pdf`;
    await em.query('UPDATE documents SET file_sha256 = ?, file_name = ? WHERE id = ?', [sha256, name, documentId]);
    await appendAudit(em, {
      at: new Date(),
      actorUserId: null,
      action,
      documentId,
      details: { ...details, sha256, previousSha256: doc.file_sha256 ?? null },
    });
  });
}

/** The letter activities as workflows see them. */
export type LetterActivities = ReturnType<typeof createLetterActivities>;
