import { z } from 'zod';
import { TASK_ACTIONS } from '../../workflows/shared/tasks';

export const taskActionInput = z
  .object({
    action: z.enum(TASK_ACTIONS),
    comment: z.string().trim().max(2000).optional(),
    toUserId: z.string().max(36).optional(),
    toPositionId: z.string().max(64).optional(),
  })
  .strict();
