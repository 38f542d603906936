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

/** One task of `GET /api/supervisor/overdue`: the holder (or the queue), its age and how late it is. */
export const overdueItem = z.object({
  taskId: z.string(),
  documentId: z.string(),
  type: z.string(),
  subject: z.string(),
  urgency: z.enum(URGENCIES),
  urgencyText: z.string(),
  unit: z.object({ id: z.string(), name: z.string().nullable() }),
  holder: z
    .object({
      id: z.string(),
      displayName: z.string().nullable(),
      positionTitle: z.string().nullable(),
      unitId: z.string().nullable(),
    })
    .nullable(),
  queue: z.object({ unitId: z.string(), role: z.string().nullable() }).nullable(),
  createdAt: z.string(),
  createdAtText: z.string(),
  dueAt: z.string(),
  dueAtText: z.string(),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  escalationLevel: z.number().int(),
  /** Since the task opened: wall-clock seconds, and working seconds on the office calendar. */
  ageSeconds: z.number().int(),
  workingAgeSeconds: z.number().int(),
  overdueSeconds: z.number().int(),
  /** Working seconds past due, on the administrator's calendar (as `workingAgeSeconds`). */
  overdueWorkingSeconds: z.number().int(),
});

/** `GET /api/supervisor/overdue`: a page, soonest due first, and how many there are in all. */
export const overduePage = z.object({
  items: z.array(overdueItem),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});
