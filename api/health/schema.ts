import { z } from 'zod';

/**
 * `GET /api/health` (200, or 503 with the same body when a dependency is down or no worker polls): `instance` names
 * the answering API process, `workers` how many worker processes poll the task queue.
 */
export const healthAnswer = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['up', 'down']),
  temporal: z.enum(['up', 'down']),
  instance: z.string(),
  workers: z.number().int(),
});
