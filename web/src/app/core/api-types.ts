/**
 * Shapes of the HTTP API the client uses (see shared/api.md). Enumerations are typed as strings here: the server is
 * the authority on their values, and the labels come from domain/ through the `thai` pipe.
 */

/** A role of a signed-in user. */
export type Role = 'staff' | 'clerk' | 'supervisor' | 'signer' | 'executive' | 'paper-registrar' | 'admin';

/** The signed-in user as `POST /api/auth/login` and `GET /api/me` give it. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  position: { id: string; title: string; level?: number };
  unit: { id: string; name: string };
  registryUnit: { id: string; name: string; letterCode: string };
}

/** `POST /api/auth/login` answer. */
export interface LoginResponse {
  token: string;
  user: User;
}

/** Which inbox: the caller's own tasks or the unit's shared queue. */
export type InboxScope = 'mine' | 'unit';

/** One open task in `GET /api/inbox`. `from` is the sender's name (or an object naming it). */
export interface InboxItem {
  taskId: string;
  documentId: string;
  type: string;
  subject: string;
  urgency: string;
  dueAt?: string | null;
  overdue: boolean;
  createdAt: string;
  from?: string | { name?: string; displayName?: string } | null;
  assignee?: { id: string; displayName: string } | null;
  receiptText?: string;
}

/** `GET /api/inbox` answer. */
export interface InboxResponse {
  items: InboxItem[];
  nextCursor?: string | null;
  total?: number;
}

/** The body of `POST /api/documents/incoming`. */
export interface IncomingRequest {
  subject: string;
  kind: string;
  urgency: string;
  secrecy: string;
  category: string;
  sender: { name: string; number?: string; date?: string };
  to?: string;
  note?: string;
  file?: { name: string; contentBase64: string };
}

/** A receipt (เลขรับ) as the API gives it: `year` is Buddhist-era, `text` is the stamp as printed. */
export interface Receipt {
  number: number;
  year: number;
  receivedAt: string;
  text: string;
}

/** `POST /api/documents/incoming` answer. */
export interface IncomingResponse {
  id: string;
  workflowId: string;
  medium: 'electronic' | 'paper' | string;
  paperReason?: string;
  receipt: Receipt;
}

/** The receipt stamp on a received PDF: put on a moment after registration (`pending` until then). */
export interface ReceiptStamp {
  status: 'pending' | 'stamped' | 'not_stamped';
  /** Why the file could not take the stamp (`ENCRYPTED_PDF`, `NOT_PDF`). */
  reason?: string;
  at?: string;
  atText?: string;
  sha256?: string;
  originalSha256?: string;
}

/** One entry of a document's history. */
export interface HistoryEntry {
  at: string;
  actor: string | { id?: string; displayName?: string; name?: string } | null;
  action: string;
  comment?: string | null;
  /** What the step recorded, e.g. `{ to: { id, displayName } }` for an assignment or `{ reason }` for paper. */
  details?: { to?: { id?: string; displayName?: string } | null; reason?: string | null } & Record<string, unknown>;
}

/** A minute written on a document (เกษียน): the text, who wrote it under which title, and what they decided. */
export interface Minute {
  at?: string;
  atText?: string;
  author?: string | { id?: string; displayName?: string; name?: string } | null;
  positionTitle?: string | null;
  /** Older answers named it `position`. */
  position?: string | null;
  decision?: string | null;
  text?: string;
  comment?: string;
}

/** An open task of a document with the actions the caller may take now. */
export interface OpenTask {
  taskId: string;
  type: string;
  assignee?: { id: string; displayName: string } | null;
  unitId: string;
  queueRole?: string | null;
  createdAt?: string;
  dueAt?: string | null;
  overdue?: boolean;
  escalationLevel?: number;
  availableActions: string[];
}

/** A document number as api.md gives it; `cancelled` when the register entry was cancelled. */
export interface DocumentNumber {
  value: number;
  year?: number;
  register?: string;
  code: string;
  text: string;
  /** How the register row was made (`paper`: made on paper and registered at once). */
  method?: string;
  cancelled?: boolean;
  remark?: string;
}

/** A recipient of an outgoing document and how far its delivery got. */
export interface DeliveryStatus {
  type: 'unit' | 'external' | string;
  unitId?: string;
  email?: string;
  name: string;
  method?: string;
  status: string;
  paperReason?: string;
  incomingDocumentId?: string;
  /** An e-mail delivery: its row in the unit's outbox. */
  outboxId?: string;
  receipt?: Receipt;
  deliveredAt?: string;
}

/** One unit's acknowledgement of a circular. */
export interface Acknowledgement {
  unitId: string;
  unitName: string;
  status: 'pending' | 'acknowledged' | 'expired' | string;
  deliveredAt?: string;
  acknowledgedAt?: string;
  by?: { id: string; displayName: string | null } | null;
  reminders?: number;
  escalatedAt?: string;
}

/** A saved version of a draft. */
export interface VersionSummary {
  version: number;
  subject?: string;
  createdAt?: string;
  createdBy?: { id: string; displayName: string | null } | null;
}

/** `GET /api/documents/:id/versions/:version`. */
export interface VersionDetail extends VersionSummary {
  kind: string;
  urgency: string;
  secrecy: string;
  category: string;
  within?: string;
  to: unknown[];
  body?: Record<string, string | string[]>;
  attachments?: { name: string; sha256?: string }[];
}

