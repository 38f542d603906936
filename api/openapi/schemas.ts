import type { ZodType } from 'zod';
import {
  actingCreateInput,
  actingEndInput,
  adminActing,
  adminHoliday,
  adminOrg,
  adminOutsideBody,
  adminPosition,
  adminUnit,
  adminUser,
  holidayCreateInput,
  holidayList,
  holidayQuery,
  outsideBodyCreateInput,
  outsideBodyDeactivateInput,
  outsideBodyList,
  outsideBodyPatchInput,
  passwordResetInput,
  positionCreateInput,
  positionPatchInput,
  unitCreateInput,
  unitPatchInput,
  userCreateInput,
  userPermissions,
} from '../admin/schema';
import {
  loginAnswer,
  loginInput,
  oidcCallbackQuery,
  passwordChangeInput,
  signedInUser,
  signInOptions,
  userPermissionsInput,
} from '../auth/schema';
import { dashboardQuery, rolloutDashboard, stagesDashboard } from '../dashboard/schema';
import { directoryList, directoryQuery } from '../directory/schema';
import { documentDetail, incomingRegistration, pdfVerification, registerIncomingInput } from '../documents/schema';
import {
  circularGroups,
  circularInput,
  circularListQuery,
  circularPage,
  circularRegistration,
} from '../circulars/schema';
import {
  cancelInput,
  documentEnded,
  draftCreated,
  draftRevised,
  draftSubmitted,
  outgoingDraftInput,
  submitInput,
  versionDetail,
  versionList,
  withdrawInput,
} from '../documents/outgoing-schema';
import { healthAnswer } from '../health/schema';
import { inboxPage, inboxQuery } from '../inbox/schema';
import { acceptMailInput, heldMailAccepted, heldMailPage, mailReviewQuery, rejectMailInput } from '../mail/schema';
import { letterPreviewInput } from '../letters/schema';
import { registerPage, registerQuery } from '../registers/schema';
import { decisionQuery, rolloutDecision } from '../rollout/schema';
import { searchPage, searchQuery } from '../search/schema';
import { overduePage, overdueQuery } from '../supervisor/schema';
import { unitList, unitsQuery, unitUsers } from '../units/schema';
import {
  bulkTaskActionAnswer,
  bulkTaskActionInput,
  reassignAnswer,
  reassignInput,
  taskActionAnswer,
  taskActionInput,
} from '../tasks/schema';
import { XLSX_MEDIA_TYPE } from '../../templates/registers-xlsx';

/** What the OpenAPI document says of an endpoint beyond its path and rule: a summary and its zod schemas. */
export interface EndpointSchemas {
  summary: string;
  body?: ZodType;
  query?: ZodType;
  /** The JSON answer of a success; named in ./components.ts (the web client's types are generated from it). */
  response?: ZodType;
  /** The status of a success: 200 unless said (201 created, 204 no content, 302 a redirect). */
  status?: 200 | 201 | 204 | 302;
  /** Other statuses that answer the same body (GET /api/health's 503). */
  answerAlsoOn?: number[];
  /** Media types of a file answer (PDF, HTML, a register as CSV), beside or instead of JSON. */
  files?: string[];
}

/**
 * The zod schemas of each endpoint, keyed `METHOD /path` as in api/access/rules.ts: the same objects the handlers
 * parse with, so the published document and the validation cannot drift apart. An endpoint missing here is still
 * published (from the routers), with its rule but without schemas.
 */
