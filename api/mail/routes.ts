import Router from '@koa/router';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { formatThaiDateTime } from '../../domain';
import { appendAudit } from '../../db/audit';
import { addOutsideBodyOnce } from '../../db/outside-bodies';
import {
  decideHeldMail,
  documentExists,
  heldMailOf,
  heldMailPage,
  lockHeldMail,
  recordAccept,
  registrationUnfinished,
  type HeldMail,
} from '../../db/held-mail';
import { dbTime, parseDbTime } from '../../db/time';
import { inTransaction } from '../../db/transaction';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { badRequest, HttpError, notFound } from '../errors';
import { bodyOf, queryOf } from '../middleware/validate';
import { decodeCursor, encodeCursor } from '../support/cursor';
import { httpErrorFromTemporal } from '../support/temporal-errors';
import { mailDocumentId, registerMailLetter } from '../../mail-intake/register-letter';
import { acceptMailInput, mailReviewQuery, rejectMailInput } from './schema';

const heldParam = z.object({ heldId: z.coerce.number().int().positive() });
const heldFileParam = heldParam.extend({ index: z.coerce.number().int().min(0) });
const noSuchMessage = () => notFound('No such message waiting for review (ไม่พบหนังสือที่รอตรวจสอบ)');
/** 409 for a decided message; `registering` when it was accepted and its registration is still under way. */
const alreadyDecided = (held: HeldMail, registering = false) =>
  new HttpError(
    409,
    'MAIL_ALREADY_DECIDED',
    held.status === 'rejected'
      ? 'Another clerk has already rejected this message (หนังสือนี้ถูกปฏิเสธแล้ว)'
      : registering
        ? 'Another clerk is registering this message (หนังสือนี้กำลังลงรับ)'
        : 'Another clerk has already registered this message (หนังสือนี้ลงรับแล้ว)',
    [{ path: 'status', message: registering ? 'registering' : held.status }],
  );
/** The page position a cursor of this list names, else 400 INVALID_CURSOR. */
function afterCursor(cursor: string | undefined): { receivedAt: string; id: number } | undefined {
  if (cursor === undefined) return undefined;
  const [receivedAt, id] = decodeCursor(cursor);
  if (!/^\d+$/.test(id) || Number.isNaN(parseDbTime(receivedAt).getTime()))
    throw badRequest('INVALID_CURSOR', 'cursor is not one this API gave');
  return { receivedAt, id: Number(id) };
}

