import { z } from 'zod';
import { OUTSIDE_BODY_KINDS } from '../../db/outside-bodies';
import { receipt } from '../documents/schema';

/** GET /api/mail/review: a page of the held messages (keyset cursor as the answer's nextCursor gave it). */
export const mailReviewQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
/**
 * POST /api/mail/review/:heldId/accept: optionally the sender's name to register, and whether to add the sender (that
 * name and the From address) to the directory of outside bodies so their next letter is registered at once.
 */
export const acceptMailInput = z
  .object({
    senderName: z.string().trim().min(1).max(255).optional(),
    addSenderToDirectory: z.boolean().optional(),
    senderKind: z.enum(OUTSIDE_BODY_KINDS).optional(),
  })
  .strict()
  .refine((v) => !v.addSenderToDirectory || v.senderName, {
    path: ['senderName'],
    message: 'the name to keep in the directory',
  });
/** POST /api/mail/review/:heldId/reject: why (optional). */
export const rejectMailInput = z.object({ reason: z.string().max(500).optional() }).strict();

/** One held message of `GET /api/mail/review`: the From address, the name the intake read, its PDF attachments. */
export const heldMailItem = z.object({
  id: z.number().int(),
  from: z.string(),
  senderName: z.string(),
  subject: z.string(),
  receivedAt: z.string(),
  receivedAtText: z.string(),
  /** The names of its PDF attachments, in order (`…/files/:index` serves each). */
  attachments: z.array(z.string()),
  /** Accepted, but its registration did not finish: accepting it again finishes it. */
  registrationUnfinished: z.boolean(),
});

/** `GET /api/mail/review`: a page, oldest first, and how many wait. */
export const heldMailPage = z.object({
  items: z.array(heldMailItem),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

/** `POST /api/mail/review/:heldId/accept` (201): the registered document; the directory entry when one was asked for. */
export const heldMailAccepted = z.object({
  id: z.string(),
  workflowId: z.string(),
  receipt,
  /** null when the address was added to the directory meanwhile (by someone else). */
  directoryEntry: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable().optional(),
});
