import { defineUpdate } from '@temporalio/workflow';
import type { Actor } from './tasks';

/**
 * A supervisor moves an open task to another official (`POST /api/tasks/:taskId/reassign`). The API has already
 * checked that the caller supervises the task's unit and that the new holder is in their units; the workflow's
 * validator rejects a task that is no longer open (409) or a move to the person who already holds it (422).
 */
export interface ReassignRequest {
  taskId: string;
  actor: Actor;
  toUser: { id: string; displayName: string; unitId: string };
  comment?: string;
  /** The API request of the move (`X-Request-Id`); optional, so histories recorded before it still replay. */
  requestId?: string;
}

/** The stage after the move and the task it opened. */
export interface ReassignResult {
  stage: string;
  taskId: string;
}

/** Handled by every life whose tasks a supervisor may move (the incoming life and its paper follow-up). */
export const reassignTaskUpdate = defineUpdate<ReassignResult, [ReassignRequest]>('reassignTask');
