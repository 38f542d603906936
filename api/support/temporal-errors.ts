import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TASK_ERRORS, type TaskErrorCode } from '../../workflows/shared/tasks';
import { HttpError } from '../errors';

/**
 * Turns a rejected update into the API's answer: a validator's refusal keeps its code (409 stale or duplicate,
 * 403 not the holder, …); a workflow that has already finished means the task is no longer open.
 */
export function httpErrorFromTemporal(error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure && cause.type && cause.type in TASK_ERRORS) {
      return new HttpError(TASK_ERRORS[cause.type as TaskErrorCode], cause.type, cause.message);
    }
    return new HttpError(409, 'UPDATE_REJECTED', cause?.message ?? error.message);
  }
  if (error instanceof WorkflowNotFoundError)
    return new HttpError(409, 'TASK_NOT_OPEN', 'The document has finished its life');
  const message = (error as Error)?.message ?? '';
  if (/workflow execution already completed|already completed/i.test(message)) {
    return new HttpError(409, 'TASK_NOT_OPEN', 'The document has finished its life');
  }
  return error;
}
