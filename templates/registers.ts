/**
 * The registers (ทะเบียนหนังสือรับ / ส่ง / เวียน) as the regulation lays them out: their columns, one row per entry in
 * Thai digits, as a table for JSON, CSV and a landscape A4 page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { formatThaiDateTime, registerLabel, toThaiDigits, type RegisterKind } from '../domain';
import { sarabunFontFaces, thPt } from './fonts';
import { templatesDir } from './render-html';

/** A register entry as stored (register_entries), with the printed number already made. */
export interface RegisterRow {
  number: number;
  /** The document number as printed on the letter: the sender's for receipts, ours for dispatches. */
  documentNumber: string;
  /** The letter's date, already in Thai ("๒๒ ธ.ค. ๒๕๖๖"). */
  dateText: string;
  from: string;
  to: string;
  subject: string;
  action: string;
  remark: string;
  cancelled: boolean;
  /** A cancelled row: when, by whom and why (rows cancelled before these were kept have only the remark). */
  cancelledAt?: string;
  cancelledBy?: { id: string; displayName: string | null };
  cancelReason?: string | null;
}

/** One column: its key in a row, the regulation's Thai label, and its width on the page. */
export interface RegisterColumn {
  key: keyof RegisterRow | 'numberText';
  label: string;
  width: string;
}

/** The columns of each register, in the regulation's order (ระเบียบงานสารบรรณ). */
export function registerColumns(register: RegisterKind): RegisterColumn[] {
  const receipt = register === 'receipt' || register === 'secret_receipt';
  return [
    { key: 'numberText', label: receipt ? 'เลขทะเบียนรับ' : 'เลขทะเบียนส่ง', width: '9%' },
    { key: 'documentNumber', label: 'ที่', width: '11%' },
    { key: 'dateText', label: 'ลงวันที่', width: '9%' },
    { key: 'from', label: 'จาก', width: '15%' },
    { key: 'to', label: 'ถึง', width: '15%' },
    { key: 'subject', label: 'เรื่อง', width: receipt ? '19%' : '29%' },
    ...(receipt ? [{ key: 'action' as const, label: 'การปฏิบัติ', width: '10%' }] : []),
    { key: 'remark', label: 'หมายเหตุ', width: '12%' },
  ];
}

/** The cells of a row in column order, Thai digits everywhere except e-mail addresses. */
export function registerCells(register: RegisterKind, row: RegisterRow): string[] {
  return registerColumns(register).map((c) => {
    const value = c.key === 'numberText' ? toThaiDigits(row.number) : String(row[c.key] ?? '');
    return value.includes('@') ? value : toThaiDigits(value);
  });
}

/** CSV (RFC 4180) with a UTF-8 byte-order mark, so Excel opens the Thai text as Thai. */
export function registerCsv(register: RegisterKind, rows: RegisterRow[]): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [
    registerColumns(register)
      .map((c) => quote(c.label))
      .join(','),
  ];
  for (const row of rows) lines.push(registerCells(register, row).map(quote).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

let template: Handlebars.TemplateDelegate | undefined;

/** The register as a printable HTML page (landscape A4, header row repeated on every page). */
export function registerHtml(o: {
  register: RegisterKind;
  unitName: string;
  year: number;
  rows: RegisterRow[];
  printedAt: Date;
}): string {
  template ??= Handlebars.create().compile(readFileSync(join(templatesDir(), 'registers', 'register.hbs'), 'utf8'));
  const columns = registerColumns(o.register);
  return template({
    title: registerLabel(o.register),
    unitName: o.unitName,
    yearText: toThaiDigits(o.year),
    printedAt: formatThaiDateTime(o.printedAt),
    columns,
    rows: o.rows.map((row) => ({
      cancelled: row.cancelled,
      cells: registerCells(o.register, row).map((text, i) => ({
        text,
        cls: columns[i].key === 'numberText' ? 'n' : columns[i].key === 'remark' ? 'remark' : '',
      })),
    })),
    style: { fontFaces: sarabunFontFaces(), body: thPt(14), small: thPt(12), heading: thPt(20) },
  });
}
