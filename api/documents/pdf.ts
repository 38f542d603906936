import type Router from '@koa/router';
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

/**
 * GET /api/documents/:id/pdf: the document's current PDF: the received file with its receipt stamp, or the rendered
 * letter (signed once signed). Same visibility as GET /api/documents/:id: 404 for a document the caller may not see.
 */
export function registerPdfRoutes(router: Router, deps: ApiDeps): void {
  router.get('/:id/pdf', async function getDocumentPdf(ctx) {
    const user = ctx.state.user as AuthUser;
    const parsed = documentIdParam.safeParse(ctx.params);
    if (!parsed.success) throw notFound();
    const doc = await loadVisibleDocument(deps.ds, parsed.data.id, user);
    const sha256 = doc.file_sha256 as string | null;
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
}
