import { z } from 'zod';
import { CATEGORIES, incomingDocumentInput, KINDS, MEDIA, SECRECIES, URGENCIES } from '../../domain';
import { TASK_ACTIONS } from '../../workflows/shared/tasks';

/** POST /api/documents/incoming: the domain's own schema, so the API and the rules never drift apart. */
export const registerIncomingInput = incomingDocumentInput;

export const documentIdParam = z.object({ id: z.string().uuid() });

// The answers. They describe what the handlers send (checked against real answers by
// test/integration/openapi-answers.test.ts); the web client's types are generated from them (docs/web.md).

/** A person an answer names: the user's id and display name (null when the account is gone). */
export const personRef = z.object({ id: z.string(), displayName: z.string().nullable() });

/** A receipt (เลขรับ): the unit's number in a Buddhist-era `year`, when, and `text`, the stamp as printed. */
export const receipt = z.object({
  number: z.number().int(),
  year: z.number().int(),
  receivedAt: z.string(),
  text: z.string(),
});

/** A document number as api.md gives it (`code` "กท 0403/ว 276", `text` in Thai digits); `cancelled` when ยกเลิก. */
export const documentNumber = z.object({
  register: z.string(),
  value: z.number().int(),
  year: z.number().int(),
  code: z.string(),
  text: z.string(),
  /** How the register row was made (`paper`: made on paper and registered at once). */
  method: z.string().optional(),
  cancelled: z.boolean().optional(),
  remark: z.string().nullable().optional(),
});

/** `POST /api/documents/incoming` (201): the new document, its medium and its receipt. */
export const incomingRegistration = z.object({
  id: z.string(),
  workflowId: z.string(),
  medium: z.enum(MEDIA),
  paperReason: z.string().optional(),
  paperReasonCode: z.string().optional(),
  receipt,
});

/** The receipt stamp on a received PDF: `pending` until the life has put it on (or found it cannot). */
export const receiptStamp = z.object({
  status: z.enum(['pending', 'stamped', 'not_stamped']),
  /** Why the file could not take the stamp (`ENCRYPTED_PDF`, `NOT_PDF`). */
  reason: z.string().optional(),
  at: z.string().optional(),
  atText: z.string().optional(),
  sha256: z.string().optional(),
  originalSha256: z.string().optional(),
});

/** A minute written on a document (เกษียน): the text, who wrote it under which title, and what they decided. */
export const minute = z.object({
  at: z.string(),
  atText: z.string(),
  text: z.string(),
  author: z.object({ id: z.string(), displayName: z.string() }),
  positionTitle: z.string(),
  decision: z.string(),
});

/** One entry of a document's history: what the step recorded is in `details` (e.g. `{ to: { id, displayName } }`). */
export const historyEntry = z.object({
  at: z.string(),
  atText: z.string(),
  actor: personRef.nullable(),
  action: z.string(),
  comment: z.string().optional(),
  details: z.record(z.string(), z.unknown()),
});

/** An open task of a document with the actions the caller may take on it now. */
export const openTask = z.object({
  taskId: z.string(),
  type: z.string(),
  unitId: z.string(),
  queueRole: z.string().optional(),
  assignee: personRef.optional(),
  createdAt: z.string(),
  dueAt: z.string().optional(),
  dueAtText: z.string().optional(),
  overdue: z.boolean(),
  escalationLevel: z.number().int(),
  availableActions: z.array(z.enum(TASK_ACTIONS)),
});

/** A recipient of an outgoing document and how far its delivery got (`pending` before it is sent). */
export const deliveryStatus = z.object({
  type: z.enum(['unit', 'external']),
  unitId: z.string().optional(),
  email: z.string().optional(),
  name: z.string(),
  method: z.string().optional(),
  status: z.string(),
  paperReason: z.string().optional(),
  paperReasonCode: z.string().nullable().optional(),
  incomingDocumentId: z.string().optional(),
  /** An e-mail delivery: its row in the unit's outbox. */
  outboxId: z.string().optional(),
  receipt: receipt.optional(),
  deliveredAt: z.string().optional(),
});

