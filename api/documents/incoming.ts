import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { Context } from 'koa';
import {
  incomingWorkflowId,
  registrationUpdate,
  type IncomingInput,
  type Registration,
} from '../../workflows/incoming/contract';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { badRequest } from '../errors';
import { requireRole } from '../middleware/authenticate';
import { bodyOf } from '../middleware/validate';
import { uuidFromText } from '../../db/ids';
import { httpErrorFromTemporal } from '../support/temporal-errors';
import { storePdf } from '../support/uploads';
import { registerIncomingInput } from './schema';
import { lifeTiming } from '../../db/life-timing';

/** Clock skew allowed between a client's receivedAt and the server's clock. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** POST /api/documents/incoming: starts the document's life and answers with its receipt once it is numbered. */
export async function registerIncoming(ctx: Context, deps: ApiDeps): Promise<void> {
  const user = ctx.state.user as AuthUser;
  requireRole(user, 'clerk', 'paper-registrar');
  const input = bodyOf(ctx, registerIncomingInput);
  const now = new Date();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  if (receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw badRequest('INVALID_INPUT', 'receivedAt is in the future', [
      { path: 'receivedAt', message: 'in the future' },
    ]);
  }
  // ลับที่สุด is never stored, not even in the workflow's history: only its register entry (subject, sender).
  const topSecret = input.secrecy === 'top_secret';
  const file = input.file && !topSecret ? await storePdf(deps, input.file, input.secrecy !== 'none') : undefined;
  const key = ctx.state.idempotencyKey as string | undefined;
  // With an Idempotency-Key the document id (and so the workflow id) is derived from it: a retried POST that
  // reaches Temporal twice finds the same workflow and gets the same receipt number.
  const documentId = key ? uuidFromText(`${user.id}\n${key}`) : randomUUID();
  const [unitRow] = (await deps.ds.query('SELECT early_phase FROM units WHERE id = ?', [
    user.registryUnit.id,
  ])) as Array<{
    early_phase: number | null;
  }>;
  const workflowInput: IncomingInput = {
    documentId,
    unitId: user.registryUnit.id,
    ...(unitRow?.early_phase ? { unitEarlyPhase: Number(unitRow.early_phase) } : {}),
    registeredBy: { userId: user.id, displayName: user.displayName, roles: user.roles, unitId: user.registryUnit.id },
    receivedAt: receivedAt.toISOString(),
    timing: await lifeTiming(deps),
    requestId: ctx.state.requestId as string,
    fields: {
      subject: input.subject,
      kind: input.kind,
      urgency: input.urgency,
      secrecy: input.secrecy,
      category: input.category,
      senderName: input.sender.name,
      ...(input.sender.number ? { senderNumber: input.sender.number } : {}),
      ...(input.sender.date ? { senderDate: input.sender.date } : {}),
      ...(input.to ? { toText: input.to } : {}),
      ...(input.note && !topSecret ? { note: input.note } : {}),
      ...(file ? { fileSha256: file.sha256, fileName: file.name } : {}),
    },
  };
  const registration = await deps.temporal.workflow
    .executeUpdateWithStart(registrationUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation('incomingDocument', {
        workflowId: incomingWorkflowId(documentId),
        taskQueue: deps.env.TEMPORAL_TASK_QUEUE,
        args: [workflowInput],
        workflowIdConflictPolicy: 'USE_EXISTING',
        // The request that started the life, shown in the Temporal UI and matched to the API's request log line.
        memo: { requestId: ctx.state.requestId as string },
      }),
    })
    .catch((error: unknown) => {
      throw httpErrorFromTemporal(error);
    });
  ctx.status = 201;
  ctx.body = presentRegistration(registration);
}

function presentRegistration(r: Registration) {
  return {
    id: r.id,
    workflowId: r.workflowId,
    medium: r.medium,
    ...(r.paperReason ? { paperReason: r.paperReason, paperReasonCode: r.paperReasonCode } : {}),
    receipt: r.receipt,
  };
}
