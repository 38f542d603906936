import Router from '@koa/router';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { documentIdParam } from './schema';
import { loadVisibleDocument } from './view';

/**
 * GET /api/documents/:id/file: the file registered with a document (the PDF the clerk uploaded, without the receipt
 * stamp GET …/pdf shows on it), decrypted for a ลับ/ลับมาก document; the access middleware has checked visibility
 * and audits the download of a secret one.
 */
export function createDocumentFileRouter(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/api/documents' });

  router.get('/:id/file', async function downloadDocumentFile(ctx) {
    const parsed = documentIdParam.safeParse(ctx.params);
    if (!parsed.success) throw notFound();
    const doc = await loadVisibleDocument(deps.ds, parsed.data.id, ctx.state.user as AuthUser);
    if (!doc.file_sha256) throw notFound('This document has no file');
    // A received document's file is shown stamped (GET …/pdf); this is what arrived, before the receipt stamp.
    const [stamp] = (await deps.ds.query(
      "SELECT details FROM audit_log WHERE document_id = ? AND action = 'document.receipt_stamped' ORDER BY id LIMIT 1",
      [parsed.data.id],
    )) as Array<{ details: string | { previousSha256?: string } }>;
    const details = stamp && (typeof stamp.details === 'string' ? JSON.parse(stamp.details) : stamp.details);
    const sha256 = (details as { previousSha256?: string } | undefined)?.previousSha256 ?? String(doc.file_sha256);
    const bytes = await deps.files.get(sha256);
    const name = String(doc.file_name ?? 'document.pdf');
    ctx.type = 'application/pdf';
    ctx.set('Content-Disposition', `attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`);
    ctx.body = bytes;
  });

  return router;
}
