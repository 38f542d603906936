import type { DataSource } from 'typeorm';
import { formatDocumentNumber, formatThaiCalendarDate, formatThaiDate, type RegisterKind } from '../../domain';
import { parseDbTime } from '../../db/time';
import type { RegisterRow } from '../../templates/registers';

type Row = Record<string, unknown>;

const METHOD_TEXT: Record<string, string> = {
  electronic: 'ส่งทางระบบสารบรรณอิเล็กทรอนิกส์',
  email: 'ส่งทางอีเมลกลาง',
  internal: 'ภายในหน่วยงาน',
  paper: 'ส่งเป็นหนังสือกระดาษ',
};

/**
 * The rows of a unit's register for a Buddhist-era year, in number order, from `afterNumber` on. The letter number
 * of a dispatch is the document's own (`number_code`, when the outgoing life set it), else the unit's code and the
 * register number.
 */
export async function loadRegisterRows(
  ds: DataSource,
  q: { register: RegisterKind; unitId: string; year: number; afterNumber?: number; limit?: number },
): Promise<{ rows: RegisterRow[]; total: number }> {
  const [unit] = (await ds.query('SELECT letter_code FROM units WHERE id = ?', [q.unitId])) as Row[];
  const [{ n }] = (await ds.query(
    'SELECT COUNT(*) AS n FROM register_entries WHERE register = ? AND unit_id = ? AND year = ?',
    [q.register, q.unitId, q.year],
  )) as Array<{ n: number | string }>;
  const entries = (await ds.query(
    `SELECT r.*, c.display_name AS cancelled_by_name FROM register_entries r LEFT JOIN users c ON c.id = r.cancelled_by
     WHERE r.register = ? AND r.unit_id = ? AND r.year = ? AND r.number > ?
     ORDER BY r.number ${q.limit ? `LIMIT ${Number(q.limit)}` : ''}`,
    [q.register, q.unitId, q.year, q.afterNumber ?? 0],
  )) as Row[];
  const ids = entries.map((e) => e.document_id).filter(Boolean) as string[];
  const docs = new Map<string, Row>();
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const found = (await ds.query(
      `SELECT * FROM documents WHERE id IN (${chunk.map(() => '?').join(',')})`,
      chunk,
    )) as Row[];
    for (const d of found) docs.set(String(d.id), d);
  }
  const incoming = q.register === 'receipt' || q.register === 'secret_receipt';
  const rows = entries.map((e): RegisterRow => {
    const doc = e.document_id ? docs.get(String(e.document_id)) : undefined;
    const number = Number(e.number);
    const ours =
      (doc?.number_code as string | undefined) ??
      (unit
        ? formatDocumentNumber({
            letterCode: String(unit.letter_code),
            value: number,
            circular: q.register === 'circular',
          })
        : '');
    const theirDate = e.their_date ? formatThaiCalendarDate(String(e.their_date), 'short') : '';
    const methods = String(e.method ?? '')
      .split('+')
      .filter(Boolean)
      .map((m) => METHOD_TEXT[m] ?? m);
    const cancelled = Boolean(Number(e.cancelled));
    const remark = [...cancelledRemark(e, cancelled), ...methods].filter(Boolean).join(' ');
    return {
      number,
      documentNumber: incoming ? String(e.their_number ?? '') : ours,
      dateText: incoming ? theirDate : formatThaiDate(parseDbTime(e.recorded_at), 'short'),
      from: String(e.from_text ?? ''),
      to: String(e.to_text ?? ''),
      subject: String(e.subject ?? ''),
      action: String(e.action_text ?? ''),
      remark,
      cancelled,
      ...(cancelled && e.cancelled_at
        ? {
            cancelledAt: parseDbTime(e.cancelled_at).toISOString(),
            cancelledBy: { id: String(e.cancelled_by), displayName: (e.cancelled_by_name as string | null) ?? null },
            cancelReason: (e.cancel_reason as string | null) ?? null,
          }
        : {}),
    };
  });
  return { rows, total: Number(n) };
}

/**
 * The หมายเหตุ of a row: its remark, and for a cancelled row ยกเลิก first (once: the remark of a cancel already starts
 * with it) and who cancelled it on which day, so the printed register says who, when and why.
 */
function cancelledRemark(e: Row, cancelled: boolean): string[] {
  const remark = e.remark ? String(e.remark) : '';
  if (!cancelled) return [remark];
  const who = e.cancelled_by_name ? String(e.cancelled_by_name) : '';
  const when = e.cancelled_at ? formatThaiDate(parseDbTime(e.cancelled_at), 'short') : '';
  const by = who || when ? `(${[who && `โดย ${who}`, when].filter(Boolean).join(' ')})` : '';
  return [remark.startsWith('ยกเลิก') ? '' : 'ยกเลิก', remark, by];
}