export const ENDPOINT_SCHEMAS: Record<string, EndpointSchemas> = {
  'POST /api/auth/login': { summary: 'Sign in with username and password', body: loginInput, response: loginAnswer },
  'GET /api/auth/options': {
    summary: 'Which sign-in methods are on (password, OpenID Connect)',
    response: signInOptions,
  },
  'GET /api/auth/oidc/start': { summary: 'Sign in through the identity provider (redirect)', status: 302 },
  'GET /api/auth/oidc/callback': {
    summary: 'Return from the identity provider',
    query: oidcCallbackQuery,
    status: 302,
  },
  'POST /api/auth/logout': { summary: 'End this session', status: 204 },
  'POST /api/auth/password': {
    summary: 'Change my password (ends my other sessions)',
    body: passwordChangeInput,
    status: 204,
  },
  'GET /api/me': { summary: 'The signed-in user, position, unit and roles', response: signedInUser },
  'GET /api/admin/org': {
    summary: 'The whole organisation for administration: units, positions, users (also inactive), oversight, acting',
    response: adminOrg,
  },
  'POST /api/admin/units': {
    summary: 'Add a unit to the org tree',
    body: unitCreateInput,
    response: adminUnit,
    status: 201,
  },
  'PATCH /api/admin/units/:unitId': {
    summary: 'Change a unit: name, letter code, parent, central e-mail, phone, early-adoption phase, switched on/off',
    body: unitPatchInput,
    response: adminUnit,
  },
  'POST /api/admin/positions': {
    summary: 'Add a position to a unit',
    body: positionCreateInput,
    response: adminPosition,
    status: 201,
  },
  'PATCH /api/admin/positions/:positionId': {
    summary: 'Change a position: title, level, head of unit, executive, switched on/off',
    body: positionPatchInput,
    response: adminPosition,
  },
  'POST /api/admin/users': {
    summary: 'Create an account with its first password (argon2id)',
    body: userCreateInput,
    response: adminUser,
    status: 201,
  },
  'PATCH /api/admin/users/:userId': {
    summary: "Change a user's roles or switch the account off",
    body: userPermissionsInput,
    response: userPermissions,
  },
  'POST /api/admin/users/:userId/password': {
    summary: "Set a user's password; ends every session of the user",
    body: passwordResetInput,
    status: 204,
  },
  'POST /api/admin/acting': {
    summary: 'Appoint an acting official (รักษาราชการแทน) or delegate (ปฏิบัติราชการแทน) for dates',
    body: actingCreateInput,
    response: adminActing,
    status: 201,
  },
  'POST /api/admin/acting/:actingId/end': {
    summary: 'End an acting appointment or delegation on a day (the row stays in the history)',
    body: actingEndInput,
    response: adminActing,
  },
  'GET /api/admin/holidays': {
    summary: 'The holidays of a Buddhist-era year',
    query: holidayQuery,
    response: holidayList,
  },
  'POST /api/admin/holidays': {
    summary: 'Add a holiday: lives started from now on count it in their due times',
    body: holidayCreateInput,
    response: adminHoliday,
    status: 201,
  },
  'DELETE /api/admin/holidays/:holidayId': { summary: 'Remove a holiday from the calendar', status: 204 },
  'GET /api/admin/outside-bodies': {
    summary: 'Every entry of the directory of outside bodies, also switched-off ones',
    response: outsideBodyList,
  },
  'POST /api/admin/outside-bodies': {
    summary: 'Add an outside body (ministry, agency, company, person) with its e-mail to the directory',
    body: outsideBodyCreateInput,
    response: adminOutsideBody,
    status: 201,
  },
  'PATCH /api/admin/outside-bodies/:bodyId': {
    summary: 'Change an outside body: name, e-mail, kind, note, or switch it on again',
    body: outsideBodyPatchInput,
    response: adminOutsideBody,
  },
  'POST /api/admin/outside-bodies/:bodyId/deactivate': {
    summary: 'Switch an outside body off: no longer offered nor trusted by the mail intake (never deleted)',
    body: outsideBodyDeactivateInput,
    response: adminOutsideBody,
  },
  'GET /api/documents': { summary: 'Search documents the caller may see', query: searchQuery, response: searchPage },
  'POST /api/documents/incoming': {
    summary: 'Register a received document (JSON or multipart)',
    body: registerIncomingInput,
    response: incomingRegistration,
    status: 201,
  },
  'GET /api/documents/:id': {
    summary: 'One document: fields, stage, receipt, minutes, history, open tasks',
    response: documentDetail,
  },
  'GET /api/documents/:id/file': {
    summary: 'The file registered with the document (PDF), as it arrived: without the receipt stamp',
    files: ['application/pdf'],
  },
  'GET /api/documents/:id/pdf': {
    summary:
      'The PDF: the received file with its receipt stamp (once receiptStamp.status is stamped), or the letter (signed)',
    files: ['application/pdf'],
  },
  'GET /api/documents/:id/verify': {
    summary: 'The PDF signatures: signer, time, intact, trusted (PAdES)',
    response: pdfVerification,
  },
  'POST /api/documents': {
    summary: 'Draft an outgoing document of any kind (version 1)',
    body: outgoingDraftInput,
    response: draftCreated,
    status: 201,
  },
  'PUT /api/documents/:id': {
    summary: 'The author saves a new version of a draft or of a document returned for revision',
    body: outgoingDraftInput,
    response: draftRevised,
  },
  'POST /api/documents/:id/submit': {
    summary: 'Propose the draft up the chain of command (to the head of the unit, or up to toPositionId)',
    body: submitInput,
    response: draftSubmitted,
  },
  'POST /api/documents/:id/withdraw': {
    summary: 'The author withdraws the document before signing',
    body: withdrawInput,
    response: documentEnded,
  },
  'POST /api/documents/:id/cancel': {
    summary:
      'Cancel a numbered document before it is sent, or one made on paper and registered at once (author, or the ' +
      "unit's clerk or signer): the number stays in its register, marked ยกเลิก with who, when and why; " +
      '409 ALREADY_CANCELLED the second time, NOT_REGISTERED for a paper document without a number in the system',
    body: cancelInput,
    response: documentEnded,
  },
  'GET /api/documents/:id/versions': { summary: 'Every version of an outgoing document', response: versionList },
  'GET /api/documents/:id/versions/:version': {
    summary: 'One version: its fields, recipients and body',
    response: versionDetail,
  },
  'POST /api/circulars': {
    summary: 'A circular (ว series) to units or groups (all-districts, all-departments, all-offices, all-units)',
    body: circularInput,
    response: circularRegistration,
    status: 201,
  },
  'GET /api/circulars': {
    summary: "The circulars of the caller's unit and the units it oversees, with acknowledgement counts",
    query: circularListQuery,
    response: circularPage,
  },
  'GET /api/circulars/groups': {
    summary: 'The group targets of circulars and how many units each holds',
    response: circularGroups,
  },
  'GET /api/directory': {
    summary: 'Search the directory of outside bodies (active ones) by the beginning of a name, a word or an e-mail',
    query: directoryQuery,
    response: directoryList,
  },
  'GET /api/mail/review': {
    summary:
      "Mail that reached the caller's unit's central address from senders outside the directory and waits for review, oldest first, a page at a time (nextCursor, total); an accepted one whose registration did not finish is listed with registrationUnfinished: true, for a clerk to accept again",
    query: mailReviewQuery,
    response: heldMailPage,
  },
  'GET /api/mail/review/:heldId/files/:index': {
    summary: "A held mail's PDF attachment (from 0), inline, for the clerk of the unit it was held for",
    files: ['application/pdf'],
  },
  'POST /api/mail/review/:heldId/accept': {
    summary:
      'Register a held mail (or finish the registration of one listed with registrationUnfinished); optionally add its sender to the directory of outside bodies',
    body: acceptMailInput,
    response: heldMailAccepted,
    status: 201,
  },
  'POST /api/mail/review/:heldId/reject': {
    summary: 'Reject a held mail (kept in the audit trail)',
    body: rejectMailInput,
    status: 204,
  },
  'POST /api/letters/preview': {
    summary: 'A draft letter as HTML, laid out as the PDF will be',
    body: letterPreviewInput,
    files: ['text/html'],
  },
  'GET /api/registers/:register': {
    summary:
      'A register (receipt, dispatch, circular) of a unit for a BE year: JSON, CSV, PDF or XLSX by Accept or ?format=',
    query: registerQuery,
    response: registerPage,
    files: ['text/csv', 'application/pdf', XLSX_MEDIA_TYPE],
  },
  'GET /api/inbox': { summary: "The caller's open tasks", query: inboxQuery, response: inboxPage },
  'POST /api/tasks/:taskId/actions': {
    summary: 'A human step on a task',
    body: taskActionInput,
    response: taskActionAnswer,
  },
  'POST /api/tasks/bulk': {
    summary:
      'The same human step on many tasks (at most 500), each its own Update and idempotency: 200 { results: [{ taskId, status, code?, message?, stage?, nextTasks? }] }',
    body: bulkTaskActionInput,
    response: bulkTaskActionAnswer,
  },
  'POST /api/tasks/:taskId/reassign': {
    summary: 'A supervisor moves an open task to another official of their units',
    body: reassignInput,
    response: reassignAnswer,
  },
  'GET /api/supervisor/overdue': {
    summary: 'Overdue and due-soon tasks in my units and below, with holder, age and escalation level',
    query: overdueQuery,
    response: overduePage,
  },
  'GET /api/units': {
    summary: 'The unit tree: switched-on units as pickers offer them; inactive=true adds the switched-off ones',
    query: unitsQuery,
    response: unitList,
  },
  'GET /api/units/:unitId/users': {
    summary: 'The users of my registry unit in switched-on positions',
    response: unitUsers,
  },
  'GET /api/dashboard/rollout': {
    summary:
      'Per phase its capabilities and start; per unit and capability, documents electronic vs on paper (with reasons)',
    query: dashboardQuery,
    response: rolloutDashboard,
  },
  'GET /api/dashboard/stages': {
    summary: 'Per stage: open now, overdue now, median and p90 time spent (wall clock and working time), per unit',
    query: dashboardQuery,
    response: stagesDashboard,
  },
  'GET /api/rollout/decision': {
    summary: 'The rollout policy: electronic or paper, and why',
    query: decisionQuery,
    response: rolloutDecision,
  },
  'GET /api/health': {
    summary: 'Database and Temporal up or down (503 naming what is down)',
    response: healthAnswer,
    answerAlsoOn: [503],
  },
  'GET /api/openapi.json': { summary: 'This document', files: ['application/json'] },
  'GET /api/docs': { summary: 'This document as a page', files: ['text/html'] },
};
