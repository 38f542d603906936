import type { ZodType } from 'zod';
import {
  actingCreateInput,
  actingEndInput,
  holidayCreateInput,
  holidayQuery,
  outsideBodyCreateInput,
  outsideBodyDeactivateInput,
  outsideBodyPatchInput,
  passwordResetInput,
  positionCreateInput,
  positionPatchInput,
  unitCreateInput,
  unitPatchInput,
  userCreateInput,
} from '../admin/schema';
import { loginInput, oidcCallbackQuery, passwordChangeInput, userPermissionsInput } from '../auth/schema';
import { directoryQuery } from '../directory/schema';
import { registerIncomingInput } from '../documents/schema';
import { circularInput, circularListQuery } from '../circulars/schema';
import { cancelInput, outgoingDraftInput, submitInput, withdrawInput } from '../documents/outgoing-schema';
import { inboxQuery } from '../inbox/schema';
import { acceptMailInput, mailReviewQuery, rejectMailInput } from '../mail/routes';
import { letterPreviewInput } from '../letters/schema';
import { registerQuery } from '../registers/schema';
import { decisionQuery } from '../rollout/schema';
import { searchQuery } from '../search/schema';
import { overdueQuery } from '../supervisor/schema';
import { unitsQuery } from '../units/schema';
import { bulkTaskActionInput, reassignInput, taskActionInput } from '../tasks/schema';

/** What the OpenAPI document says of an endpoint beyond its path and rule: a summary and its zod schemas. */
export interface EndpointSchemas {
  summary: string;
  body?: ZodType;
  query?: ZodType;
}

/**
 * The zod schemas of each endpoint, keyed `METHOD /path` as in api/access/rules.ts: the same objects the handlers
 * parse with, so the published document and the validation cannot drift apart. An endpoint missing here is still
 * published (from the routers), with its rule but without schemas.
 */
