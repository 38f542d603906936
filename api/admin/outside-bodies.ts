import type { Context } from 'koa';
import type { EntityManager } from 'typeorm';
import {
  auditedFields,
  insertOutsideBody,
  listOutsideBodies,
  outsideBodyByEmail,
  outsideBodyById,
  updateOutsideBody,
  type OutsideBody,
} from '../../db/outside-bodies';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { bodyOf } from '../middleware/validate';
import { adminChange, conflict, missing } from './change';
import {
  outsideBodyCreateInput,
  outsideBodyDeactivateInput,
  outsideBodyIdParam,
  outsideBodyPatchInput,
} from './schema';

const emailTaken = () =>
  conflict('EMAIL_TAKEN', 'This e-mail is already in the directory (อีเมลนี้มีในทะเบียนแล้ว)', 'email');

/** GET /api/admin/outside-bodies: every entry of the directory, also the switched-off ones. */
export async function listAllOutsideBodies(ctx: Context, deps: ApiDeps): Promise<void> {
  ctx.body = { items: await listOutsideBodies(deps.ds) };
}

/** POST /api/admin/outside-bodies: 409 EMAIL_TAKEN for an address the directory has (active or not). */
export async function createOutsideBody(ctx: Context, deps: ApiDeps): Promise<void> {
  const input = bodyOf(ctx, outsideBodyCreateInput);
  const admin = ctx.state.user as AuthUser;
  ctx.body = await adminChange(
    ctx,
    deps,
    'directory.body_created',
    async (em) => {
      if (await outsideBodyByEmail(em, input.email)) throw emailTaken();
      const after = await insertOutsideBody(em, input, admin.id);
      return { subject: { outsideBodyId: after.id }, before: null, after: auditedFields(after), result: after };
    },
    emailTaken,
  );
  ctx.status = 201;
}

/** PATCH /api/admin/outside-bodies/:bodyId: name, e-mail, kind, note or active; 409 when the new e-mail is taken. */
export async function changeOutsideBody(ctx: Context, deps: ApiDeps): Promise<void> {
  const bodyId = bodyIdOf(ctx);
  const input = bodyOf(ctx, outsideBodyPatchInput);
  ctx.body = await change(ctx, deps, 'directory.body_changed', bodyId, async (em, before) => {
    const email = input.email?.toLowerCase() ?? before.email;
    if (email !== before.email && (await outsideBodyByEmail(em, email))) throw emailTaken();
    return {
      name: input.name ?? before.name,
      email,
      kind: input.kind ?? before.kind,
      note: input.note === undefined ? before.note : input.note,
      active: input.active ?? before.active,
    };
  });
}

/** POST /api/admin/outside-bodies/:bodyId/deactivate: switched off (no longer offered or trusted), never deleted. */
export async function deactivateOutsideBody(ctx: Context, deps: ApiDeps): Promise<void> {
  const bodyId = bodyIdOf(ctx);
  bodyOf(ctx, outsideBodyDeactivateInput);
  ctx.body = await change(ctx, deps, 'directory.body_deactivated', bodyId, async (_em, before) => ({
    ...before,
    active: false,
  }));
}

function bodyIdOf(ctx: Context): string {
  const parsed = outsideBodyIdParam.safeParse(ctx.params);
  if (!parsed.success) throw missing('outside body', 'bodyId');
  return parsed.data.bodyId;
}

/** One change of an entry: 404 when unknown, the row and its audit row (before → after) in one transaction. */
function change(
  ctx: Context,
  deps: ApiDeps,
  action: string,
  bodyId: string,
  next: (em: EntityManager, before: OutsideBody) => Promise<Parameters<typeof updateOutsideBody>[2]>,
): Promise<OutsideBody> {
  const admin = ctx.state.user as AuthUser;
  return adminChange(
    ctx,
    deps,
    action,
    async (em) => {
      const before = await outsideBodyById(em, bodyId);
      if (!before) throw missing('outside body', 'bodyId');
      const after = await updateOutsideBody(em, bodyId, await next(em, before), admin.id);
      return {
        subject: { outsideBodyId: bodyId },
        before: auditedFields(before),
        after: auditedFields(after),
        result: after,
      };
    },
    emailTaken,
  );
}
