import type { DataSource } from 'typeorm';
import { formatReceiptStamp, formatThaiDateTime, isOverdue, kindLabel, secrecyLabel, urgencyLabel } from '../../domain';
import { parseDbTime } from '../../db/time';
import { INCOMING_ACTIONS } from '../../workflows/incoming/contract';
import { canWork, type WorkflowTask } from '../../workflows/shared/tasks';
import { canSeeDocument } from '../access/visibility';
import type { AuthUser } from '../auth/current-user';
import { notFound } from '../errors';
import { lifeActions } from '../support/lives';
import { documentExtras } from './outgoing-view';

type Row = Record<string, unknown>;

/**
 * Loads a document the user may see (api/access/visibility.ts: their unit, units they oversee, tasks they hold or
 * held; for ลับ/ลับมาก only the people named on it and their chain). Everyone else gets 404, never 403, so the
 * existence of a document is not disclosed.
 */
export async function loadVisibleDocument(ds: DataSource, id: string, user: AuthUser): Promise<Row> {
  const [doc] = (await ds.query('SELECT * FROM documents WHERE id = ?', [id])) as Row[];
  if (!doc || !(await canSeeDocument(ds, doc, user))) throw notFound();
  return doc;
}

/** GET /api/documents/:id as api.md gives it: fields, stage, receipt, minutes, history and open tasks. */
export async function presentDocument(
  ds: DataSource,
  doc: Row,
  user: AuthUser,
  /** Where the operators' Temporal UI is, and the namespace the lives run in (the cluster's is not `default`). */
  temporalUi: { url: string; namespace: string },
  now = new Date(),
) {
  const id = String(doc.id);
  const [history, tasks, [unit], minutes] = (await Promise.all([
    ds.query(
      `SELECT a.at, a.action, a.details, a.actor_user_id, u.display_name FROM audit_log a
       LEFT JOIN users u ON u.id = a.actor_user_id WHERE a.document_id = ? ORDER BY a.id`,
      [id],
    ),
    ds.query(
      `SELECT t.*, u.display_name FROM tasks t LEFT JOIN users u ON u.id = t.assignee_user_id
       WHERE t.document_id = ? AND t.status = 'open' ORDER BY t.created_at`,
      [id],
    ),
    ds.query('SELECT id, name, letter_code FROM units WHERE id = ?', [doc.unit_id]),
    ds.query(
      `SELECT at, text, author_user_id, author_name, position_title, decision FROM minutes
       WHERE document_id = ? ORDER BY at, id`,
      [id],
    ),
  ])) as [Row[], Row[], Row[], Row[]];
  const receivedAt = doc.received_at ? parseDbTime(doc.received_at) : undefined;
  const receiptNumber = doc.receipt_number === null ? undefined : Number(doc.receipt_number);
  return {
    id,
    workflowId: String(doc.workflow_id),
    direction: doc.direction,
    kind: doc.kind,
    kindText: kindLabel(doc.kind as never),
    subject: doc.subject,
    urgency: doc.urgency,
    urgencyText: urgencyLabel(doc.urgency as never),
    secrecy: doc.secrecy,
    secrecyText: secrecyLabel(doc.secrecy as never),
    category: doc.category,
    stage: doc.stage,
    medium: doc.medium,
    ...(doc.paper_reason ? { paperReason: doc.paper_reason, paperReasonCode: doc.paper_reason_code } : {}),
    unit: unit ? { id: unit.id, name: unit.name, letterCode: unit.letter_code } : undefined,
    sender: { name: doc.sender_name, number: doc.sender_number ?? undefined, date: doc.sender_date ?? undefined },
    to: doc.to_text ?? undefined,
    note: doc.note ?? undefined,
    hasFile: Boolean(doc.file_sha256),
    ...(doc.direction === 'incoming' && doc.file_sha256 ? { receiptStamp: presentReceiptStamp(history) } : {}),
    ...(receiptNumber !== undefined && receivedAt
      ? {
          receipt: {
            number: receiptNumber,
            year: Number(doc.receipt_year),
            receivedAt: receivedAt.toISOString(),
            text: formatReceiptStamp({ number: receiptNumber, receivedAt }),
          },
          receivedAtText: formatThaiDateTime(receivedAt),
        }
      : {}),
    createdAt: parseDbTime(doc.created_at).toISOString(),
    minutes: minutes.map((m) => presentMinute(m)),
    history: history.map((h) => presentHistory(h)),
    openTasks: tasks.map((t) => presentOpenTask(t, user, now)),
    ...(await documentExtras(ds, doc)),
    temporalUrl: `${temporalUi.url}/namespaces/${encodeURIComponent(temporalUi.namespace)}/workflows/${encodeURIComponent(String(doc.workflow_id))}`,
  };
}

