import { z } from 'zod';
import { URGENCIES } from '../../domain';

export const inboxQuery = z.object({
  scope: z.enum(['mine', 'unit']).default('mine'),
  urgency: z.enum(URGENCIES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  type: z.string().max(32).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
