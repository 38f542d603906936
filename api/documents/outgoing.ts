import { randomUUID } from 'node:crypto';
import type Router from '@koa/router';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { Context } from 'koa';
import { bangkokDateOf, chainOfCommand, type OrgSnapshot, type OutgoingDocumentInput } from '../../domain';
import { uuidFromText } from '../../db/ids';
import { parseDbTime } from '../../db/time';
import {
  cancelUpdate,
  createdUpdate,
  outgoingWorkflowId,
  reviseUpdate,
  submitUpdate,
  withdrawUpdate,
  type DraftContent,
  type OutgoingInput,
  type Recipient,
} from '../../workflows/outgoing/contract';
import type { Actor } from '../../workflows/shared/tasks';
import type { AuthUser } from '../auth/current-user';
import { resolveUnitTargets } from '../circulars/targets';
import type { ApiDeps } from '../deps';
import { HttpError, notFound } from '../errors';
import { bodyOf } from '../middleware/validate';
import { isActive, positionInactive, requireActiveRecipients } from '../support/org-active';
import { httpErrorFromTemporal } from '../support/temporal-errors';
import { cancelInput, outgoingDraftInput, submitInput, versionParam, withdrawInput } from './outgoing-schema';
import { documentIdParam } from './schema';
import { alreadyCancelled, cancelPaperDocument, isPaperRegistered } from './paper-cancel';
import { loadVisibleDocument } from './view';
import { lifeTiming } from '../../db/life-timing';

type Row = Record<string, unknown>;

/**
 * The outgoing life over HTTP: create a draft, revise it, submit it up the chain, withdraw or cancel it, and read its
 * versions. Review, signing and sending are task actions (`POST /api/tasks/:taskId/actions`).
 */
export function addOutgoingRoutes(router: Router, deps: ApiDeps): void {
  router.post('/', (ctx) => createOutgoing(ctx, deps));
  router.put('/:id', (ctx) => reviseOutgoing(ctx, deps));
  router.post('/:id/submit', (ctx) => submitOutgoing(ctx, deps));
  router.post('/:id/withdraw', (ctx) => endOutgoing(ctx, deps, 'withdraw'));
  router.post('/:id/cancel', (ctx) => cancelOutgoing(ctx, deps));
  router.get('/:id/versions', async function listVersions(ctx) {
    const doc = await outgoingDocument(ctx, deps);
    const rows = (await deps.ds.query(
      `SELECT v.version, v.subject, v.created_at, v.created_by, u.display_name FROM document_versions v
       LEFT JOIN users u ON u.id = v.created_by WHERE v.document_id = ? ORDER BY v.version`,
      [doc.id],
    )) as Row[];
    ctx.body = { items: rows.map((r) => presentVersion(r)) };
  });
  router.get('/:id/versions/:version', async function getVersion(ctx) {
    const params = versionParam.safeParse(ctx.params);
    if (!params.success) throw notFound();
    const doc = await outgoingDocument(ctx, deps);
    const [row] = (await deps.ds.query(
      `SELECT v.*, u.display_name FROM document_versions v LEFT JOIN users u ON u.id = v.created_by
       WHERE v.document_id = ? AND v.version = ?`,
      [doc.id, params.data.version],
    )) as Row[];
    if (!row) throw notFound('No such version');
    ctx.body = {
      ...presentVersion(row),
      kind: row.kind,
      urgency: row.urgency,
      secrecy: row.secrecy,
      category: row.category,
      ...(row.within_at ? { within: row.within_at } : {}),
      to: parseJson(row.recipients),
      body: parseJson(row.body) ?? undefined,
      attachments: parseJson(row.attachments) ?? [],
    };
  });
}

