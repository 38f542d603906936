/**
 * The shapes of the HTTP API the client uses, by the names the components know them under. Each is the type
 * openapi-typescript generated from the API's OpenAPI document (./api/schema.d.ts, `npm run api:types`), so a change
 * to an answer on the server shows here at build time instead of at run time (docs/web.md).
 */
import type { components, paths } from './api/schema';

/** Every named answer of the API (`#/components/schemas/…`). */
export type Schemas = components['schemas'];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** The JSON body an endpoint takes, e.g. `RequestOf<'/api/tasks/{taskId}/actions', 'post'>`. */
export type RequestOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer Body } ? JsonContent<NonNullable<Body>> : never;

/** The query parameters of an endpoint. */
export type QueryOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Query } } ? NonNullable<Query> : never;

/** The JSON answer of an endpoint's success (200 or 201). */
export type AnswerOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer Answers }
    ? JsonContent<Answers[200 & keyof Answers]> | JsonContent<Answers[201 & keyof Answers]>
    : never;

/** A role of a signed-in user. */
export type Role = Schemas['SignedInUser']['roles'][number];

/** The signed-in user as `POST /api/auth/login` and `GET /api/me` give it. */
export type User = Schemas['SignedInUser'];
/** `POST /api/auth/login` answer. */
export type LoginResponse = Schemas['LoginAnswer'];
/** The sign-in methods the API has switched on. */
export type SignInOptions = Schemas['SignInOptions'];

/** Which inbox: the caller's own tasks or the unit's shared queue. */
export type InboxScope = NonNullable<QueryOf<'/api/inbox', 'get'>['scope']>;
/** One open task in `GET /api/inbox`. */
export type InboxItem = Schemas['InboxItem'];
/** `GET /api/inbox` answer. */
export type InboxResponse = Schemas['InboxPage'];

/** The body of `POST /api/documents/incoming`. */
export type IncomingRequest = RequestOf<'/api/documents/incoming', 'post'>;
/** `POST /api/documents/incoming` answer. */
export type IncomingResponse = Schemas['IncomingRegistration'];
/** A receipt (เลขรับ): `year` is Buddhist-era, `text` is the stamp as printed. */
export type Receipt = Schemas['Receipt'];
/** The receipt stamp on a received PDF: put on a moment after registration (`pending` until then). */
export type ReceiptStamp = Schemas['ReceiptStamp'];

/** `GET /api/documents/:id` answer. */
export type DocumentDetail = Schemas['DocumentDetail'];
/** One entry of a document's history. */
export type HistoryEntry = DocumentDetail['history'][number];
/** A minute written on a document (เกษียน). */
export type Minute = DocumentDetail['minutes'][number];
/** An open task of a document with the actions the caller may take now. */
export type OpenTask = DocumentDetail['openTasks'][number];
/** A document number as api.md gives it; `cancelled` when the register entry was cancelled. */
export type DocumentNumber = Schemas['DocumentNumber'];
/** A recipient of an outgoing document and how far its delivery got. */
export type DeliveryStatus = NonNullable<DocumentDetail['recipients']>[number];
/** One unit's acknowledgement of a circular. */
export type Acknowledgement = NonNullable<DocumentDetail['acknowledgements']>[number];
/** A saved version of a draft. */
export type VersionSummary = NonNullable<DocumentDetail['versions']>[number];
/** `GET /api/documents/:id/versions/:version`. */
export type VersionDetail = Schemas['VersionDetail'];
/** The body of `POST /api/documents` and `PUT /api/documents/:id`. */
export type DraftRequest = RequestOf<'/api/documents', 'post'>;

/** The body of `POST /api/tasks/:taskId/actions`. */
export type TaskActionRequest = RequestOf<'/api/tasks/{taskId}/actions', 'post'>;
/** A task action by name (`claim`, `assign`, …). */
export type TaskAction = TaskActionRequest['action'];
/** `POST /api/tasks/:taskId/actions` answer. */
export type TaskActionResponse = Schemas['TaskActionAnswer'];
/** `POST /api/tasks/bulk` body: one step on many tasks (at most BULK_MAX_TASKS). */
export type BulkTaskActionRequest = RequestOf<'/api/tasks/bulk', 'post'>;
/** One task's result in `POST /api/tasks/bulk`: what its own step would have answered. */
export type BulkTaskResult = Schemas['BulkTaskActionAnswer']['results'][number];
/** Most tasks one `POST /api/tasks/bulk` may name (api/tasks/schema.ts). */
export const BULK_MAX_TASKS = 500;

/** `GET /api/units/:unitId/users` answer. */
export type UnitUsersResponse = Schemas['UnitUsers'];
/** A user of a unit, for the assign picker. */
export type UnitUser = UnitUsersResponse['items'][number];

/** `GET /api/supervisor/overdue` answer. */
export type OverdueResponse = Schemas['OverduePage'];
/** One task of `GET /api/supervisor/overdue`: the holder (or the queue), its age and how late it is. */
export type OverdueItem = Schemas['OverdueItem'];

/** `GET /api/documents` answer. */
export type SearchResponse = Schemas['SearchPage'];
/** One document found by `GET /api/documents`. */
export type SearchHit = Schemas['SearchHit'];

/** `GET /api/circulars` answer. */
export type CircularListResponse = Schemas['CircularPage'];
/** One row of `GET /api/circulars`. */
export type CircularListItem = Schemas['CircularListItem'];

/** `GET /api/dashboard/rollout`. */
export type RolloutDashboard = Schemas['RolloutDashboard'];
/** Figures of one stage in `GET /api/dashboard/stages`. */
export type StageFigures = Schemas['StageFigures'];
/** `GET /api/dashboard/stages`. */
export type StagesDashboard = Schemas['StagesDashboard'];

/** Names a person or body whether the API sends a string or an object. */
export function personName(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    const named = value as { displayName?: unknown; name?: unknown; username?: unknown };
    for (const field of [named.displayName, named.name, named.username]) {
      if (typeof field === 'string' && field) return field;
    }
  }
  return '';
}