/**
 * Where the receipt stamp on a received PDF stands: `stamped` (the PDF served is the stamped revision; the sender's
 * original is `originalSha256`), `not_stamped` (the file could not take it: `reason`), or `pending` (the life stamps
 * it a moment after registration; clients poll until it is settled).
 */
function presentReceiptStamp(history: Row[]) {
  const entry = history.find(
    (h) => h.action === 'document.receipt_stamped' || h.action === 'document.receipt_not_stamped',
  );
  if (!entry) return { status: 'pending' as const };
  const details = (typeof entry.details === 'string' ? JSON.parse(entry.details) : entry.details) as Row;
  if (entry.action === 'document.receipt_not_stamped')
    return { status: 'not_stamped' as const, reason: details.reason };
  const at = parseDbTime(entry.at);
  return {
    status: 'stamped' as const,
    at: at.toISOString(),
    atText: formatThaiDateTime(at),
    sha256: details.sha256,
    originalSha256: details.previousSha256,
  };
}

/** A minute (เกษียน) as api.md gives it: when, the text, who wrote it, under which title, and what they decided. */
function presentMinute(m: Row) {
  const at = parseDbTime(m.at);
  return {
    at: at.toISOString(),
    atText: formatThaiDateTime(at),
    text: String(m.text),
    author: { id: String(m.author_user_id), displayName: String(m.author_name) },
    positionTitle: String(m.position_title),
    decision: String(m.decision),
  };
}

function presentHistory(h: Row) {
  const at = parseDbTime(h.at);
  const details = (typeof h.details === 'string' ? JSON.parse(h.details) : h.details) as Record<string, unknown>;
  return {
    at: at.toISOString(),
    atText: formatThaiDateTime(at),
    actor: h.actor_user_id ? { id: h.actor_user_id, displayName: h.display_name } : null,
    action: h.action,
    ...(details.comment ? { comment: details.comment } : {}),
    details,
  };
}

function presentOpenTask(t: Row, user: AuthUser, now: Date) {
  const task: WorkflowTask = {
    taskId: String(t.id),
    type: t.type as WorkflowTask['type'],
    status: 'open',
    unitId: String(t.unit_id),
    ...(t.queue_role ? { queueRole: String(t.queue_role) } : {}),
    ...(t.assignee_user_id ? { assigneeUserId: String(t.assignee_user_id) } : {}),
  };
  const actor = { userId: user.id, displayName: user.displayName, roles: user.roles, unitId: user.registryUnit.id };
  const dueAt = t.due_at ? parseDbTime(t.due_at) : undefined;
  return {
    taskId: task.taskId,
    type: task.type,
    unitId: task.unitId,
    queueRole: task.queueRole,
    assignee: t.assignee_user_id ? { id: t.assignee_user_id, displayName: t.display_name } : undefined,
    createdAt: parseDbTime(t.created_at).toISOString(),
    dueAt: dueAt?.toISOString(),
    dueAtText: dueAt ? formatThaiDateTime(dueAt) : undefined,
    overdue: dueAt ? isOverdue(dueAt, now) : false,
    escalationLevel: Number(t.escalation_level ?? 0),
    availableActions: canWork(task, actor)
      ? (lifeActions(String(t.workflow_id), task.type) ?? INCOMING_ACTIONS[task.type] ?? []).filter(
          (a) => a !== 'claim' || task.queueRole,
        )
      : [],
  };
}