export const ENDPOINT_SCHEMAS: Record<string, EndpointSchemas> = {
  'POST /api/auth/login': { summary: 'Sign in with username and password', body: loginInput },
  'GET /api/auth/options': { summary: 'Which sign-in methods are on (password, OpenID Connect)' },
  'GET /api/auth/oidc/start': { summary: 'Sign in through the identity provider (redirect)' },
  'GET /api/auth/oidc/callback': { summary: 'Return from the identity provider', query: oidcCallbackQuery },
  'POST /api/auth/logout': { summary: 'End this session' },
  'POST /api/auth/password': { summary: 'Change my password (ends my other sessions)', body: passwordChangeInput },
  'GET /api/me': { summary: 'The signed-in user, position, unit and roles' },
  'GET /api/admin/org': {
    summary: 'The whole organisation for administration: units, positions, users (also inactive), oversight, acting',
  },
  'POST /api/admin/units': { summary: 'Add a unit to the org tree', body: unitCreateInput },
  'PATCH /api/admin/units/:unitId': {
    summary: 'Change a unit: name, letter code, parent, central e-mail, phone, early-adoption phase, switched on/off',
    body: unitPatchInput,
  },
  'POST /api/admin/positions': { summary: 'Add a position to a unit', body: positionCreateInput },
  'PATCH /api/admin/positions/:positionId': {
    summary: 'Change a position: title, level, head of unit, executive, switched on/off',
    body: positionPatchInput,
  },
  'POST /api/admin/users': { summary: 'Create an account with its first password (argon2id)', body: userCreateInput },
  'PATCH /api/admin/users/:userId': {
    summary: "Change a user's roles or switch the account off",
    body: userPermissionsInput,
  },
  'POST /api/admin/users/:userId/password': {
    summary: "Set a user's password; ends every session of the user",
    body: passwordResetInput,
  },
  'POST /api/admin/acting': {
    summary: 'Appoint an acting official (รักษาราชการแทน) or delegate (ปฏิบัติราชการแทน) for dates',
    body: actingCreateInput,
  },
  'POST /api/admin/acting/:actingId/end': {
    summary: 'End an acting appointment or delegation on a day (the row stays in the history)',
    body: actingEndInput,
  },
  'GET /api/admin/holidays': { summary: 'The holidays of a Buddhist-era year', query: holidayQuery },
  'POST /api/admin/holidays': {
    summary: 'Add a holiday: lives started from now on count it in their due times',
    body: holidayCreateInput,
  },
  'DELETE /api/admin/holidays/:holidayId': { summary: 'Remove a holiday from the calendar' },
  'GET /api/admin/outside-bodies': {
    summary: 'Every entry of the directory of outside bodies, also switched-off ones',
  },
  'POST /api/admin/outside-bodies': {
    summary: 'Add an outside body (ministry, agency, company, person) with its e-mail to the directory',
    body: outsideBodyCreateInput,
  },
  'PATCH /api/admin/outside-bodies/:bodyId': {
    summary: 'Change an outside body: name, e-mail, kind, note, or switch it on again',
    body: outsideBodyPatchInput,
  },
  'POST /api/admin/outside-bodies/:bodyId/deactivate': {
    summary: 'Switch an outside body off: no longer offered nor trusted by the mail intake (never deleted)',
    body: outsideBodyDeactivateInput,
  },
  'GET /api/documents': { summary: 'Search documents the caller may see', query: searchQuery },
  'POST /api/documents/incoming': {
    summary: 'Register a received document (JSON or multipart)',
    body: registerIncomingInput,
  },
  'GET /api/documents/:id': { summary: 'One document: fields, stage, receipt, minutes, history, open tasks' },
  'GET /api/documents/:id/file': {
    summary: 'The file registered with the document (PDF), as it arrived: without the receipt stamp',
  },
  'GET /api/documents/:id/pdf': {
    summary:
      'The PDF: the received file with its receipt stamp (once receiptStamp.status is stamped), or the letter (signed)',
  },
  'GET /api/documents/:id/verify': { summary: 'The PDF signatures: signer, time, intact, trusted (PAdES)' },
  'POST /api/documents': { summary: 'Draft an outgoing document of any kind (version 1)', body: outgoingDraftInput },
  'PUT /api/documents/:id': {
    summary: 'The author saves a new version of a draft or of a document returned for revision',
    body: outgoingDraftInput,
  },
  'POST /api/documents/:id/submit': {
    summary: 'Propose the draft up the chain of command (to the head of the unit, or up to toPositionId)',
    body: submitInput,
  },
  'POST /api/documents/:id/withdraw': {
    summary: 'The author withdraws the document before signing',
    body: withdrawInput,
  },
  'POST /api/documents/:id/cancel': {
    summary:
      'Cancel a numbered document before it is sent, or one made on paper and registered at once (author, or the ' +
      "unit's clerk or signer): the number stays in its register, marked ยกเลิก with who, when and why; " +
      '409 ALREADY_CANCELLED the second time, NOT_REGISTERED for a paper document without a number in the system',
    body: cancelInput,
  },
  'GET /api/documents/:id/versions': { summary: 'Every version of an outgoing document' },
  'GET /api/documents/:id/versions/:version': { summary: 'One version: its fields, recipients and body' },
  'POST /api/circulars': {
    summary: 'A circular (ว series) to units or groups (all-districts, all-departments, all-offices, all-units)',
    body: circularInput,
  },
  'GET /api/circulars': {
    summary: "The circulars of the caller's unit and the units it oversees, with acknowledgement counts",
    query: circularListQuery,
  },
  'GET /api/circulars/groups': { summary: 'The group targets of circulars and how many units each holds' },
  'GET /api/directory': {
    summary: 'Search the directory of outside bodies (active ones) by the beginning of a name, a word or an e-mail',
    query: directoryQuery,
  },
  'GET /api/mail/review': {
    summary:
      "Mail that reached the caller's unit's central address from senders outside the directory and waits for review, oldest first, a page at a time (nextCursor, total); an accepted one whose registration did not finish is listed with registrationUnfinished: true, for a clerk to accept again",
    query: mailReviewQuery,
  },
  'GET /api/mail/review/:heldId/files/:index': {
    summary: "A held mail's PDF attachment (from 0), inline, for the clerk of the unit it was held for",
  },
  'POST /api/mail/review/:heldId/accept': {
    summary:
      'Register a held mail (or finish the registration of one listed with registrationUnfinished); optionally add its sender to the directory of outside bodies',
    body: acceptMailInput,
  },
  'POST /api/mail/review/:heldId/reject': {
    summary: 'Reject a held mail (kept in the audit trail)',
    body: rejectMailInput,
  },
  'POST /api/letters/preview': {
    summary: 'A draft letter as HTML, laid out as the PDF will be',
    body: letterPreviewInput,
  },
  'GET /api/registers/:register': {
    summary:
      'A register (receipt, dispatch, circular) of a unit for a BE year: JSON, CSV, PDF or XLSX by Accept or ?format=',
    query: registerQuery,
  },
  'GET /api/inbox': { summary: "The caller's open tasks", query: inboxQuery },
  'POST /api/tasks/:taskId/actions': { summary: 'A human step on a task', body: taskActionInput },
  'POST /api/tasks/bulk': {
    summary:
      'The same human step on many tasks (at most 500), each its own Update and idempotency: 200 { results: [{ taskId, status, code?, message?, stage?, nextTasks? }] }',
    body: bulkTaskActionInput,
  },
  'POST /api/tasks/:taskId/reassign': {
    summary: 'A supervisor moves an open task to another official of their units',
    body: reassignInput,
  },
  'GET /api/supervisor/overdue': {
    summary: 'Overdue and due-soon tasks in my units and below, with holder, age and escalation level',
    query: overdueQuery,
  },
  'GET /api/units': {
    summary: 'The unit tree: switched-on units as pickers offer them; inactive=true adds the switched-off ones',
    query: unitsQuery,
  },
  'GET /api/units/:unitId/users': { summary: 'The users of my registry unit in switched-on positions' },
  'GET /api/rollout/decision': { summary: 'The rollout policy: electronic or paper, and why', query: decisionQuery },
  'GET /api/health': { summary: 'Database and Temporal up or down (503 naming what is down)' },
  'GET /api/openapi.json': { summary: 'This document' },
  'GET /api/docs': { summary: 'This document as a page' },
};
