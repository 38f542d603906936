import type { Context } from 'koa';
import type { EntityManager } from 'typeorm';
import { appendAudit } from '../../db/audit';
import { isUniqueViolation } from '../../db/errors';
import { inTransaction } from '../../db/transaction';
import type { AuthUser } from '../auth/current-user';
import type { ApiDeps } from '../deps';
import { HttpError } from '../errors';

/** What an administrative change did: the audit row's subject, before and after (before is null for a new thing). */
export interface ChangeRecord<T> {
  subject: Record<string, unknown>;
  before: unknown;
  after: unknown;
  result: T;
}

/**
 * Runs one administrative change: the writes and their audit row (`action`, who, before → after, the request id) in
 * one transaction, then drops the cached org chart so the next request sees the change. A refusal thrown inside
 * rolls everything back; a unique index that fires (two admins at once) becomes `conflict`.
 */
export async function adminChange<T>(
  ctx: Context,
  deps: Pick<ApiDeps, 'ds' | 'org'>,
  action: string,
  work: (em: EntityManager) => Promise<ChangeRecord<T>>,
  conflict: () => HttpError,
): Promise<T> {
  const admin = ctx.state.user as AuthUser;
  try {
    const result = await inTransaction(deps.ds, async (em) => {
      const change = await work(em);
      await appendAudit(em, {
        at: new Date(),
        actorUserId: admin.id,
        action,
        details: {
          ...change.subject,
          before: change.before,
          after: change.after,
          requestId: ctx.state.requestId as string,
        },
      });
      return change.result;
    });
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  } finally {
    deps.org.invalidate();
  }
}

/** 409 with a code, e.g. USERNAME_TAKEN. */
export const conflict = (code: string, message: string, path?: string) =>
  new HttpError(409, code, message, path ? [{ path, message }] : undefined);

/** 404 naming what is missing, with the field that named it. */
export const missing = (what: string, path: string) =>
  new HttpError(404, 'NOT_FOUND', `No such ${what} (ไม่พบข้อมูล)`, [{ path, message: `no such ${what}` }]);

/** 422: refused by an org rule (a cycle in the tree, acting in one's own post, …). */
export const refused = (code: string, message: string, path: string) =>
  new HttpError(422, code, message, [{ path, message }]);

/** Booleans and JSON as both databases return them. */
export const bool = (v: unknown) => Boolean(Number(v));
export const orNull = (v: unknown) => (v === null || v === undefined ? null : String(v));
