import { z } from 'zod';
import { KINDS, SECRECIES, URGENCIES } from '../../domain';

const line = z.string().max(20_000);
const lines = z.array(z.string().max(2_000)).max(200);

/**
 * POST /api/letters/preview: a draft as the compose screen holds it. Lenient on purpose: a half-written draft still
 * previews; `POST /api/documents` is where the body is checked per kind.
 */
export const letterPreviewInput = z
  .object({
    kind: z.enum(KINDS),
    circular: z.boolean().optional(),
    subject: z.string().max(500).default(''),
    urgency: z.enum(URGENCIES).default('normal'),
    secrecy: z.enum(SECRECIES).default('none'),
    urgentWithin: z.iso.datetime({ offset: true }).optional(),
    body: z.record(z.string(), z.union([line, lines, z.boolean()])).default({}),
    number: z.string().max(120).optional(),
    date: z.iso.date().optional(),
    signature: z
      .object({
        name: z.string().min(1).max(255),
        title: z.string().min(1).max(500),
        actingFor: z
          .object({ kind: z.enum(['รักษาราชการแทน', 'ปฏิบัติราชการแทน']), title: z.string().min(1).max(500) })
          .optional(),
      })
      .optional(),
  })
  .strict();

/** The parsed preview request. */
export type LetterPreviewInput = z.infer<typeof letterPreviewInput>;
