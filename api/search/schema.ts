import { z } from 'zod';
import { calendarDate, KINDS, MEDIA, SECRECIES, URGENCIES } from '../../domain';
import { documentNumber, receipt } from '../documents/schema';

/** GET /api/documents: search by Thai words, number, kind, urgency, stage, dates (Bangkok days) and unit. */
export const searchQuery = z.object({
  /** Thai (or any) words of the subject, note, body, sender or recipients; every word must match (prefixes too). */
  q: z.string().trim().max(200).optional(),
  /** A receipt number ("12", "12/2569"), our own document number or the sender's ("กท 0403/ว 276"). */
  number: z.string().trim().max(100).optional(),
  kind: z.enum(KINDS).optional(),
  urgency: z.enum(URGENCIES).optional(),
  secrecy: z.enum(SECRECIES).optional(),
  stage: z
    .string()
    .regex(/^[a-z_]{1,32}$/)
    .optional(),
  /** Received (or created) on or after this day, 'YYYY-MM-DD' in Bangkok. */
  from: calendarDate.optional(),
  /** Received (or created) on or before this day. */
  to: calendarDate.optional(),
  unitId: z.string().max(64).optional(),
  /** incoming, outgoing (drafts and letters) or circular. */
  direction: z.enum(['incoming', 'outgoing', 'circular']).optional(),
  /** `true`: only documents the caller created or registered (their drafts among them). */
  mine: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type SearchQuery = z.infer<typeof searchQuery>;

/** One document found by `GET /api/documents`. */
export const searchHit = z.object({
  id: z.string(),
  direction: z.enum(['incoming', 'outgoing', 'circular']),
  kind: z.enum(KINDS),
  kindText: z.string(),
  subject: z.string(),
  urgency: z.enum(URGENCIES),
  urgencyText: z.string(),
  secrecy: z.enum(SECRECIES),
  stage: z.string(),
  medium: z.enum(MEDIA),
  unitId: z.string(),
  sender: z.object({ name: z.string().optional(), number: z.string().optional() }),
  number: documentNumber.optional(),
  receipt: receipt.optional(),
  createdAt: z.string(),
});

/** `GET /api/documents`: a page of hits, newest first. */
export const searchPage = z.object({ items: z.array(searchHit), nextCursor: z.string().nullable() });