/** Mail from senders outside the directory, waiting for the unit's clerk: list, register or reject. */
export function createMailRouter(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/api/mail' });
  /** Accepted before this and still without a document: the registration did not finish (the API stopped). */
  const unfinishedBefore = () => new Date(Date.now() - deps.env.MAIL_REGISTRATION_GRACE_SECONDS * 1000);

  /**
   * GET /api/mail/review: what arrived at the caller's unit's central address from unknown senders and waits, oldest
   * first, with the sender's name as the intake recorded it (the From address: its display name proves nothing) to
   * prefill the registration; `limit` (default 50) a page, `nextCursor` the next one, `total` how many wait. A message
   * accepted more than MAIL_REGISTRATION_GRACE_SECONDS ago whose document does not exist (the API stopped between the
   * decision and the registration) is listed too, with `registrationUnfinished: true`: accepting it again finishes it.
   */
  router.get('/review', async function listHeldMail(ctx) {
    const user = ctx.state.user as AuthUser;
    const query = queryOf(ctx, mailReviewQuery);
    const page = await heldMailPage(deps.ds, user.registryUnit.id, {
      limit: query.limit,
      unfinishedBefore: unfinishedBefore(),
      after: afterCursor(query.cursor),
    });
    const last = page.items.at(-1);
    ctx.body = {
      items: page.items.map((held) => ({
        id: held.id,
        from: held.from,
        senderName: held.senderName,
        subject: held.subject,
        receivedAt: held.receivedAt.toISOString(),
        receivedAtText: formatThaiDateTime(held.receivedAt),
        attachments: held.pdfs.map((p) => p.name),
        // The page lists no other accepted rows than those whose registration did not finish.
        registrationUnfinished: held.status === 'accepted',
      })),
      nextCursor: page.more && last ? encodeCursor(dbTime(last.receivedAt), String(last.id)) : null,
      total: page.total,
    };
  });

  /**
   * The caller's unit's message, still waiting (with `unfinished`, also one accepted whose registration did not finish):
   * 404 for another unit's or no such message, 409 once decided. `db` is the transaction holding the row lock, if any.
   */
  async function waitingFor(
    user: AuthUser,
    heldId: number,
    options: { held?: HeldMail; db?: EntityManager; unfinished?: boolean } = {},
  ): Promise<HeldMail> {
    const db = options.db ?? deps.ds;
    const found = options.held ?? (await heldMailOf(db, user.registryUnit.id, heldId));
    if (!found) throw noSuchMessage();
    if (found.status === 'held') return found;
    if (options.unfinished && (await registrationUnfinished(db, found, unfinishedBefore()))) return found;
    throw alreadyDecided(found, found.status === 'accepted' && !(await documentExists(db, found.documentId ?? '')));
  }

  /**
   * GET /api/mail/review/:heldId/files/:index: the index-th PDF (from 0, as in `attachments`) of a held message, shown
   * in the page so the clerk reads the letter before deciding (also of one whose registration did not finish); 404 for
   * another unit's message, a decided one or no such attachment.
   */
  router.get('/review/:heldId/files/:index', async function showHeldMailFile(ctx) {
    const user = ctx.state.user as AuthUser;
    const params = heldFileParam.safeParse(ctx.params);
    if (!params.success) throw noSuchMessage();
    const held = await heldMailOf(deps.ds, user.registryUnit.id, params.data.heldId);
    const shown =
      held?.status === 'held' || (held && (await registrationUnfinished(deps.ds, held, unfinishedBefore())));
    if (!held || !shown) throw noSuchMessage();
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
   * the From address is not a usable e-mail address, before anything is registered; 409 MAIL_ALREADY_DECIDED when
   * another clerk registered or rejected it first.
   *
   * The decision is taken first, under the row lock with its `mail.accepted` row, so of two clerks at once one wins and
   * the other is told; the registration (a Temporal update, not part of a database transaction) follows. When it fails
   * the decision is taken back, audited as `mail.accept_failed`, and the message waits again.
   *
   * A message whose registration did not finish (listed with `registrationUnfinished`) is accepted again the same way:
   * under the row lock the clerk takes the decision over (new decided_by/decided_at, audited `mail.accept_resumed`, so
   * a second clerk at the same moment is told 409), then the same registration runs; it is idempotent (one document id
   * per message, one life per document, one receipt number per life), so nothing is numbered twice.
   */
  router.post('/review/:heldId/accept', async function acceptHeldMail(ctx) {
    const user = ctx.state.user as AuthUser;
    const params = heldParam.safeParse(ctx.params);
    if (!params.success) throw noSuchMessage();
    const input = bodyOf(ctx, acceptMailInput);
    const unitId = user.registryUnit.id;
    const seen = await waitingFor(user, params.data.heldId, { unfinished: true });
    if (input.addSenderToDirectory && !z.email().safeParse(seen.from).success)
      throw new HttpError(422, 'SENDER_NOT_ADDABLE', 'The sender has no usable e-mail address (ไม่มีอีเมลผู้ส่ง)', [
        { path: 'addSenderToDirectory', message: `From: "${seen.from}"` },
      ]);
    const id = seen.id;
    const documentId = seen.documentId ?? mailDocumentId(seen);
    const at = new Date();
    const held = await inTransaction(deps.ds, async (em) => {
      const locked = await waitingFor(user, id, { held: await lockHeldMail(em, unitId, id), db: em, unfinished: true });
      await recordAccept(em, locked, { by: user.id, at, documentId });
      return locked;
    });
    const senderName = input.senderName ?? held.senderName;
    const registration = await registerMailLetter(deps, { ...held, senderName }, actorOf(user)).catch(
      async (error: unknown) => {
        await undoAccept(deps, { userId: user.id, at }, held, documentId, error);
        throw httpErrorFromTemporal(error);
      },
    );
    const added = !input.addSenderToDirectory
      ? undefined
      : await inTransaction(deps.ds, async (em) => {
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

  /**
   * POST /api/mail/review/:heldId/reject: not an official letter; never numbered, kept with its reason in held_mail
   * and the audit trail. 409 MAIL_ALREADY_DECIDED when another clerk registered or rejected it first.
   */
  router.post('/review/:heldId/reject', async function rejectHeldMail(ctx) {
    const user = ctx.state.user as AuthUser;
    const params = heldParam.safeParse(ctx.params);
    if (!params.success) throw noSuchMessage();
    const input = bodyOf(ctx, rejectMailInput);
    const unitId = user.registryUnit.id;
    const id = params.data.heldId;
    await inTransaction(deps.ds, async (em) => {
      await waitingFor(user, id, { held: await lockHeldMail(em, unitId, id), db: em });
      const at = new Date();
      const reason = input.reason?.trim() || null;
      await decideHeldMail(em, id, { status: 'rejected', by: user.id, at, rejectReason: reason });
      await appendAudit(em, {
        at,
        actorUserId: user.id,
        action: 'mail.rejected',
        details: { heldId: id, unitId, ...(reason ? { reason } : {}) },
      });
    });
    ctx.status = 204;
  });

  return router;
}

/**
 * A registration that failed after the clerk's decision: the message waits again, if the decision is still this one
 * (not taken over meanwhile by a clerk finishing it) and no document was stored after all.
 */
async function undoAccept(
  deps: ApiDeps,
  decision: { userId: string; at: Date },
  held: HeldMail,
  documentId: string,
  error: unknown,
) {
  const { userId } = decision;
  await inTransaction(deps.ds, async (em) => {
    const now = await lockHeldMail(em, held.unitId, held.id);
    if (now?.status !== 'accepted' || now.decidedBy !== userId || now.documentId !== documentId) return;
    if (now.decidedAt?.getTime() !== decision.at.getTime() || (await documentExists(em, documentId))) return;
    await decideHeldMail(em, held.id, { status: 'held', by: null, at: new Date() });
    await appendAudit(em, {
      at: new Date(),
      actorUserId: userId,
      action: 'mail.accept_failed',
      documentId,
      details: { heldId: held.id, unitId: held.unitId, error: (error as Error)?.message?.slice(0, 500) ?? 'unknown' },
    });
  }).catch((undoError: unknown) => deps.log.error({ err: undoError, heldId: held.id }, 'mail accept not undone'));
}
