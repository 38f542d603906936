/**
 * Document numbers (เลขที่หนังสือ) and the receipt stamp (ตรารับหนังสือ). A number is the unit's letter code, a slash
 * and the register's running number for the calendar year: "กท 0403/276"; circulars put ว before it: "กท 0403/ว 276".
 */
import type { RegisterKind, Secrecy } from './enums';
import { toArabicDigits, toThaiDigits } from './thai/digits';
import { formatThaiDate, formatThaiTime } from './thai/dates';

/** A document number taken apart. `letterCode` is canonical: Arabic digits, one space, e.g. "กท 0403.1". */
export type DocumentNumber = { letterCode: string; value: number; circular: boolean };

/** Which digits a printed number uses: 'arabic' in data and search, 'thai' on letters. */
export type DigitStyle = 'arabic' | 'thai';

// Thai consonants only (ก–ฮ): a letter code never carries vowels or tone marks, which is what lets "ที่" be told apart.
const LETTERS = '[\\u0E01-\\u0E2E]{1,4}';
const CODE_DIGITS = '\\d+(?:\\s*\\.\\s*\\d+)*';
const NUMBER_PATTERN = new RegExp(
  `^(?:ที่\\s*[:.]?\\s*)?(${LETTERS})\\s*\\.?\\s*(${CODE_DIGITS})?\\s*/\\s*(?:(ว)\\s*\\.?\\s*)?(\\d+)$`,
);
const CODE_PATTERN = new RegExp(`^(${LETTERS})\\s*\\.?\\s*(${CODE_DIGITS})?$`);

function clean(text: string): string {
  // Zero-width spaces are common in Thai text pasted from Word or a PDF.
  return toArabicDigits(text)
    .replace(/[\u200B-\u200D\u2060]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function canonicalCode(letters: string, digits: string | undefined): string {
  return digits ? `${letters} ${digits.replace(/\s+/g, '')}` : letters;
}

/** A letter code in canonical form: "กท๐๔๐๓ . ๑" → "กท 0403.1"; text that is not a code is only trimmed. */
export function normalizeLetterCode(code: string): string {
  const text = clean(code);
  const match = CODE_PATTERN.exec(text);
  return match ? canonicalCode(match[1], match[2]) : text;
}

/** Prints a document number: "กท 0403/276", circular "กท 0403/ว 276", Thai digits "กท ๐๔๐๓/ว ๒๗๖". */
export function formatDocumentNumber(input: {
  letterCode: string;
  value: number;
  circular?: boolean;
  digits?: DigitStyle;
}): string {
  if (!Number.isSafeInteger(input.value) || input.value < 1) {
    throw new RangeError(`A document number runs from 1: ${input.value}`);
  }
  const text = `${normalizeLetterCode(input.letterCode)}/${input.circular ? 'ว ' : ''}${input.value}`;
  return input.digits === 'thai' ? toThaiDigits(text) : text;
}

/**
 * Reads a number as a clerk types it from a received letter: Thai or Arabic digits, with or without spaces, with
 * "ที่" in front, dotted sub-codes ("กท 0403.1/12"), "ว" or "ว." for circulars. Null when it is not a number.
 */
export function parseDocumentNumber(text: string): DocumentNumber | null {
  const match = NUMBER_PATTERN.exec(clean(text));
  if (!match) return null;
  const value = Number(match[4]);
  if (!Number.isSafeInteger(value) || value < 1) return null;
  return { letterCode: canonicalCode(match[1], match[2]), value, circular: match[3] !== undefined };
}

/** The number of an order (คำสั่ง), which runs per Buddhist-era year: "12/2566", or "๑๒/๒๕๖๖" in Thai digits. */
export function formatOrderNumber(input: { value: number; beYear: number; digits?: DigitStyle }): string {
  const text = `${input.value}/${input.beYear}`;
  return input.digits === 'thai' ? toThaiDigits(text) : text;
}

/** The register a number comes from: secret documents keep their own registers; circulars their own ว series. */
export function registerFor(input: {
  direction: 'incoming' | 'outgoing';
  secrecy?: Secrecy;
  circular?: boolean;
}): RegisterKind {
  const secret = input.secrecy !== undefined && input.secrecy !== 'none';
  if (input.direction === 'incoming') return secret ? 'secret_receipt' : 'receipt';
  if (secret) return 'secret_dispatch';
  return input.circular ? 'circular' : 'dispatch';
}

/** The lines of a receipt stamp as printed top right on page one, Thai digits, BE year, Bangkok time. */
export function receiptStampLines(input: { number: number; receivedAt: Date; unitName?: string }): {
  unitName?: string;
  number: string;
  date: string;
  time: string;
} {
  return {
    ...(input.unitName ? { unitName: input.unitName } : {}),
    number: `เลขรับ ${toThaiDigits(input.number)}`,
    date: `วันที่ ${formatThaiDate(input.receivedAt, 'short')}`,
    time: `เวลา ${formatThaiTime(input.receivedAt)}`,
  };
}

/** The receipt stamp on one line: "สำนักงานเขตลาดกระบัง เลขรับ ๑๒ วันที่ ๒๕ พ.ย. ๒๕๖๙ เวลา ๑๐.๑๕". */
export function formatReceiptStamp(input: { number: number; receivedAt: Date; unitName?: string }): string {
  const lines = receiptStampLines(input);
  return [lines.unitName, lines.number, lines.date, lines.time].filter(Boolean).join(' ');
}
