import { z } from 'zod';
import { URGENCIES } from '../../domain';

/** GET /api/supervisor/overdue */
export const overdueQuery = z.object({
  /** overdue: past the due time; due_soon: due within DUE_SOON_SECONDS; all (default): both. */
  status: z.enum(['overdue', 'due_soon', 'all']).default('all'),
  urgency: z.enum(URGENCIES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
