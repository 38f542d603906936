import Router from '@koa/router';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { registerIncoming } from './incoming';
import { addOutgoingRoutes } from './outgoing';
import { registerPdfRoutes } from './pdf';
import { documentIdParam } from './schema';
import { loadVisibleDocument, presentDocument } from './view';

/** Documents: register an incoming one, read one. */
export function createDocumentsRouter(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/api/documents' });

  router.post('/incoming', (ctx) => registerIncoming(ctx, deps));
  addOutgoingRoutes(router, deps);
  registerPdfRoutes(router, deps);

  router.get('/:id', async function getDocument(ctx) {
    const user = ctx.state.user as AuthUser;
    const parsed = documentIdParam.safeParse(ctx.params);
    if (!parsed.success) throw notFound();
    const { id } = parsed.data;
    const doc = await loadVisibleDocument(deps.ds, id, user);
    ctx.body = await presentDocument(deps.ds, doc, user, {
      url: deps.env.TEMPORAL_UI_URL,
      namespace: deps.env.TEMPORAL_NAMESPACE,
    });
  });

  return router;
}
