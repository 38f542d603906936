import Router from '@koa/router';
import { z } from 'zod';
import { formatThaiDateTime } from '../../domain';
import { appendAudit } from '../../db/audit';
import { addOutsideBodyOnce, OUTSIDE_BODY_KINDS } from '../../db/outside-bodies';
import { parseDbTime } from '../../db/time';
import { inTransaction } from '../../db/transaction';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { HttpError, notFound } from '../errors';
import { bodyOf } from '../middleware/validate';
import { httpErrorFromTemporal } from '../support/temporal-errors';
import { registerMailLetter, type MailLetter } from './register';

type Held = MailLetter & { rawSha256: string; receivedAt: string };

const heldParam = z.object({ heldId: z.coerce.number().int().positive() });
const heldFileParam = heldParam.extend({ index: z.coerce.number().int().min(0) });
const noSuchMessage = () => notFound('No such message waiting for review (ไม่พบหนังสือที่รอตรวจสอบ)');
/**
 * POST /api/mail/review/:heldId/accept: optionally the sender's name to register, and whether to add the sender (that
 * name and the From address) to the directory of outside bodies so their next letter is registered at once.
 */
export const acceptMailInput = z
  .object({
    senderName: z.string().trim().min(1).max(255).optional(),
    addSenderToDirectory: z.boolean().optional(),
    senderKind: z.enum(OUTSIDE_BODY_KINDS).optional(),
  })
  .strict()
  .refine((v) => !v.addSenderToDirectory || v.senderName, {
    path: ['senderName'],
    message: 'the name to keep in the directory',
  });
/** POST /api/mail/review/:heldId/reject: why (optional). */
export const rejectMailInput = z.object({ reason: z.string().max(500).optional() }).strict();

/** The held messages of a unit that no clerk has decided on yet, oldest first. */
async function pending(deps: ApiDeps, unitId: string): Promise<Array<{ id: number; at: Date; held: Held }>> {
  const rows = (await deps.ds.query(
    "SELECT id, at, action, details FROM audit_log WHERE action IN ('mail.held', 'mail.accepted', 'mail.rejected') AND details LIKE ? ORDER BY id",
    [`%${unitId}%`],
  )) as Array<{ id: number; at: unknown; action: string; details: string }>;
  const decided = new Set(
    rows
      .filter((r) => r.action !== 'mail.held')
      .map((r) => Number((JSON.parse(r.details) as { heldId: number }).heldId)),
  );
  return rows
    .filter((r) => r.action === 'mail.held' && !decided.has(Number(r.id)))
    .map((r) => ({ id: Number(r.id), at: parseDbTime(r.at), held: JSON.parse(r.details) as Held }))
    .filter((r) => r.held.unitId === unitId);
}

