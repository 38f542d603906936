import type { EntityManager } from 'typeorm';
import { dbTime } from './time';

/** A human task as the workflow opens it. */
export interface OpenTaskInput {
  taskId: string;
  documentId: string;
  workflowId: string;
  type: string;
  unitId: string;
  queueRole?: string | null;
  assigneeUserId?: string | null;
  subject: string;
  urgency: string;
  fromText?: string | null;
  createdAt: Date;
  dueAt?: Date | null;
}

/** Inserts an open task unless it already exists (idempotent by task id). */
export async function openTask(em: EntityManager, t: OpenTaskInput): Promise<void> {
  const exists = (await em.query('SELECT id FROM tasks WHERE id = ?', [t.taskId])) as unknown[];
  if (exists.length > 0) return;
  await em.query(
    `INSERT INTO tasks (id, document_id, workflow_id, type, status, unit_id, queue_role, assignee_user_id, subject,
       urgency, from_text, created_at, due_at, escalation_level)
     VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
    [
      t.taskId,
      t.documentId,
      t.workflowId,
      t.type,
      t.unitId,
      t.queueRole ?? null,
      t.assigneeUserId ?? null,
      t.subject,
      t.urgency,
      t.fromText ?? null,
      dbTime(t.createdAt),
      t.dueAt ? dbTime(t.dueAt) : null,
    ],
  );
}

/** Closes an open task with its outcome; closing a task that is no longer open changes nothing. */
export async function closeTask(
  em: EntityManager,
  c: { taskId: string; status?: 'done' | 'cancelled'; outcome: string; closedBy: string | null; closedAt: Date },
): Promise<void> {
  await em.query(
    `UPDATE tasks SET status = ?, outcome = ?, closed_by = ?, closed_at = ? WHERE id = ? AND status = 'open'`,
    [c.status ?? 'done', c.outcome, c.closedBy, dbTime(c.closedAt), c.taskId],
  );
}

/** Sets a document's stage (the read model's copy of where its workflow is). */
export async function setDocumentStage(em: EntityManager, documentId: string, stage: string, at: Date): Promise<void> {
  await em.query('UPDATE documents SET stage = ?, updated_at = ? WHERE id = ?', [stage, dbTime(at), documentId]);
}
