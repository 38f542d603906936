import fc from 'fast-check';
import { THAI_DIGITS, hasThaiDigits, toArabicDigits, toThaiDigits } from './digits';

describe('Thai digits', () => {
  it('takes the ten digits from ICU, U+0E50 to U+0E59', () => {
    expect(THAI_DIGITS.join('')).toBe('๐๑๒๓๔๕๖๗๘๙');
    expect(THAI_DIGITS.map((d) => d.codePointAt(0))).toEqual(Array.from({ length: 10 }, (_, i) => 0x0e50 + i));
  });

  it.each([
    [276, '๒๗๖'],
    [0, '๐'],
    [2566, '๒๕๖๖'],
    [1234567, '๑๒๓๔๕๖๗'],
    ['กท 0403/ว 276', 'กท ๐๔๐๓/ว ๒๗๖'],
    ['โทร. 0 2221 4848 หรือโทร. 1482', 'โทร. ๐ ๒๒๒๑ ๔๘๔๘ หรือโทร. ๑๔๘๒'],
    ['ครั้งที่ 26/2566', 'ครั้งที่ ๒๖/๒๕๖๖'],
    [3.5, '๓.๕'],
  ])('writes %p as %p', (value, thai) => {
    expect(toThaiDigits(value)).toBe(thai);
  });

  it.each([
    ['กท ๐๔๐๓/ว ๒๗๖', 'กท 0403/ว 276'],
    ['เลขรับ ๑๒๓', 'เลขรับ 123'],
    ['mixed ๑2๓', 'mixed 123'],
    ['no digits', 'no digits'],
  ])('reads %p back as %p', (thai, arabic) => {
    expect(toArabicDigits(thai)).toBe(arabic);
  });

  it('grouping is never added to numbers (a register number is not an amount)', () => {
    expect(toThaiDigits(10000)).toBe('๑๐๐๐๐');
  });

  it('tells text with Thai digits from text without', () => {
    expect(hasThaiDigits('ที่ ๑')).toBe(true);
    expect(hasThaiDigits('ที่ 1')).toBe(false);
  });

  it('round-trips any text through Thai digits and back', () => {
    fc.assert(fc.property(fc.string(), (text) => toArabicDigits(toThaiDigits(text)) === toArabicDigits(text)));
    fc.assert(fc.property(fc.nat(), (n) => toArabicDigits(toThaiDigits(n)) === String(n)));
  });
});
