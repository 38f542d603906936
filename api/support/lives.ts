import {
  CIRCULAR_ACTIONS,
  isCircularWorkflowId,
  taskActionUpdate as circularTaskAction,
} from '../../workflows/circular/contract';
import { taskActionUpdate as incomingTaskAction } from '../../workflows/incoming/contract';
import {
  isOutgoingWorkflowId,
  OUTGOING_ACTIONS,
  taskActionUpdate as outgoingTaskAction,
} from '../../workflows/outgoing/contract';
import type { TaskAction } from '../../workflows/shared/tasks';

/** The lives a task can belong to. */
export type Life = 'incoming' | 'outgoing' | 'circular';

/** The life of a workflow, by its business key's prefix: `out-…` outgoing, `circ-…` circular, else incoming. */
export function lifeOfWorkflow(workflowId: string): Life {
  if (isOutgoingWorkflowId(workflowId)) return 'outgoing';
  if (isCircularWorkflowId(workflowId)) return 'circular';
  return 'incoming';
}

/**
 * The `taskAction` update of the life that holds a task. Every life takes the same request shape (task id, action,
 * actor, comment, and the incoming life's extra targets), so the incoming definition's types serve for all.
 */
export function taskActionUpdateFor(workflowId: string): typeof incomingTaskAction {
  const life = lifeOfWorkflow(workflowId);
  if (life === 'outgoing') return outgoingTaskAction as unknown as typeof incomingTaskAction;
  if (life === 'circular') return circularTaskAction as unknown as typeof incomingTaskAction;
  return incomingTaskAction;
}

/** The actions a task of the outgoing or circular life offers; undefined for the incoming life (its own table). */
export function lifeActions(workflowId: string, type: string): TaskAction[] | undefined {
  const life = lifeOfWorkflow(workflowId);
  if (life === 'outgoing') return OUTGOING_ACTIONS[type as keyof typeof OUTGOING_ACTIONS] ?? [];
  if (life === 'circular') return CIRCULAR_ACTIONS[type as keyof typeof CIRCULAR_ACTIONS] ?? [];
  return undefined;
}
