/** A human task as the workflow keeps it; the inbox row in the database is its read model. */
export interface WorkflowTask {
  taskId: string;
  type: TaskType;
  status: 'open' | 'closing' | 'done';
  unitId: string;
  /** Set for a unit's shared queue: which role of the unit may take it. */
  queueRole?: string;
  assigneeUserId?: string;
  dueAt?: string;
}

/** Kinds of human task. */
export type TaskType = 'triage' | 'act' | 'review' | 'register_paper';

/** Every action a person can take on a task (api.md). */
export const TASK_ACTIONS = [
  'claim',
  'assign',
  'forward',
  'propose',
  'approve',
  'return',
  'sign',
  'annotate',
  'acknowledge',
  'register_paper',
  'close',
  'send',
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** Who is acting, as the API authenticated them. */
export interface Actor {
  userId: string;
  displayName: string;
  roles: string[];
  /** The actor's registry unit (the unit that keeps their registers). */
  unitId: string;
}

/** The reasons a human step is refused before anything changes; the API maps them to HTTP statuses. */
export const TASK_ERRORS = {
  TASK_NOT_OPEN: 409,
  NOT_TASK_HOLDER: 403,
  ACTION_NOT_ALLOWED: 422,
  INVALID_ACTION_INPUT: 400,
  /** The document is no longer at the stage this step needs (submitted, signed, withdrawn …). */
  WRONG_STAGE: 409,
  /** Only the document's author may do this. */
  NOT_AUTHOR: 403,
  /** The signer holds no post or appointment that lets them sign for the signing position that day. */
  NO_SIGNING_AUTHORITY: 403,
} as const;
export type TaskErrorCode = keyof typeof TASK_ERRORS;

/** True when the actor holds the task personally, or may take it from their unit's queue. */
export function canWork(task: WorkflowTask, actor: Actor): boolean {
  if (task.assigneeUserId) return task.assigneeUserId === actor.userId;
  return task.unitId === actor.unitId && (!task.queueRole || actor.roles.includes(task.queueRole));
}

/** The fields of a task that say who may work it: every life's tasks have them, whatever their types. */
export type TaskHolder = Pick<WorkflowTask, 'unitId' | 'queueRole' | 'assigneeUserId'>;

/** `canWork` for a task of any life (the outgoing and circular lives have task types of their own). */
export function canActOn(task: TaskHolder, actor: Actor): boolean {
  return canWork(task as WorkflowTask, actor);
}
