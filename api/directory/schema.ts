import { z } from 'zod';
import { OUTSIDE_BODY_KINDS } from '../../db/outside-bodies';

/** GET /api/directory: outside bodies whose name (from any word) or e-mail begins with `q`; every one without `q`. */
export const directoryQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();

/** An outside body as a drafter picks it: its name, e-mail, kind and note. */
export const directoryEntry = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  kind: z.enum(OUTSIDE_BODY_KINDS),
  note: z.string().nullable(),
});

/** `GET /api/directory`. */
export const directoryList = z.object({ items: z.array(directoryEntry) });