/** `GET /api/documents/:id` answer. */
export interface DocumentDetail {
  id: string;
  workflowId?: string;
  direction?: 'incoming' | 'outgoing' | 'circular' | string;
  subject: string;
  kind: string;
  urgency: string;
  secrecy: string;
  category: string;
  stage: string;
  medium: string;
  paperReason?: string | null;
  /** The registry unit that received (or issued) the document. */
  unit?: { id: string; name: string; letterCode?: string } | null;
  sender?: { name?: string; number?: string | null; date?: string | null } | null;
  to?: string;
  note?: string;
  hasFile?: boolean;
  fileName?: string;
  /** A received document with a file: whether its PDF carries the receipt stamp yet. */
  receiptStamp?: ReceiptStamp;
  receipt?: Receipt | null;
  number?: DocumentNumber | null;
  createdAt?: string;
  minutes?: Minute[];
  history: HistoryEntry[];
  openTasks: OpenTask[];
  /** Outgoing and circular documents: the author's parts, the signature, versions, recipients. */
  body?: Record<string, string | string[]> | string | null;
  signature?: { name?: string; position?: string; lines?: string[]; signedAt?: string; signedBy?: string } & Record<
    string,
    unknown
  >;
  version?: number;
  versions?: VersionSummary[];
  recipients?: DeliveryStatus[];
  acknowledgements?: Acknowledgement[];
  acknowledgementSummary?: { units: number; acknowledged: number; pending: number; notAcknowledged: number };
  attachments?: { name: string; sha256?: string }[];
  temporalUrl?: string;
}

/** The body of `POST /api/tasks/:taskId/actions`. */
export interface TaskActionRequest {
  action: string;
  comment?: string;
  toUserId?: string;
  toUnitId?: string;
  toPositionId?: string;
}

/** `POST /api/tasks/bulk` body: one step on many tasks (at most BULK_MAX_TASKS). */
export interface BulkTaskActionRequest extends TaskActionRequest {
  taskIds: string[];
}

/** Most tasks one `POST /api/tasks/bulk` may name (api/tasks/schema.ts). */
export const BULK_MAX_TASKS = 500;

/** One task's result in `POST /api/tasks/bulk`: what its own step would have answered. */
export interface BulkTaskResult {
  taskId: string;
  status: number;
  code?: string;
  message?: string;
  stage?: string;
}

/** `POST /api/tasks/:taskId/actions` answer. */
export interface TaskActionResponse {
  stage: string;
  nextTasks: unknown[];
}

/** A user of a unit, for the assign picker. */
export interface UnitUser {
  id: string;
  username: string;
  displayName: string;
  roles?: string[];
  position?: { id: string; title: string; level?: number } | null;
}

/** `GET /api/units/:unitId/users` answer. */
export interface UnitUsersResponse {
  items: UnitUser[];
}

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

/** One task of `GET /api/supervisor/overdue`: the holder (or the queue), its age and how late it is. */
export interface OverdueItem {
  taskId: string;
  documentId: string;
  type: string;
  subject: string;
  urgency: string;
  unit: { id: string; name: string | null };
  holder: { id: string; displayName: string; positionTitle?: string; unitId?: string } | null;
  queue: { unitId: string; role?: string | null } | null;
  createdAt: string;
  dueAt: string;
  overdue: boolean;
  dueSoon: boolean;
  escalationLevel: number;
  ageSeconds: number;
  workingAgeSeconds: number;
  overdueSeconds: number;
  /** Working seconds past due, on the administrator's calendar (as `workingAgeSeconds`). */
  overdueWorkingSeconds?: number;
}

/** `GET /api/supervisor/overdue` answer. */
export interface OverdueResponse {
  items: OverdueItem[];
  nextCursor: string | null;
  total?: number;
}

/** One document found by `GET /api/documents`. */
export interface SearchHit {
  id: string;
  direction: 'incoming' | 'outgoing' | 'circular' | string;
  kind: string;
  subject: string;
  urgency: string;
  secrecy?: string;
  stage: string;
  medium: string;
  unitId: string;
  sender?: { name?: string; number?: string };
  receipt?: Receipt;
  number?: DocumentNumber;
  createdAt: string;
}

/** One row of `GET /api/circulars`. */
export interface CircularListItem {
  id: string;
  subject: string;
  urgency: string;
  secrecy: string;
  stage: string;
  medium: string;
  number: string | null;
  toText: string;
  paperReason?: string;
  createdAt: string;
  acknowledgements: { units: number; acknowledged: number; expired: number; pending: number; escalated: number };
}

/** `GET /api/circulars` answer. */
export interface CircularListResponse {
  items: CircularListItem[];
  nextCursor: string | null;
}

/** `GET /api/documents` answer. */
export interface SearchResponse {
  items: SearchHit[];
  nextCursor: string | null;
}

/** `GET /api/dashboard/rollout`. */
export interface RolloutDashboard {
  today: string;
  currentPhase: number;
  source?: string;
  phases: {
    phase: number;
    startsOn: string;
    title?: string;
    titleEn?: string;
    capabilities: { id: string; label: string }[];
    exclusions: string[];
  }[];
  earlyAdopters: { unitId: string; unitName: string; phase: number }[];
  byUnit: {
    unitId: string;
    unitName: string;
    capability: string;
    capabilityText?: string;
    electronic: number;
    paper: number;
    paperReasons: { code: string; text: string; count: number }[];
  }[];
  totals: { electronic: number; paper: number };
}

/** Figures of one stage in `GET /api/dashboard/stages`. */
export interface StageFigures {
  stage: string;
  open: number;
  overdue: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** The same in working time on the administrator's calendar. */
  medianWorkingSeconds?: number | null;
  p90WorkingSeconds?: number | null;
  visits?: number;
}

/** `GET /api/dashboard/stages`. */
export interface StagesDashboard {
  stages: StageFigures[];
  byUnit: (StageFigures & { unitId: string; unitName: string })[];
}
