import { z } from 'zod';
import { outgoingDocumentInput, text } from '../../domain';

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
