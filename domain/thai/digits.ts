/**
 * Thai digits (เลขไทย, U+0E50–U+0E59) both ways. The digit glyphs are taken from ICU's `thai` numbering system, so no
 * table is typed by hand; they are real characters, never a font trick.
 */
const thaiNumberFormat = new Intl.NumberFormat('th-TH-u-nu-thai', { useGrouping: false });

/** The ten Thai digits, index = value, as ICU writes them. */
export const THAI_DIGITS: readonly string[] = Array.from({ length: 10 }, (_, d) => thaiNumberFormat.format(d));

const arabicOf = new Map(THAI_DIGITS.map((thai, value) => [thai, String(value)]));

/** Writes every Arabic digit of `value` as a Thai digit: `toThaiDigits('กท 0403/276')` → "กท ๐๔๐๓/๒๗๖". */
export function toThaiDigits(value: string | number): string {
  // Integers go through ICU itself; other text keeps its own characters and only swaps digits.
  if (typeof value === 'number' && Number.isSafeInteger(value)) return thaiNumberFormat.format(value);
  return String(value).replace(/[0-9]/g, (d) => THAI_DIGITS[d.charCodeAt(0) - 48]);
}

/** Writes every Thai digit of `text` as an Arabic digit (a clerk may type either): "๒๗๖" → "276". */
export function toArabicDigits(text: string): string {
  return text.replace(/[\u0E50-\u0E59]/g, (d) => arabicOf.get(d) ?? d);
}

/** True when `text` holds at least one Thai digit. */
export function hasThaiDigits(text: string): boolean {
  return /[\u0E50-\u0E59]/.test(text);
}
