import { document, ownUnit, roles, task, type EndpointRule } from './rule';

/**
 * Every endpoint of the API and who may call it: the one place access is declared. A route that a router serves
 * but this table does not name is refused (403 NO_ACCESS_RULE) and fails the access-matrix test, so adding an
 * endpoint means adding one line here. Handlers still check what only they can know (e.g. that a task is open).
 */
export const ACCESS_RULES: EndpointRule[] = [
  // Sign-in and the current user
  { method: 'POST', path: '/api/auth/login', rule: 'public' },
  { method: 'GET', path: '/api/auth/options', rule: 'public' },
  { method: 'GET', path: '/api/auth/oidc/start', rule: 'public' },
  { method: 'GET', path: '/api/auth/oidc/callback', rule: 'public' },
  { method: 'POST', path: '/api/auth/logout', rule: 'signedIn' },
  { method: 'POST', path: '/api/auth/password', rule: 'signedIn' },
  { method: 'GET', path: '/api/me', rule: 'signedIn' },

  // Administration: the org chart, accounts, acting appointments and the working calendar (api/admin/)
  { method: 'GET', path: '/api/admin/org', rule: roles('admin') },
  { method: 'POST', path: '/api/admin/units', rule: roles('admin') },
  { method: 'PATCH', path: '/api/admin/units/:unitId', rule: roles('admin') },
  { method: 'POST', path: '/api/admin/positions', rule: roles('admin') },
  { method: 'PATCH', path: '/api/admin/positions/:positionId', rule: roles('admin') },
  { method: 'POST', path: '/api/admin/users', rule: roles('admin') },
  { method: 'PATCH', path: '/api/admin/users/:userId', rule: roles('admin') },
  { method: 'POST', path: '/api/admin/users/:userId/password', rule: roles('admin') },
  { method: 'POST', path: '/api/admin/acting', rule: roles('admin') },
  { method: 'POST', path: '/api/admin/acting/:actingId/end', rule: roles('admin') },
  { method: 'GET', path: '/api/admin/holidays', rule: roles('admin') },
  { method: 'POST', path: '/api/admin/holidays', rule: roles('admin') },
  { method: 'DELETE', path: '/api/admin/holidays/:holidayId', rule: roles('admin') },
  { method: 'GET', path: '/api/admin/outside-bodies', rule: roles('admin') },
  { method: 'POST', path: '/api/admin/outside-bodies', rule: roles('admin') },
  { method: 'PATCH', path: '/api/admin/outside-bodies/:bodyId', rule: roles('admin') },
  { method: 'POST', path: '/api/admin/outside-bodies/:bodyId/deactivate', rule: roles('admin') },

  // Documents
  { method: 'GET', path: '/api/documents', rule: 'signedIn' },
  { method: 'POST', path: '/api/documents/incoming', rule: roles('clerk', 'paper-registrar'), multipart: true },
  { method: 'GET', path: '/api/documents/:id', rule: document('id') },
  { method: 'GET', path: '/api/documents/:id/file', rule: document('id') },
  { method: 'GET', path: '/api/documents/:id/pdf', rule: document('id') },
  { method: 'GET', path: '/api/documents/:id/verify', rule: document('id') },
  { method: 'POST', path: '/api/documents', rule: 'signedIn' },
  { method: 'PUT', path: '/api/documents/:id', rule: document('id') },
  { method: 'POST', path: '/api/documents/:id/submit', rule: document('id') },
  { method: 'POST', path: '/api/documents/:id/withdraw', rule: document('id') },
  { method: 'POST', path: '/api/documents/:id/cancel', rule: document('id') },
  { method: 'GET', path: '/api/documents/:id/versions', rule: document('id') },
  { method: 'GET', path: '/api/documents/:id/versions/:version', rule: document('id') },
  { method: 'POST', path: '/api/letters/preview', rule: 'signedIn' },
  // The directory of outside bodies, for picking recipients (kept by the administrator above)
  { method: 'GET', path: '/api/directory', rule: 'signedIn' },
  // Mail from unknown senders to the unit's central address, for its clerk to register or reject.
  { method: 'GET', path: '/api/mail/review', rule: roles('clerk') },
  { method: 'GET', path: '/api/mail/review/:heldId/files/:index', rule: roles('clerk') },
  { method: 'POST', path: '/api/mail/review/:heldId/accept', rule: roles('clerk') },
  { method: 'POST', path: '/api/mail/review/:heldId/reject', rule: roles('clerk') },
  // Registers: the handler limits them to the caller's registry unit and the units they oversee.
  {
    method: 'GET',
    path: '/api/registers/:register',
    rule: roles('clerk', 'paper-registrar', 'supervisor', 'signer', 'executive', 'admin'),
  },
  { method: 'POST', path: '/api/circulars', rule: roles('clerk', 'signer', 'supervisor', 'executive') },
  { method: 'GET', path: '/api/circulars', rule: 'signedIn' },
  { method: 'GET', path: '/api/circulars/groups', rule: 'signedIn' },

  // Work
  { method: 'GET', path: '/api/inbox', rule: 'signedIn' },
  // Bulk: each task is checked as its own step would be (404 / 409 / 403 in its result).
  { method: 'POST', path: '/api/tasks/bulk', rule: 'signedIn' },
  { method: 'POST', path: '/api/tasks/:taskId/actions', rule: task('taskId') },
  { method: 'POST', path: '/api/tasks/:taskId/reassign', rule: roles('supervisor', 'executive') },
  { method: 'GET', path: '/api/units', rule: 'signedIn' },
  { method: 'GET', path: '/api/units/:unitId/users', rule: ownUnit('unitId') },

  // Supervision and dashboards
  { method: 'GET', path: '/api/supervisor/overdue', rule: roles('supervisor', 'executive') },
  { method: 'GET', path: '/api/dashboard/rollout', rule: roles('supervisor', 'signer', 'executive', 'admin') },
  { method: 'GET', path: '/api/dashboard/stages', rule: roles('supervisor', 'signer', 'executive', 'admin') },

  // Open to anyone: the policy itself, the system's health and the API's description
  { method: 'GET', path: '/api/rollout/decision', rule: 'public' },
  { method: 'GET', path: '/api/health', rule: 'public' },
  { method: 'GET', path: '/api/openapi.json', rule: 'public' },
  { method: 'GET', path: '/api/docs', rule: 'public' },
];