/** Mail from senders outside the directory, waiting for the unit's clerk: list, register or reject. */
export function createMailRouter(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/api/mail' });

  /**
   * GET /api/mail/review: what arrived at the caller's unit's central address from unknown senders, with the sender's
   * name as the intake recorded it (the From address: its display name proves nothing) to prefill the registration.
   */
  router.get('/review', async function listHeldMail(ctx) {
    const user = ctx.state.user as AuthUser;
    const items = await pending(deps, user.registryUnit.id);
    ctx.body = {
      items: items.map(({ id, held }) => ({
        id,
        from: held.from,
        senderName: held.senderName,
        subject: held.subject,
        receivedAt: held.receivedAt,
        receivedAtText: formatThaiDateTime(new Date(held.receivedAt)),
        attachments: held.pdfs.map((p) => p.name),
      })),
    };
  });

  async function heldFor(user: AuthUser, heldId: number) {
    const found = (await pending(deps, user.registryUnit.id)).find((p) => p.id === heldId);
    if (!found) throw noSuchMessage();
    return found;
  }

  /**
   * GET /api/mail/review/:heldId/files/:index: the index-th PDF (from 0, as in `attachments`) of a held message, shown
   * in the page so the clerk reads the letter before deciding; 404 for another unit's message, a decided one or no
   * such attachment.
   */
  router.get('/review/:heldId/files/:index', async function showHeldMailFile(ctx) {
    const params = heldFileParam.safeParse(ctx.params);
    if (!params.success) throw noSuchMessage();
    const { held } = await heldFor(ctx.state.user as AuthUser, params.data.heldId);
    const pdf = held.pdfs[params.data.index];
    if (!pdf) throw notFound('No such attachment (ไม่พบไฟล์แนบ)');
    const bytes = await deps.files.get(pdf.sha256);
    ctx.type = 'application/pdf';
    ctx.set('Content-Disposition', `inline; filename="mail.pdf"; filename*=UTF-8''${encodeURIComponent(pdf.name)}`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = bytes;
  });

  const actorOf = (user: AuthUser) => ({
    userId: user.id,
    displayName: user.displayName,
    roles: user.roles,
    unitId: user.registryUnit.id,
  });

  /**
   * POST /api/mail/review/:heldId/accept: registers the message as an incoming document, the clerk as registrar; with
   * `addSenderToDirectory` the sender joins the directory of outside bodies too (`directoryEntry` in the answer, null
   * when the address was there already), audited as directory.body_created by the clerk. 422 SENDER_NOT_ADDABLE when
   * the From address is not a usable e-mail address, before anything is registered.
   */
  router.post('/review/:heldId/accept', async function acceptHeldMail(ctx) {
    const user = ctx.state.user as AuthUser;
    const params = heldParam.safeParse(ctx.params);
    if (!params.success) throw noSuchMessage();
    const input = bodyOf(ctx, acceptMailInput);
    const { id, held } = await heldFor(user, params.data.heldId);
    if (input.addSenderToDirectory && !z.email().safeParse(held.from).success)
      throw new HttpError(422, 'SENDER_NOT_ADDABLE', 'The sender has no usable e-mail address (ไม่มีอีเมลผู้ส่ง)', [
        { path: 'addSenderToDirectory', message: `From: "${held.from}"` },
      ]);
    const senderName = input.senderName ?? held.senderName;
    const registration = await registerMailLetter(
      deps,
      { ...held, senderName, receivedAt: new Date(held.receivedAt) },
      actorOf(user),
    ).catch((error: unknown) => {
      throw httpErrorFromTemporal(error);
    });
    const added = await inTransaction(deps.ds, async (em) => {
      await appendAudit(em, {
        at: new Date(),
        actorUserId: user.id,
        action: 'mail.accepted',
        documentId: registration.id,
        details: { heldId: id, unitId: held.unitId, documentId: registration.id },
      });
      if (!input.addSenderToDirectory) return undefined;
      // An address added meanwhile (by an administrator or another clerk) stays as it is.
      const body = { name: senderName, email: held.from, kind: input.senderKind ?? 'agency', note: null };
      return (await addOutsideBodyOnce(em, body, user.id, { source: 'mail.review', heldId: id })) ?? null;
    });
    ctx.status = 201;
    ctx.body = {
      id: registration.id,
      workflowId: registration.workflowId,
      receipt: registration.receipt,
      ...(added === undefined
        ? {}
        : { directoryEntry: added && { id: added.id, name: added.name, email: added.email } }),
    };
  });

  /** POST /api/mail/review/:heldId/reject: not an official letter; kept in the audit trail, never numbered. */
  router.post('/review/:heldId/reject', async function rejectHeldMail(ctx) {
    const user = ctx.state.user as AuthUser;
    const params = heldParam.safeParse(ctx.params);
    if (!params.success) throw noSuchMessage();
    const input = bodyOf(ctx, rejectMailInput);
    const { id, held } = await heldFor(user, params.data.heldId);
    if (!held) throw new HttpError(409, 'ALREADY_DECIDED', 'Already decided');
    await inTransaction(deps.ds, (em) =>
      appendAudit(em, {
        at: new Date(),
        actorUserId: user.id,
        action: 'mail.rejected',
        details: { heldId: id, unitId: held.unitId, ...(input.reason ? { reason: input.reason } : {}) },
      }),
    );
    ctx.status = 204;
  });

  return router;
}
