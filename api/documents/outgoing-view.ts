import type { DataSource } from 'typeorm';
import { formatReceiptStamp, formatThaiDateTime, toThaiDigits } from '../../domain';
import { parseDbTime } from '../../db/time';

type Row = Record<string, unknown>;

const json = (value: unknown): unknown =>
  value === null || value === undefined ? undefined : typeof value === 'string' ? JSON.parse(value) : value;
const iso = (value: unknown): string | undefined => (value ? parseDbTime(value).toISOString() : undefined);

/**
 * What `GET /api/documents/:id` adds for an outgoing document or a circular: the number as api.md gives it (with
 * ยกเลิก when cancelled), the signature block, the current body, the versions, the recipients with how each was
 * delivered, and for a circular who has and has not acknowledged. Nothing for an incoming document.
 */
export async function documentExtras(ds: DataSource, doc: Row): Promise<Record<string, unknown>> {
  if (doc.direction !== 'outgoing' && doc.direction !== 'circular') return {};
  const id = String(doc.id);
  const extras: Record<string, unknown> = { body: json(doc.body) };
  if (doc.number_value !== null && doc.number_value !== undefined) extras.number = await numberOf(ds, doc);
  if (doc.signature_block) {
    extras.signature = {
      ...(json(doc.signature_block) as object),
      signedAt: iso(doc.signed_at),
      signedBy: doc.signed_by,
    };
  }
  if (doc.direction === 'circular') return { ...extras, ...(await acknowledgementsOf(ds, id)) };
  const [versions, deliveries] = (await Promise.all([
    ds.query(
      `SELECT v.version, v.created_at, v.created_by, u.display_name FROM document_versions v
       LEFT JOIN users u ON u.id = v.created_by WHERE v.document_id = ? ORDER BY v.version`,
      [id],
    ),
    ds.query(
      `SELECT d.*, r.receipt_number, r.receipt_year, r.received_at, r.unit_id AS receiving_unit FROM deliveries d
       LEFT JOIN documents r ON r.id = d.incoming_document_id WHERE d.document_id = ? ORDER BY d.seq`,
      [id],
    ),
  ])) as [Row[], Row[]];
  return {
    ...extras,
    version: Number(doc.current_version ?? 1),
    versions: versions.map((v) => ({
      version: Number(v.version),
      createdAt: iso(v.created_at),
      createdBy: { id: v.created_by, displayName: v.display_name ?? null },
    })),
    recipients: deliveries.length > 0 ? deliveries.map(presentDelivery) : await plannedRecipients(ds, id, doc),
  };
}

async function numberOf(ds: DataSource, doc: Row) {
  const [entry] = (await ds.query(
    'SELECT cancelled, remark, method FROM register_entries WHERE document_id = ? AND register = ? AND year = ? AND number = ?',
    [doc.id, doc.number_register, doc.number_year, doc.number_value],
  )) as Row[];
  const code = String(doc.number_code);
  const cancelled = Boolean(Number(entry?.cancelled ?? 0));
  return {
    value: Number(doc.number_value),
    year: Number(doc.number_year),
    register: doc.number_register,
    code,
    text: toThaiDigits(code),
    ...(entry?.method ? { method: entry.method } : {}),
    ...(cancelled ? { cancelled: true, remark: entry.remark } : {}),
  };
}

function presentDelivery(d: Row) {
  const receivedAt = d.received_at ? parseDbTime(d.received_at) : undefined;
  const receipt =
    d.receipt_number !== null && d.receipt_number !== undefined && receivedAt
      ? {
          number: Number(d.receipt_number),
          year: Number(d.receipt_year),
          receivedAt: receivedAt.toISOString(),
          text: formatReceiptStamp({ number: Number(d.receipt_number), receivedAt }),
        }
      : undefined;
  return {
    type: d.unit_id ? 'unit' : 'external',
    ...(d.unit_id ? { unitId: d.unit_id } : { email: d.email }),
    name: d.name,
    method: d.method,
    // An electronic delivery is done once the recipient unit has registered it with its receipt number.
    status: d.method === 'electronic' && d.status === 'delivered' && !receipt ? 'delivering' : d.status,
    ...(d.paper_reason ? { paperReason: d.paper_reason, paperReasonCode: d.paper_reason_code } : {}),
    ...(d.incoming_document_id ? { incomingDocumentId: d.incoming_document_id } : {}),
    ...(d.outbox_id ? { outboxId: d.outbox_id } : {}),
    ...(receipt ? { receipt } : {}),
    deliveredAt: iso(d.delivered_at),
  };
}

async function plannedRecipients(ds: DataSource, id: string, doc: Row) {
  const [v] = (await ds.query('SELECT recipients FROM document_versions WHERE document_id = ? AND version = ?', [
    id,
    Number(doc.current_version ?? 1),
  ])) as Row[];
  const list = (json(v?.recipients) ?? []) as Array<Record<string, unknown>>;
  return list.map((r) => ({ ...r, status: 'pending' }));
}

async function acknowledgementsOf(ds: DataSource, id: string) {
  const rows = (await ds.query(
    `SELECT a.*, n.name AS unit_name, u.display_name FROM circular_acknowledgements a
     JOIN units n ON n.id = a.unit_id LEFT JOIN users u ON u.id = a.acknowledged_by
     WHERE a.document_id = ? ORDER BY n.name, a.unit_id`,
    [id],
  )) as Row[];
  const acknowledgements = rows.map((a) => ({
    unitId: a.unit_id,
    unitName: a.unit_name,
    status: a.status,
    deliveredAt: iso(a.delivered_at),
    ...(a.acknowledged_at
      ? {
          acknowledgedAt: iso(a.acknowledged_at),
          acknowledgedAtText: formatThaiDateTime(parseDbTime(a.acknowledged_at)),
          by: { id: a.acknowledged_by, displayName: a.display_name ?? null },
        }
      : {}),
    reminders: Number(a.reminders ?? 0),
    ...(a.escalated_at ? { escalatedAt: iso(a.escalated_at) } : {}),
  }));
  const count = (status: string) => acknowledgements.filter((a) => a.status === status).length;
  return {
    acknowledgements,
    acknowledgementSummary: {
      units: acknowledgements.length,
      acknowledged: count('acknowledged'),
      pending: count('pending'),
      notAcknowledged: count('expired'),
    },
  };
}
