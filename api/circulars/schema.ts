import { z } from 'zod';
import { CATEGORIES, fileInput, KINDS, MEDIA, SECRECIES, text, URGENCIES } from '../../domain';
import { documentNumber } from '../documents/schema';

/** The body of a circular: a text, or the parts of its kind as `POST /api/documents` takes them. */
const circularBody = z.union([
  text(1, 20_000),
  z.record(z.string().max(64), z.union([text(0, 20_000), z.array(text(1, 500)).max(200)])),
]);

/**
 * `POST /api/circulars`: `to` lists unit ids and group ids (`all-districts`, `all-departments`, `all-offices`,
 * `all-units`); a section stands for the unit that keeps its registers.
 */
export const circularInput = z
  .object({
    subject: text(1, 500),
    urgency: z.enum(URGENCIES).default('normal'),
    secrecy: z.enum(SECRECIES).default('none'),
    category: z.enum(CATEGORIES).default('general'),
    kind: z.enum(KINDS).default('memo'),
    to: z.array(text(1, 100)).min(1).max(1000),
    body: circularBody,
    file: fileInput.optional(),
  })
  .strict();

export type CircularInputBody = z.infer<typeof circularInput>;

/** `GET /api/circulars`: the circulars the caller's unit (and the units it oversees) sent, newest first. */
export const circularListQuery = z
  .object({
    stage: z.enum(['circulating', 'closed', 'paper']).optional(),
    /** Only circulars some unit has not acknowledged yet. */
    pending: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

/** `POST /api/circulars` (201): the circular, its number (none on paper) and how many units it goes to. */
export const circularRegistration = z.object({
  id: z.string(),
  workflowId: z.string(),
  stage: z.string(),
  medium: z.enum(MEDIA),
  number: documentNumber.nullable(),
  recipients: z.number().int(),
  paperReason: z.string().optional(),
  paperReasonCode: z.string().optional(),
});

/** One row of `GET /api/circulars`, with its acknowledgements counted. */
export const circularListItem = z.object({
  id: z.string(),
  subject: z.string(),
  urgency: z.enum(URGENCIES),
  urgencyText: z.string(),
  secrecy: z.enum(SECRECIES),
  stage: z.string(),
  medium: z.enum(MEDIA),
  /** The number as printed in code ("กท 0403/ว 276"); null on paper. */
  number: z.string().nullable(),
  unitId: z.string(),
  toText: z.string(),
  paperReason: z.string().optional(),
  createdAt: z.string(),
  createdAtText: z.string(),
  acknowledgements: z.object({
    units: z.number().int(),
    acknowledged: z.number().int(),
    expired: z.number().int(),
    pending: z.number().int(),
    escalated: z.number().int(),
  }),
});

/** `GET /api/circulars`: a page, newest first. */
export const circularPage = z.object({ items: z.array(circularListItem), nextCursor: z.string().nullable() });

/** `GET /api/circulars/groups`: the group targets and how many units each holds now. */
export const circularGroups = z.object({
  items: z.array(z.object({ id: z.string(), label: z.string(), units: z.number().int() })),
});
