/**
 * The registers as an Excel workbook (.xlsx) for clerks who keep or hand on the register in Excel: the same columns
 * and Thai text as the CSV and the PDF, laid out to print and to filter.
 */
import { Workbook, type Worksheet } from 'exceljs';
import { formatThaiDateTime, registerLabel, toThaiDigits, type RegisterKind } from '../domain';
import { registerCells, registerColumns, type RegisterRow } from './registers';

/** The media type of an .xlsx file. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Excel's number format for an integer shown in Thai digits ("D" numerals, Thai locale 041E): the register number is
 * a real number, so it sorts and filters as one, and reads "๑๒๓" as on the printed register.
 */
export const THAI_DIGITS_FORMAT = '[$-D00041E]0';

/** The row of the column headers (the title and the unit come first). */
export const XLSX_HEADER_ROW = 3;

/** Column widths in characters, by column key. */
const WIDTHS: Record<string, number> = {
  numberText: 12,
  documentNumber: 18,
  dateText: 14,
  from: 30,
  to: 30,
  subject: 50,
  action: 24,
  remark: 30,
};

/**
 * One worksheet: the register's title, unit and year; the regulation's column headers (bold, frozen, with a filter,
 * repeated on every printed page); one row per entry, the number as a number in Thai digits, the other cells as
 * printed (Thai digits, Thai dates); cancelled entries struck through. Landscape A4, one page wide.
 */
export async function registerXlsx(o: {
  register: RegisterKind;
  unitName: string;
  year: number;
  rows: RegisterRow[];
  printedAt: Date;
}): Promise<Buffer> {
  const title = registerLabel(o.register);
  const columns = registerColumns(o.register);
  const book = new Workbook();
  book.creator = 'e-Saraban';
  book.created = o.printedAt;
  book.title = `${title} ${o.unitName} ${toThaiDigits(o.year)}`;
  const sheet = book.addWorksheet(`${title} ${toThaiDigits(o.year)}`.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${XLSX_HEADER_ROW}:${XLSX_HEADER_ROW}`,
    },
  });
  sheet.columns = columns.map((c) => ({ key: c.key, width: WIDTHS[c.key] ?? 20 }));
  writeHeading(sheet, columns.length, [
    `${title} ปี ${toThaiDigits(o.year)}`,
    `${o.unitName} · พิมพ์เมื่อ ${formatThaiDateTime(o.printedAt)}`,
  ]);
  const header = sheet.getRow(XLSX_HEADER_ROW);
  header.values = columns.map((c) => c.label);
  header.font = { name: 'TH Sarabun New', size: 16, bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const row of o.rows) {
    const cells: Array<string | number> = registerCells(o.register, row);
    cells[0] = row.number;
    const added = sheet.addRow(cells);
    added.font = { name: 'TH Sarabun New', size: 16, strike: row.cancelled };
    added.alignment = { vertical: 'top', wrapText: true };
    const numberCell = added.getCell(1);
    numberCell.numFmt = THAI_DIGITS_FORMAT;
    numberCell.alignment = { vertical: 'top', horizontal: 'center' };
  }
  sheet.autoFilter = {
    from: { row: XLSX_HEADER_ROW, column: 1 },
    to: { row: XLSX_HEADER_ROW + Math.max(o.rows.length, 1), column: columns.length },
  };
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The title and the unit, each across the whole width. */
function writeHeading(sheet: Worksheet, width: number, lines: string[]): void {
  lines.forEach((text, i) => {
    sheet.mergeCells(i + 1, 1, i + 1, width);
    const cell = sheet.getCell(i + 1, 1);
    cell.value = text;
    cell.font = { name: 'TH Sarabun New', size: i === 0 ? 20 : 16, bold: i === 0 };
    cell.alignment = { horizontal: 'center' };
  });
}
