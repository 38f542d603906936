import type { EntityManager } from 'typeorm';
import { formatReceiptStamp } from '../domain';
import { parseDbTime } from './time';

/**
 * An incoming document's registration as its life answers it (the shape of the incoming contract's Registration,
 * kept here structurally so db/ does not import workflow code).
 */
export interface StoredRegistration {
  id: string;
  workflowId: string;
  medium: 'electronic' | 'paper';
  paperReason?: string;
  paperReasonCode?: string;
  receipt: { number: number; year: number; receivedAt: string; text: string };
}

/** The columns of `documents` a registration is read from. */
export const REGISTRATION_COLUMNS =
  'workflow_id, medium, paper_reason, paper_reason_code, receipt_number, receipt_year, received_at';

/** A registration from a `documents` row (or the values about to be written), with the stamp's Thai text. */
export function registrationFromRow(
  ids: { documentId: string; workflowId: string },
  row: Record<string, unknown>,
): StoredRegistration {
  const receivedAt = parseDbTime(row.received_at);
  const number = Number(row.receipt_number);
  return {
    id: ids.documentId,
    workflowId: ids.workflowId,
    medium: row.medium as StoredRegistration['medium'],
    ...(row.paper_reason ? { paperReason: String(row.paper_reason) } : {}),
    ...(row.paper_reason_code ? { paperReasonCode: String(row.paper_reason_code) } : {}),
    receipt: {
      number,
      year: Number(row.receipt_year),
      receivedAt: receivedAt.toISOString(),
      text: formatReceiptStamp({ number, receivedAt }),
    },
  };
}

/** The registration of a document already stored with its receipt number, else undefined. */
export async function storedRegistration(
  em: Pick<EntityManager, 'query'>,
  documentId: string,
): Promise<StoredRegistration | undefined> {
  const [row] = (await em.query(
    `SELECT ${REGISTRATION_COLUMNS} FROM documents WHERE id = ? AND receipt_number IS NOT NULL`,
    [documentId],
  )) as Array<Record<string, unknown>>;
  return row && registrationFromRow({ documentId, workflowId: String(row.workflow_id) }, row);
}
