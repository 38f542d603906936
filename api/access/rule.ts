/** The kinds of access rule an endpoint can declare, and the helpers that build them (one word per rule). */

import type { Role } from '../../domain';

// The roles are the organisation's (domain/org/types.ts); re-exported for the API's modules.
export { ROLES, type Role } from '../../domain';

/**
 * What an endpoint requires:
 * - `public`: anyone, signed in or not;
 * - `signedIn`: any signed-in user;
 * - `{ roles }`: a signed-in user with one of the roles (else 403);
 * - `{ document, roles? }`: the path parameter names a document the caller may see (else 404, so its existence is
 *   not disclosed), and, when given, one of the roles (else 403);
 * - `{ task }`: the path parameter names a task the caller holds or one of their registry unit (else 404);
 * - `{ unit }`: the path parameter names the caller's own registry unit (else 403).
 */
export type AccessRule =
  | 'public'
  | 'signedIn'
  | { roles: readonly Role[] }
  | { document: string; roles?: readonly Role[] }
  | { task: string }
  | { unit: string };

/** One endpoint and its rule. `multipart` lets the endpoint take `multipart/form-data` as well as JSON. */
export interface EndpointRule {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path as the router declares it, with its `:params` ('/api/documents/:id'). */
  path: string;
  rule: AccessRule;
  multipart?: boolean;
}

/** A signed-in user with one of these roles. */
export const roles = (...list: Role[]): AccessRule => ({ roles: list });
/** The document named by the path parameter must be visible to the caller (404 otherwise). */
export const document = (param = 'id', ...list: Role[]): AccessRule =>
  list.length > 0 ? { document: param, roles: list } : { document: param };
/** The task named by the path parameter must be the caller's or their unit's (404 otherwise). */
export const task = (param = 'taskId'): AccessRule => ({ task: param });
/** The unit named by the path parameter must be the caller's registry unit (403 otherwise). */
export const ownUnit = (param = 'unitId'): AccessRule => ({ unit: param });

/** A readable form of a rule, for the OpenAPI document and error messages. */
export function describeRule(rule: AccessRule): string {
  if (rule === 'public' || rule === 'signedIn') return rule;
  if ('roles' in rule && !('document' in rule)) return `roles: ${rule.roles.join(', ')}`;
  if ('document' in rule)
    return `document visible to the caller${rule.roles ? ` and roles: ${rule.roles.join(', ')}` : ''}`;
  if ('task' in rule) return "the caller's task or their unit's";
  return "the caller's own registry unit";
}
