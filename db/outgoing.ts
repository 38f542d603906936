import type { EntityManager } from 'typeorm';
import { dbTime } from './time';

type Row = Record<string, unknown>;

/** A draft version as stored (every field of the draft, the recipients and body as JSON). */
export interface VersionRow {
  documentId: string;
  version: number;
  kind: string;
  subject: string;
  urgency: string;
  secrecy: string;
  category: string;
  within?: string;
  recipients: unknown[];
  body?: Record<string, unknown> | null;
  attachments?: unknown[] | null;
  createdBy: string;
  createdAt: Date;
}

/** Inserts a version unless that (document, version) exists: a retried activity writes it once. */
export async function insertVersion(em: EntityManager, v: VersionRow): Promise<boolean> {
  const seen = (await em.query('SELECT id FROM document_versions WHERE document_id = ? AND version = ?', [
    v.documentId,
    v.version,
  ])) as Row[];
  if (seen.length > 0) return false;
  await em.query(
    `INSERT INTO document_versions (document_id, version, kind, subject, urgency, secrecy, category, within_at,
       recipients, body, attachments, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      v.documentId,
      v.version,
      v.kind,
      v.subject,
      v.urgency,
      v.secrecy,
      v.category,
      v.within ?? null,
      JSON.stringify(v.recipients),
      v.body ? JSON.stringify(v.body) : null,
      v.attachments?.length ? JSON.stringify(v.attachments) : null,
      v.createdBy,
      dbTime(v.createdAt),
    ],
  );
  return true;
}

/** One delivery of a dispatch, as recorded before anything is sent. */
export interface DeliveryRow {
  documentId: string;
  seq: number;
  recipientKey: string;
  unitId?: string | null;
  name: string;
  email?: string | null;
  method: string;
  status: string;
  paperReasonCode?: string | null;
  paperReason?: string | null;
  incomingDocumentId?: string | null;
  outboxId?: string | null;
  recordedAt: Date;
  deliveredAt?: Date | null;
}

/** Inserts a delivery unless the recipient already has one for this document (idempotent by recipient key). */
export async function insertDelivery(em: EntityManager, d: DeliveryRow): Promise<boolean> {
  const seen = (await em.query('SELECT id FROM deliveries WHERE document_id = ? AND recipient_key = ?', [
    d.documentId,
    d.recipientKey,
  ])) as Row[];
  if (seen.length > 0) return false;
  await em.query(
    `INSERT INTO deliveries (document_id, seq, recipient_key, unit_id, name, email, method, status, paper_reason_code,
       paper_reason, incoming_document_id, outbox_id, recorded_at, delivered_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      d.documentId,
      d.seq,
      d.recipientKey,
      d.unitId ?? null,
      d.name,
      d.email ?? null,
      d.method,
      d.status,
      d.paperReasonCode ?? null,
      d.paperReason ?? null,
      d.incomingDocumentId ?? null,
      d.outboxId ?? null,
      dbTime(d.recordedAt),
      d.deliveredAt ? dbTime(d.deliveredAt) : null,
    ],
  );
  return true;
}

/** A letter for the sending unit's central e-mail. */
export interface OutboxRow {
  id: string;
  idempotencyKey: string;
  documentId: string;
  unitId: string;
  fromAddress?: string | null;
  toName: string;
  toEmail: string;
  subject: string;
  createdAt: Date;
}

/** Queues a letter in the outbox as `pending`, once per idempotency key. */
export async function enqueueOutbox(em: EntityManager, o: OutboxRow): Promise<boolean> {
  const seen = (await em.query('SELECT id FROM outbox WHERE idempotency_key = ?', [o.idempotencyKey])) as Row[];
  if (seen.length > 0) return false;
  await em.query(
    `INSERT INTO outbox (id, idempotency_key, document_id, unit_id, from_address, to_name, to_email, subject, status,
       attempts, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)`,
    [
      o.id,
      o.idempotencyKey,
      o.documentId,
      o.unitId,
      o.fromAddress ?? null,
      o.toName,
      o.toEmail,
      o.subject,
      dbTime(o.createdAt),
    ],
  );
  return true;
}
