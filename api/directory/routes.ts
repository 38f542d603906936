import Router from '@koa/router';
import { searchOutsideBodies } from '../../db/outside-bodies';
import type { ApiDeps } from '../deps';
import { queryOf } from '../middleware/validate';
import { directoryQuery } from './schema';

/**
 * GET /api/directory: the directory of outside bodies (หน่วยงานภายนอก) as a drafter picks recipients from it: active
 * entries only, searched by the beginning of the name, of any Thai or Latin word in it, or of the e-mail. Any
 * signed-in user; the administrator keeps the directory under /api/admin/outside-bodies.
 */
export function createDirectoryRouter(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/api/directory' });

  router.get('/', async function searchDirectory(ctx) {
    const { q = '', limit } = queryOf(ctx, directoryQuery);
    const found = await searchOutsideBodies(deps.ds, q, limit);
    ctx.body = { items: found.map(({ id, name, email, kind, note }) => ({ id, name, email, kind, note })) };
  });

  return router;
}
