import { readFileSync } from 'node:fs';
import type { X509Certificate } from 'node:crypto';
import type Router from '@koa/router';
import { formatThaiDateTime } from '../../domain';
import { letterInputFromDocument } from '../../templates/letter-source';
import { createIdleRenderer } from '../../templates/pdf-renderer';
import { renderLetterHtml } from '../../templates/render-html';
import { trustAnchorsFromPem, verifyPdf } from '../../templates/pdf/verify';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { HttpError, notFound } from '../errors';
import { documentIdParam } from './schema';
import { loadVisibleDocument } from './view';

/** A file name safe in a Content-Disposition header, with the Thai original in filename*. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const anchorCache = new Map<string, X509Certificate[]>();

/** The trust anchors of SIGNING_TRUST_ANCHORS, read once; none when the file is missing (nothing is trusted). */
function trustAnchors(path: string): X509Certificate[] {
  let anchors = anchorCache.get(path);
  if (!anchors) {
    try {
      anchors = trustAnchorsFromPem(readFileSync(path, 'utf8'));
    } catch {
      anchors = [];
    }
    anchorCache.set(path, anchors);
  }
  return anchors;
}

const thaiTime = (iso?: string) => (iso ? formatThaiDateTime(new Date(iso)) : undefined);

/**
 * GET /api/documents/:id/pdf: the document's current PDF: the received file with its receipt stamp, or the rendered
 * letter (signed once signed). An outgoing draft with no PDF yet is rendered as it stands (`X-Saraban-Pdf: draft`).
 * Same visibility as GET /api/documents/:id: 404 for a document the caller may not see.
 */
export function registerPdfRoutes(router: Router, deps: ApiDeps): void {
  const renderer = createIdleRenderer({ chromiumPath: deps.env.CHROMIUM_PATH, pages: 1, log: deps.log });

  router.get('/:id/pdf', async function getDocumentPdf(ctx) {
    const user = ctx.state.user as AuthUser;
    const parsed = documentIdParam.safeParse(ctx.params);
    if (!parsed.success) throw notFound();
    const doc = await loadVisibleDocument(deps.ds, parsed.data.id, user);
    const sha256 = doc.file_sha256 as string | null;
    if (!sha256 && doc.direction !== 'incoming' && doc.secrecy !== 'top_secret') {
      const letter = await letterInputFromDocument(deps.ds, parsed.data.id);
      if (letter) {
        const { pdf } = await renderer.htmlToPdf(renderLetterHtml(letter, { emblemPath: deps.env.GARUDA_SVG_PATH }));
        ctx.type = 'application/pdf';
        ctx.set('Cache-Control', 'no-store');
        ctx.set('X-Saraban-Pdf', 'draft');
        ctx.set('Content-Disposition', disposition(`${parsed.data.id}-draft.pdf`));
        ctx.body = pdf;
        return;
      }
    }
    if (!sha256) throw new HttpError(404, 'NO_PDF', 'This document has no PDF (ไม่มีไฟล์ PDF)');
    const bytes = await deps.files.get(sha256).catch(() => {
      throw new HttpError(404, 'NO_PDF', 'The PDF file is missing from the store');
    });
    ctx.set('ETag', `"${sha256}"`);
    ctx.set('Cache-Control', 'private, no-cache');
    if (ctx.get('If-None-Match') === `"${sha256}"`) {
      ctx.status = 304;
      return;
    }
    ctx.type = 'application/pdf';
    ctx.set('Content-Disposition', disposition(String(doc.file_name ?? `${parsed.data.id}.pdf`)));
    ctx.body = bytes;
  });

  /**
   * GET /api/documents/:id/verify: the signatures of the document's PDF: signer, signing time (and the time-stamp of
   * a B-T signature), whether the signed bytes are intact, whether the signature covers the whole file, and whether
   * the certificate chains to a trusted authority (SIGNING_TRUST_ANCHORS).
   */
  router.get('/:id/verify', async function verifyDocumentPdf(ctx) {
    const user = ctx.state.user as AuthUser;
    const parsed = documentIdParam.safeParse(ctx.params);
    if (!parsed.success) throw notFound();
    const doc = await loadVisibleDocument(deps.ds, parsed.data.id, user);
    const sha256 = doc.file_sha256 as string | null;
    if (!sha256) throw new HttpError(404, 'NO_PDF', 'This document has no PDF (ไม่มีไฟล์ PDF)');
    const bytes = await deps.files.get(sha256).catch(() => {
      throw new HttpError(404, 'NO_PDF', 'The PDF file is missing from the store');
    });
    const report = verifyPdf(bytes, trustAnchors(deps.env.SIGNING_TRUST_ANCHORS));
    ctx.body = {
      documentId: parsed.data.id,
      sha256,
      valid: report.valid,
      revisions: report.revisions,
      signatures: report.signatures.map((s) => ({
        ...s,
        signedAtText: thaiTime(s.signedAt),
        timestampedAtText: thaiTime(s.timestampedAt),
      })),
    };
  });
}
