import { z } from 'zod';
import { CATEGORIES, fileInput, KINDS, SECRECIES, text, URGENCIES } from '../../domain';

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
