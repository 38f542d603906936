import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { dbTime } from '../../db/time';

/** A document row written straight to the database (no workflow): for tests of who may see what. */
export async function insertDocument(
  ds: DataSource,
  o: { unitId: string; createdBy: string; secrecy?: string; direction?: string; subject?: string; fileSha256?: string },
): Promise<string> {
  const id = randomUUID();
  const now = dbTime(new Date());
  await ds.query(
    `INSERT INTO documents (id, workflow_id, direction, kind, subject, urgency, secrecy, category, unit_id, stage, medium,
       sender_name, file_sha256, file_name, created_by, created_at, updated_at)
     VALUES (?, ?, ?, 'memo', ?, 'normal', ?, 'general', ?, 'registered', 'electronic', 'ผู้ส่งทดสอบ', ?, ?, ?, ?, ?)`,
    [
      id,
      `test-${id}`,
      o.direction ?? 'incoming',
      o.subject ?? 'เอกสารทดสอบสิทธิ์',
      o.secrecy ?? 'none',
      o.unitId,
      o.fileSha256 ?? null,
      o.fileSha256 ? 'test.pdf' : null,
      o.createdBy,
      now,
      now,
    ],
  );
  return id;
}

/** An open task row on a document: a unit's queue task, or one held by a user. */
export async function insertTask(
  ds: DataSource,
  o: { documentId: string; unitId: string; assigneeUserId?: string; queueRole?: string; closedBy?: string },
): Promise<string> {
  const id = randomUUID();
  await ds.query(
    `INSERT INTO tasks (id, document_id, workflow_id, type, status, unit_id, queue_role, assignee_user_id, subject,
       urgency, created_at, escalation_level, closed_by)
     VALUES (?, ?, ?, 'act', ?, ?, ?, ?, 'งานทดสอบสิทธิ์', 'normal', ?, 0, ?)`,
    [
      id,
      o.documentId,
      `test-${o.documentId}`,
      o.closedBy ? 'done' : 'open',
      o.unitId,
      o.queueRole ?? null,
      o.assigneeUserId ?? null,
      dbTime(new Date()),
      o.closedBy ?? null,
    ],
  );
  return id;
}
