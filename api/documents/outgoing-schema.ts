import { z } from 'zod';
import { CATEGORIES, KINDS, MEDIA, outgoingDocumentInput, SECRECIES, text, URGENCIES } from '../../domain';
import { documentNumber, versionSummary } from './schema';

/** POST /api/documents and PUT /api/documents/:id: a draft of any kind, checked by the domain's own schema. */
export const outgoingDraftInput = outgoingDocumentInput;

/** POST /api/documents/:id/submit: to the chain of command, or up to a named signing position. */
export const submitInput = z.object({ toPositionId: text(1, 64).optional() }).strict();

/** POST /api/documents/:id/withdraw: the author's reason, if any. */
export const withdrawInput = z.object({ comment: text(0, 2000).optional() }).strict();

/** POST /api/documents/:id/cancel: why the numbered document is cancelled (printed as the register's remark). */
export const cancelInput = z.object({ reason: text(1, 400) }).strict();

/** GET /api/documents/:id/versions/:version */
export const versionParam = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1).max(100_000) });

// The answers (see ./schema.ts).

/** `POST /api/documents` (201): the draft and its first version; one made on paper has its number at once. */
export const draftCreated = z.object({
  id: z.string(),
  workflowId: z.string(),
  stage: z.string(),
  medium: z.enum(MEDIA),
  version: z.number().int(),
  paperReason: z.string().optional(),
  paperReasonCode: z.string().optional(),
  number: documentNumber.optional(),
});

/** `PUT /api/documents/:id`: the version just saved and the stage. */
export const draftRevised = z.object({ id: z.string(), version: z.number().int(), stage: z.string() });

/** A task a step opened, as the life keeps it. */
const lifeTask = z.object({
  taskId: z.string(),
  type: z.string(),
  status: z.enum(['open', 'closing', 'done']),
  unitId: z.string(),
  queueRole: z.string().optional(),
  assigneeUserId: z.string().optional(),
  dueAt: z.string().optional(),
  escalationLevel: z.number().int().optional(),
});

/** `POST /api/documents/:id/submit`: the new stage and the review (or signing) task it opened. */
export const draftSubmitted = z.object({ documentId: z.string(), stage: z.string(), nextTasks: z.array(lifeTask) });

/** `POST /api/documents/:id/withdraw` and `…/cancel`: the document's stage after it. */
export const documentEnded = z.object({ id: z.string(), stage: z.string() });

/** `GET /api/documents/:id/versions`. */
export const versionList = z.object({ items: z.array(versionSummary) });

/** A recipient of a version: a BMA unit, or an outside body reached by e-mail. */
const versionRecipient = z.union([
  z.object({ type: z.literal('unit'), unitId: z.string(), name: z.string() }),
  z.object({ type: z.literal('external'), name: z.string(), email: z.string() }),
]);

/** `GET /api/documents/:id/versions/:version`: what that version held. */
export const versionDetail = versionSummary.extend({
  kind: z.enum(KINDS),
  urgency: z.enum(URGENCIES),
  secrecy: z.enum(SECRECIES),
  category: z.enum(CATEGORIES),
  within: z.string().optional(),
  to: z.array(versionRecipient),
  body: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  attachments: z.array(z.object({ name: z.string(), sha256: z.string() })),
});
