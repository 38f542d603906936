import { z } from 'zod';
import { TASK_ACTIONS } from '../../workflows/shared/tasks';

export const taskActionInput = z
  .object({
    action: z.enum(TASK_ACTIONS),
    comment: z.string().trim().max(2000).optional(),
    toUserId: z.string().max(36).optional(),
    toPositionId: z.string().max(64).optional(),
    /** assign: a section of the task's unit (its head gets the task); forward: another unit. */
    toUnitId: z.string().max(64).optional(),
  })
  .strict();

/** POST /api/tasks/:taskId/reassign: a supervisor moves a task to another official of their units. */
export const reassignInput = z
  .object({
    toUserId: z.string().min(1).max(36),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict();
