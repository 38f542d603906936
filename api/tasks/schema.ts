import { z } from 'zod';
import { TASK_ACTIONS } from '../../workflows/shared/tasks';
import { receipt } from '../documents/schema';

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

/** A task a human step opened. */
const openedTask = z.object({
  taskId: z.string(),
  type: z.string(),
  assigneeUserId: z.string().optional(),
  unitId: z.string(),
  dueAt: z.string().optional(),
});

/**
 * `POST /api/tasks/:taskId/actions`: the document's new stage and the tasks the step opened; a forward names the new
 * document in the other unit with its own receipt.
 */
export const taskActionAnswer = z.object({
  documentId: z.string(),
  stage: z.string(),
  nextTasks: z.array(openedTask),
  forwarded: z.object({ documentId: z.string(), workflowId: z.string(), receipt }).optional(),
});

/** `POST /api/tasks/:taskId/reassign`: the stage and the task the new holder holds. */
export const reassignAnswer = z.object({ documentId: z.string(), stage: z.string(), nextTasks: z.array(openedTask) });

/** `POST /api/tasks/bulk`: per task, in the order given, what `POST /api/tasks/:taskId/actions` alone answers. */
export const bulkTaskActionAnswer = z.object({
  results: z.array(
    z.union([
      taskActionAnswer.extend({ taskId: z.string(), status: z.literal(200) }),
      z.object({ taskId: z.string(), status: z.number().int(), code: z.string(), message: z.string() }),
    ]),
  ),
});
