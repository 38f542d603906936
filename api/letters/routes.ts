import Router from '@koa/router';
import { renderLetterHtml } from '../../templates/render-html';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { bodyOf } from '../middleware/validate';
import { letterPreviewInput } from './schema';

/** Letters: the live HTML preview of the compose screen. */
export function createLettersRouter(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/api/letters' });

  /**
   * POST /api/letters/preview: kind + fields → the letter as HTML (fonts and emblem embedded), laid out exactly as
   * the PDF will be. The issuing unit is the caller's registry unit; the signature defaults to the caller.
   */
  router.post('/preview', async function previewLetter(ctx) {
    const user = ctx.state.user as AuthUser;
    const input = bodyOf(ctx, letterPreviewInput);
    const [unit] = (await deps.ds.query(
      `SELECT u.name, u.phone, u.central_email, p.name AS parent_name FROM units u
       LEFT JOIN units p ON p.id = u.parent_id WHERE u.id = ?`,
      [user.registryUnit.id],
    )) as Array<Record<string, string | null>>;
    const html = renderLetterHtml(
      {
        ...input,
        agency: {
          name: unit?.name ?? user.registryUnit.name,
          parentName: unit?.parent_name ?? undefined,
          ownerUnit: user.unit.name,
          phone: unit?.phone ?? undefined,
          email: unit?.central_email ?? undefined,
        },
        signature: input.signature ?? { name: user.displayName, title: user.position.title },
      },
      { emblemPath: deps.env.GARUDA_SVG_PATH },
    );
    ctx.type = 'text/html; charset=utf-8';
    // The preview is shown in a sandboxed frame: nothing in it may run or load.
    ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:");
    ctx.body = html;
  });

  return router;
}
