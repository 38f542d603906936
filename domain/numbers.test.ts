import fc from 'fast-check';
import {
  formatDocumentNumber,
  formatOrderNumber,
  formatReceiptStamp,
  normalizeLetterCode,
  parseDocumentNumber,
  receiptStampLines,
  registerFor,
} from './numbers';
import { toThaiDigits } from './thai/digits';

describe('document numbers', () => {
  it.each([
    [{ letterCode: 'กท 0403', value: 276 }, 'กท 0403/276'],
    [{ letterCode: 'กท 0403', value: 276, circular: true }, 'กท 0403/ว 276'],
    [{ letterCode: 'กท 0403', value: 276, circular: true, digits: 'thai' as const }, 'กท ๐๔๐๓/ว ๒๗๖'],
    [{ letterCode: 'กท 0403.1', value: 12 }, 'กท 0403.1/12'],
    [{ letterCode: 'กท๐๔๐๓', value: 1 }, 'กท 0403/1'],
    [{ letterCode: ' นร 0105 . 2 ', value: 45, digits: 'thai' as const }, 'นร ๐๑๐๕.๒/๔๕'],
    [{ letterCode: 'กท', value: 9 }, 'กท/9'],
  ])('prints %o as %s', (input, text) => {
    expect(formatDocumentNumber(input)).toBe(text);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %p: numbers run from 1', (value) => {
    expect(() => formatDocumentNumber({ letterCode: 'กท 0403', value })).toThrow(RangeError);
  });

  it.each([
    ['ที่ กท ๐๔๐๓/ว ๒๗๖', 'กท 0403', 276, true],
    ['กท 0403/ว 276', 'กท 0403', 276, true],
    ['กท0403/ว276', 'กท 0403', 276, true],
    ['กท ๐๔๐๓ / ว. ๒๗๖', 'กท 0403', 276, true],
    ['ที่กท 0403/276', 'กท 0403', 276, false],
    ['ที่: กท 0403/276', 'กท 0403', 276, false],
    ['  กท   0403 /   276  ', 'กท 0403', 276, false],
    ['กท 0403.1/12', 'กท 0403.1', 12, false],
    ['กท ๐๔๐๓.๑/ว ๑๒', 'กท 0403.1', 12, true],
    ['นร 0105.2/ว 1234', 'นร 0105.2', 1234, true],
    ['มท 0808.2/ว 5678', 'มท 0808.2', 5678, true],
    ['กท 9511/0123', 'กท 9511', 123, false],
    ['กท\u200B 0403/276', 'กท 0403', 276, false],
    ['กท\u00A00403/276', 'กท 0403', 276, false],
  ])('reads %p as %s / %i (circular %p)', (text, letterCode, value, circular) => {
    expect(parseDocumentNumber(text)).toEqual({ letterCode, value, circular });
  });

  it.each(['', 'ที่', '276', 'กท 0403', 'กท 0403/', 'กท 0403/0', 'abc 12/3', 'กท 0403/ว', 'เรื่อง แจ้งแนวทาง'])(
    'does not take %p for a number',
    (text) => {
      expect(parseDocumentNumber(text)).toBeNull();
    },
  );

  it('normalises a letter code', () => {
    expect(normalizeLetterCode('กท๐๔๐๓')).toBe('กท 0403');
    expect(normalizeLetterCode('กท 0403 . 1')).toBe('กท 0403.1');
    expect(normalizeLetterCode('  something else ')).toBe('something else');
  });

  const letterCodes = fc
    .tuple(
      fc.array(fc.integer({ min: 0x0e01, max: 0x0e2e }), { minLength: 1, maxLength: 3 }),
      fc.array(fc.stringMatching(/^\d{1,5}$/), { minLength: 1, maxLength: 3 }),
    )
    .map(([letters, parts]) => `${String.fromCodePoint(...letters)} ${parts.join('.')}`);

  it('reads back every number it prints, in either digits', () => {
    fc.assert(
      fc.property(
        letterCodes,
        fc.integer({ min: 1, max: 999_999 }),
        fc.boolean(),
        fc.constantFrom('arabic' as const, 'thai' as const),
        (letterCode, value, circular, digits) => {
          const parsed = parseDocumentNumber(formatDocumentNumber({ letterCode, value, circular, digits }));
          expect(parsed).toEqual({ letterCode, value, circular });
        },
      ),
    );
  });

  it('reads a number however a clerk spaces it', () => {
    const spaces = fc.constantFrom('', ' ', '  ', '\u00A0');
    fc.assert(
      fc.property(
        letterCodes,
        fc.integer({ min: 1, max: 99_999 }),
        fc.boolean(),
        spaces,
        spaces,
        spaces,
        (code, value, circular, a, b, c) => {
          const [letters, digits] = code.split(' ');
          const typed = `ที่${a}${letters}${b}${toThaiDigits(digits)}${a}/${c}${circular ? `ว${b}` : ''}${value}`;
          expect(parseDocumentNumber(typed)).toEqual({ letterCode: code, value, circular });
        },
      ),
    );
  });

  it('numbers an order per Buddhist-era year', () => {
    expect(formatOrderNumber({ value: 12, beYear: 2566 })).toBe('12/2566');
    expect(formatOrderNumber({ value: 12, beYear: 2566, digits: 'thai' })).toBe('๑๒/๒๕๖๖');
  });

  it.each([
    [{ direction: 'incoming' as const }, 'receipt'],
    [{ direction: 'incoming' as const, secrecy: 'confidential' as const }, 'secret_receipt'],
    [{ direction: 'outgoing' as const }, 'dispatch'],
    [{ direction: 'outgoing' as const, circular: true }, 'circular'],
    [{ direction: 'outgoing' as const, secrecy: 'secret' as const, circular: true }, 'secret_dispatch'],
  ])('keeps %o in the %s register', (input, register) => {
    expect(registerFor(input)).toBe(register);
  });
});

describe('the receipt stamp', () => {
  it('prints the issue’s example', () => {
    const receivedAt = new Date('2026-11-25T10:15:00+07:00');
    expect(formatReceiptStamp({ number: 12, receivedAt })).toBe('เลขรับ ๑๒ วันที่ ๒๕ พ.ย. ๒๕๖๙ เวลา ๑๐.๑๕');
    expect(formatReceiptStamp({ number: 12, receivedAt, unitName: 'สำนักงานเขตลาดกระบัง' })).toBe(
      'สำนักงานเขตลาดกระบัง เลขรับ ๑๒ วันที่ ๒๕ พ.ย. ๒๕๖๙ เวลา ๑๐.๑๕',
    );
  });

  it('prints domain.md’s example at Lat Krabang', () => {
    const receivedAt = new Date('2023-12-25T02:39:00Z');
    expect(formatReceiptStamp({ number: 123, receivedAt, unitName: 'สำนักงานเขตลาดกระบัง' })).toBe(
      'สำนักงานเขตลาดกระบัง เลขรับ ๑๒๓ วันที่ ๒๕ ธ.ค. ๒๕๖๖ เวลา ๐๙.๓๙',
    );
  });

  it('gives the lines of the stamp box', () => {
    expect(receiptStampLines({ number: 1, receivedAt: new Date('2024-01-01T00:05:00+07:00') })).toEqual({
      number: 'เลขรับ ๑',
      date: 'วันที่ ๑ ม.ค. ๒๕๖๗',
      time: 'เวลา ๐๐.๐๕',
    });
  });
});
