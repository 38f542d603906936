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

/** Most tasks one POST /api/tasks/bulk may name (a full inbox page is 200; the web bar sends its selection). */
export const BULK_MAX_TASKS = 500;

/**
 * POST /api/tasks/bulk: one human step on many tasks, each its own Update with its own idempotency. The step's
 * fields are those of POST /api/tasks/:taskId/actions, and apply to every task named.
 */
export const bulkTaskActionInput = z
  .object({
    taskIds: z
      .array(z.string().min(1).max(64))
      .min(1)
      .max(BULK_MAX_TASKS)
      .refine((ids) => new Set(ids).size === ids.length, 'each task once'),
    ...taskActionInput.shape,
  })
  .strict();