/** POST /api/documents: any signed-in official drafts a document for their registry unit. */
async function createOutgoing(ctx: Context, deps: ApiDeps): Promise<void> {
  const user = ctx.state.user as AuthUser;
  const input = bodyOf(ctx, outgoingDraftInput) as OutgoingDocumentInput;
  const draft = await draftOf(deps, input, user);
  const key = ctx.state.idempotencyKey as string | undefined;
  // The id comes from the Idempotency-Key when there is one: a retried POST finds the same workflow.
  const documentId = key ? uuidFromText(`outgoing\n${user.id}\n${key}`) : randomUUID();
  const [unitRow] = (await deps.ds.query('SELECT early_phase FROM units WHERE id = ?', [
    user.registryUnit.id,
  ])) as Row[];
  const workflowInput: OutgoingInput = {
    documentId,
    unitId: user.registryUnit.id,
    ...(unitRow?.early_phase ? { unitEarlyPhase: Number(unitRow.early_phase) } : {}),
    author: actorOf(user),
    authorPositionId: user.position.id,
    draft,
    timing: await lifeTiming(deps),
    requestId: ctx.state.requestId as string,
  };
  const created = await deps.temporal.workflow
    .executeUpdateWithStart(createdUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation('outgoingDocument', {
        workflowId: outgoingWorkflowId(documentId),
        taskQueue: deps.env.TEMPORAL_TASK_QUEUE,
        args: [workflowInput],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    })
    .catch((error: unknown) => {
      throw httpErrorFromTemporal(error);
    });
  ctx.status = 201;
  ctx.body = created;
}

/** PUT /api/documents/:id: the author saves a new version while the document is a draft or returned. */
async function reviseOutgoing(ctx: Context, deps: ApiDeps): Promise<void> {
  const user = ctx.state.user as AuthUser;
  const doc = await outgoingDocument(ctx, deps);
  const input = bodyOf(ctx, outgoingDraftInput) as OutgoingDocumentInput;
  if (input.secrecy === 'top_secret') {
    throw new HttpError(422, 'PAPER_ONLY', 'A top-secret document is made on paper (หนังสือลับที่สุดดำเนินการด้วยกระดาษ)');
  }
  const draft = await draftOf(deps, input, user);
  const result = await handleOf(deps, doc)
    .executeUpdate(reviseUpdate, {
      args: [{ actor: actorOf(user), draft, requestId: ctx.state.requestId as string }],
      updateId: updateIdOf(ctx, user),
    })
    .catch((error: unknown) => {
      throw httpErrorFromTemporal(error);
    });
  ctx.body = { id: doc.id, ...result };
}

/**
 * POST /api/documents/:id/submit: up the chain of command to the head of the unit, or to `toPositionId`; 422
 * UNIT_INACTIVE while the draft names a unit switched off since it was saved.
 */
async function submitOutgoing(ctx: Context, deps: ApiDeps): Promise<void> {
  const user = ctx.state.user as AuthUser;
  const doc = await outgoingDocument(ctx, deps);
  const input = bodyOf(ctx, submitInput);
  const org = await deps.org.get();
  const [version] = (await deps.ds.query(
    'SELECT recipients FROM document_versions WHERE document_id = ? AND version = ?',
    [doc.id, Number(doc.current_version ?? 1)],
  )) as Row[];
  requireActiveRecipients((parseJson(version?.recipients) ?? []) as Array<{ unitId?: unknown }>, org);
  if (input.toPositionId) checkOnChain(org, String(doc.author_position_id), input.toPositionId);
  const result = await handleOf(deps, doc)
    .executeUpdate(submitUpdate, {
      args: [
        {
          actor: actorOf(user),
          ...(input.toPositionId ? { toPositionId: input.toPositionId } : {}),
          requestId: ctx.state.requestId as string,
        },
      ],
      updateId: updateIdOf(ctx, user),
    })
    .catch((error: unknown) => {
      throw httpErrorFromTemporal(error);
    });
  ctx.body = { documentId: doc.id, stage: result.stage, nextTasks: result.nextTasks };
}

/**
 * POST /api/documents/:id/cancel: a numbered electronic document before it is sent, through its life; a document
 * made on paper and registered at once, whose life has ended, in the database (./paper-cancel.ts). Either way the
 * number stays in its register marked ยกเลิก, and a second cancel is 409 ALREADY_CANCELLED.
 */
async function cancelOutgoing(ctx: Context, deps: ApiDeps): Promise<void> {
  const doc = await outgoingDocument(ctx, deps);
  const { reason } = bodyOf(ctx, cancelInput);
  if (doc.stage === 'cancelled') throw alreadyCancelled();
  if (isPaperRegistered(doc)) {
    ctx.body = await cancelPaperDocument(ctx, deps, doc, reason);
    return;
  }
  if (doc.stage === 'paper') {
    throw new HttpError(
      409,
      'NOT_REGISTERED',
      'Made on paper without a number from the system: cancel it in the paper register (หนังสือนี้ไม่ได้ออกเลขในระบบ)',
    );
  }
  await endOutgoing(ctx, deps, 'cancel');
}

/** POST /api/documents/:id/withdraw (author, before signing) and /cancel (after numbering, before sending). */
async function endOutgoing(ctx: Context, deps: ApiDeps, what: 'withdraw' | 'cancel'): Promise<void> {
  const user = ctx.state.user as AuthUser;
  const doc = await outgoingDocument(ctx, deps);
  const handle = handleOf(deps, doc);
  const updateId = updateIdOf(ctx, user);
  const requestId = ctx.state.requestId as string;
  const call =
    what === 'withdraw'
      ? handle.executeUpdate(withdrawUpdate, {
          args: [{ actor: actorOf(user), ...bodyOf(ctx, withdrawInput), requestId }],
          updateId,
        })
      : handle.executeUpdate(cancelUpdate, {
          args: [{ actor: actorOf(user), ...bodyOf(ctx, cancelInput), requestId }],
          updateId,
        });
  const result = await call.catch((error: unknown) => {
    throw httpErrorFromTemporal(error);
  });
  ctx.body = { id: doc.id, stage: result.stage };
}

/** The outgoing document of the path, visible to the caller, else 404. */
async function outgoingDocument(ctx: Context, deps: ApiDeps): Promise<Row> {
  const parsed = documentIdParam.safeParse(ctx.params);
  if (!parsed.success) throw notFound();
  const doc = await loadVisibleDocument(deps.ds, parsed.data.id, ctx.state.user as AuthUser);
  if (doc.direction !== 'outgoing') throw notFound('No such outgoing document');
  return doc;
}

/** The draft as the workflow keeps it: recipients resolved, attachments stored, no content for ลับที่สุด. */
async function draftOf(deps: ApiDeps, input: OutgoingDocumentInput, user: AuthUser): Promise<DraftContent> {
  const org = await deps.org.get();
  const units = resolveUnitTargets(
    input.to.flatMap((t, i) => (typeof t === 'string' ? [{ id: t, path: `to.${i}` }] : [])),
    org,
    user.registryUnit.id,
  );
  const recipients: Recipient[] = [
    ...units.map((u): Recipient => ({ type: 'unit', unitId: u.id, name: u.name })),
    ...input.to.flatMap((t): Recipient[] =>
      typeof t === 'string' ? [] : [{ type: 'external', name: t.name, email: t.email }],
    ),
  ];
  const keep = input.secrecy !== 'top_secret';
  const attachments = keep ? await storeAttachments(deps, input.attachments ?? [], input.secrecy !== 'none') : [];
  return {
    kind: input.kind,
    subject: input.subject,
    urgency: input.urgency,
    secrecy: input.secrecy,
    category: input.category,
    ...(input.within ? { within: input.within } : {}),
    recipients,
    ...(keep ? { body: input.body as Record<string, unknown> } : {}),
    ...(attachments.length ? { attachments } : {}),
  };
}

/** Stores the attachments by SHA-256, encrypted at rest for a ลับ/ลับมาก document (db/file-store.ts). */
async function storeAttachments(
  deps: ApiDeps,
  files: Array<{ name: string; contentBase64: string }>,
  encrypt: boolean,
) {
  const stored: Array<{ name: string; sha256: string }> = [];
  for (const file of files) {
    const bytes = Buffer.from(file.contentBase64, 'base64');
    if (bytes.length > deps.env.UPLOAD_LIMIT_BYTES) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', 'File too large');
    const pdf = bytes.subarray(0, 5).toString('latin1') === '%PDF-';
    stored.push({
      name: file.name,
      sha256: await deps.files.put(bytes, pdf ? 'application/pdf' : 'application/octet-stream', { encrypt }),
    });
  }
  return stored;
}

/** 422 NOT_ON_CHAIN unless the position is above the author on the chain of command today; POSITION_INACTIVE if off. */
function checkOnChain(org: OrgSnapshot, authorPositionId: string, toPositionId: string): void {
  if (toPositionId === authorPositionId) return;
  const named = org.positions.find((p) => p.id === toPositionId);
  if (named && !isActive(named)) throw positionInactive(named, 'toPositionId');
  const known = named !== undefined;
  const chain = known ? chainOfCommand({ fromPositionId: authorPositionId, date: bangkokDateOf(new Date()) }, org) : [];
  if (!chain.some((step) => step.position.id === toPositionId)) {
    throw new HttpError(422, 'NOT_ON_CHAIN', 'The position is not on the chain of command (ไม่อยู่ในสายการบังคับบัญชา)', [
      { path: 'toPositionId', message: 'not above the author on the chain of command' },
    ]);
  }
}

function actorOf(user: AuthUser): Actor {
  return { userId: user.id, displayName: user.displayName, roles: user.roles, unitId: user.registryUnit.id };
}

function handleOf(deps: ApiDeps, doc: Row) {
  return deps.temporal.workflow.getHandle(String(doc.workflow_id));
}

function updateIdOf(ctx: Context, user: AuthUser): string {
  const key = ctx.state.idempotencyKey as string | undefined;
  return key ? `${user.id}:${ctx.path}:${key}` : randomUUID();
}

function presentVersion(r: Row) {
  const at = parseDbTime(r.created_at);
  return {
    version: Number(r.version),
    subject: r.subject,
    createdAt: at.toISOString(),
    createdBy: { id: r.created_by, displayName: r.display_name ?? null },
  };
}

function parseJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
}
