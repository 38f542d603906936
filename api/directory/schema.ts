import { z } from 'zod';

/** GET /api/directory: outside bodies whose name (from any word) or e-mail begins with `q`; every one without `q`. */
export const directoryQuery = z
  .object({
    q: z.string().trim().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();
