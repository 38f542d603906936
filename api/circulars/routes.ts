import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { uuidFromText } from '../../db/ids';
import {
  CIRCULAR_GROUPS,
  circularWorkflowId,
  registrationUpdate,
  type CircularGroup,
  type CircularInput,
  type CircularSettings,
} from '../../workflows/circular/contract';
import type { Env } from '../../config/env';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { badRequest } from '../errors';
import { requireRole } from '../middleware/authenticate';
import { bodyOf } from '../middleware/validate';
import { httpErrorFromTemporal } from '../support/temporal-errors';
import { storePdf } from '../support/uploads';
import { listCirculars } from './list';
import { circularInput } from './schema';
import { resolveUnitTargets, unitsOfGroup } from './targets';

/** Who may send a circular for their unit: its clerks (สารบรรณ), signers, supervisors and executives. */
const CIRCULAR_ROLES = ['clerk', 'signer', 'supervisor', 'executive'];

/** Circulars (หนังสือเวียน): send one to many units; the group targets a circular may name. */
export function createCircularsRouter(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/api/circulars' });

  router.post('/', async function sendCircular(ctx) {
    const user = ctx.state.user as AuthUser;
    requireRole(user, ...CIRCULAR_ROLES);
    const input = bodyOf(ctx, circularInput);
    const org = await deps.org.get();
    const units = resolveUnitTargets(
      input.to.map((id, i) => ({ id, path: `to.${i}` })),
      org,
      user.registryUnit.id,
    ).filter((u) => u.id !== user.registryUnit.id);
    if (units.length === 0) {
      throw badRequest('NO_RECIPIENTS', 'A circular needs at least one other unit', [{ path: 'to', message: 'empty' }]);
    }
    const file =
      input.file && input.secrecy !== 'top_secret'
        ? await storePdf(deps, input.file, input.secrecy !== 'none')
        : undefined;
    const key = ctx.state.idempotencyKey as string | undefined;
    const documentId = key ? uuidFromText(`circular\n${user.id}\n${key}`) : randomUUID();
    const [unitRow] = (await deps.ds.query('SELECT early_phase FROM units WHERE id = ?', [
      user.registryUnit.id,
    ])) as Array<{ early_phase: number | null }>;
    const workflowInput: CircularInput = {
      documentId,
      unitId: user.registryUnit.id,
      unitName: user.registryUnit.name,
      ...(unitRow?.early_phase ? { unitEarlyPhase: Number(unitRow.early_phase) } : {}),
      author: { userId: user.id, displayName: user.displayName, roles: user.roles, unitId: user.registryUnit.id },
      fields: {
        kind: input.kind,
        subject: input.subject,
        urgency: input.urgency,
        secrecy: input.secrecy,
        category: input.category,
      },
      ...(input.secrecy === 'top_secret' ? {} : { body: input.body }),
      ...(file ? { file } : {}),
      recipients: units.map((u) => ({ unitId: u.id, name: u.name })),
      settings: circularSettings(deps.env),
      requestId: ctx.state.requestId as string,
    };
    const registration = await deps.temporal.workflow
      .executeUpdateWithStart(registrationUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation('circularDocument', {
          workflowId: circularWorkflowId(documentId),
          taskQueue: deps.env.TEMPORAL_TASK_QUEUE,
          args: [workflowInput],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      })
      .catch((error: unknown) => {
        throw httpErrorFromTemporal(error);
      });
    ctx.status = 201;
    ctx.body = registration;
  });

  router.get('/', function listUnitCirculars(ctx) {
    return listCirculars(ctx, deps);
  });

  router.get('/groups', async function listGroups(ctx) {
    const org = await deps.org.get();
    ctx.body = {
      items: (Object.keys(CIRCULAR_GROUPS) as CircularGroup[]).map((id) => ({
        id,
        label: CIRCULAR_GROUPS[id],
        units: unitsOfGroup(id, org).length,
      })),
    };
  });

  return router;
}

/** The fan-out's size and reminder ladder, from configuration (`CIRCULAR_*` in config/env.ts). */
export function circularSettings(env: Env): CircularSettings {
  return {
    batchSize: env.CIRCULAR_BATCH_SIZE,
    remindAfterSeconds: env.CIRCULAR_REMIND_AFTER_SECONDS,
    remindEverySeconds: env.CIRCULAR_REMIND_EVERY_SECONDS,
    maxReminders: env.CIRCULAR_MAX_REMINDERS,
    closeAfterSeconds: env.CIRCULAR_CLOSE_AFTER_SECONDS,
    continueAsNewEvents: env.CIRCULAR_CONTINUE_AS_NEW_EVENTS,
  };
}