/** One unit's acknowledgement (รับทราบ) of a circular. */
export const acknowledgement = z.object({
  unitId: z.string(),
  unitName: z.string(),
  status: z.enum(['pending', 'acknowledged', 'expired']),
  deliveredAt: z.string().optional(),
  acknowledgedAt: z.string().optional(),
  acknowledgedAtText: z.string().optional(),
  by: personRef.optional(),
  reminders: z.number().int(),
  escalatedAt: z.string().optional(),
});

/** The author's parts of a letter by its kind (domain/kinds.ts), or a circular's text. */
export const letterBody = z.union([z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string())]))]);

/** The signature block of a signed document (domain/signature.ts), with when and by whom it was signed. */
export const signature = z.looseObject({
  lines: z.array(z.string()),
  signer: z.object({ name: z.string(), title: z.string(), username: z.string().optional() }),
  actingFor: z.object({ kind: z.string(), title: z.string(), positionId: z.string().optional() }).optional(),
  signedAt: z.string().optional(),
  signedBy: z.string().nullable().optional(),
});

/** A saved version of a draft. */
export const versionSummary = z.object({
  version: z.number().int(),
  subject: z.string().optional(),
  createdAt: z.string().optional(),
  createdBy: z.object({ id: z.string().nullable(), displayName: z.string().nullable() }),
});

/** `GET /api/documents/:id`: fields, stage, receipt, minutes, history, open tasks; outgoing and circular parts. */
export const documentDetail = z.object({
  id: z.string(),
  workflowId: z.string(),
  direction: z.enum(['incoming', 'outgoing', 'circular']),
  kind: z.enum(KINDS),
  kindText: z.string(),
  subject: z.string(),
  urgency: z.enum(URGENCIES),
  urgencyText: z.string(),
  secrecy: z.enum(SECRECIES),
  secrecyText: z.string(),
  category: z.enum(CATEGORIES),
  stage: z.string(),
  medium: z.enum(MEDIA),
  paperReason: z.string().optional(),
  paperReasonCode: z.string().nullable().optional(),
  /** The registry unit that received (or issued) the document. */
  unit: z.object({ id: z.string(), name: z.string(), letterCode: z.string() }).optional(),
  sender: z.object({ name: z.string().nullable(), number: z.string().optional(), date: z.string().optional() }),
  to: z.string().optional(),
  note: z.string().optional(),
  hasFile: z.boolean(),
  /** A received document with a file: whether its PDF carries the receipt stamp yet. */
  receiptStamp: receiptStamp.optional(),
  receipt: receipt.optional(),
  receivedAtText: z.string().optional(),
  createdAt: z.string(),
  minutes: z.array(minute),
  history: z.array(historyEntry),
  openTasks: z.array(openTask),
  /** Outgoing and circular documents: the author's parts, the number, the signature. */
  body: letterBody.optional(),
  number: documentNumber.optional(),
  signature: signature.optional(),
  /** Outgoing documents: the current version, every version and the recipients. */
  version: z.number().int().optional(),
  versions: z.array(versionSummary).optional(),
  recipients: z.array(deliveryStatus).optional(),
  /** Circulars: who has and has not acknowledged. */
  acknowledgements: z.array(acknowledgement).optional(),
  acknowledgementSummary: z
    .object({
      units: z.number().int(),
      acknowledged: z.number().int(),
      pending: z.number().int(),
      notAcknowledged: z.number().int(),
    })
    .optional(),
  /** The life in the Temporal UI. */
  temporalUrl: z.string(),
});

/** `GET /api/documents/:id/verify`: each signature of the PDF, whether it is intact, whole and trusted. */
export const pdfVerification = z.object({
  documentId: z.string(),
  sha256: z.string(),
  valid: z.boolean(),
  revisions: z.number().int(),
  signatures: z.array(
    z.object({
      index: z.number().int(),
      signer: z
        .object({
          commonName: z.string().optional(),
          subject: z.string(),
          issuer: z.string(),
          serialNumber: z.string(),
        })
        .nullable(),
      signedAt: z.string().optional(),
      signedAtText: z.string().optional(),
      timestampedAt: z.string().optional(),
      timestampedAtText: z.string().optional(),
      level: z.enum(['PAdES-B-B', 'PAdES-B-T', 'PAdES-B-LT', 'PKCS7']),
      subFilter: z.string().optional(),
      intact: z.boolean(),
      coversWholeDocument: z.boolean(),
      trusted: z.boolean(),
      problems: z.array(z.string()),
    }),
  ),
});
