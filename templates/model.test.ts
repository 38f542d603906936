import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_LETTERS } from './demo-letters';
import { buildLetterModel, paragraphsOf, templateFor, thaiText } from './model';
import { renderLetterHtml } from './render-html';

describe('thaiText', () => {
  it.each([
    ['กท 0403/ว 276', 'กท ๐๔๐๓/ว ๒๗๖'],
    ['โทร. 0 2221 4848', 'โทร. ๐ ๒๒๒๑ ๔๘๔๘'],
    ['ส่งที่ saraban1@bma.go.th ภายใน 3 วัน', 'ส่งที่ saraban1@bma.go.th ภายใน ๓ วัน'],
    ['https://example.org/a1 หน้า 2', 'https://example.org/a1 หน้า ๒'],
  ])('writes %s as %s', (input, expected) => expect(thaiText(input)).toBe(expected));
});

describe('templateFor', () => {
  it.each([
    ['memo', false, 'memo'],
    ['external', false, 'external'],
    ['stamped', false, 'stamped'],
    ['order', false, 'order'],
    ['regulation', false, 'order'],
    ['announcement', false, 'announcement'],
    ['news', false, 'announcement'],
    ['memo', true, 'circular'],
  ] as const)('prints a %s (circular %s) with the %s template', (kind, circular, id) =>
    expect(templateFor(kind, circular)).toBe(id),
  );
});

describe('buildLetterModel', () => {
  it('prints the seed memo as a circular: ว number and date in Thai digits, ด่วนที่สุด in red, no closing', () => {
    const m = buildLetterModel(DEMO_LETTERS.circular);
    expect(m.template).toBe('circular');
    expect(m.number).toBe('กท ๐๔๐๓/ว ๒๗๖');
    expect(m.date).toBe('๒๒ ธันวาคม ๒๕๖๖');
    expect(m.urgencyMark).toBe('ด่วนที่สุด');
    expect(m.salutation).toBe('เรียน');
    expect(m.closing).toBe('');
    expect(m.footer).toContain('ลายมือชื่ออิเล็กทรอนิกส์');
  });

  it('gives an external letter เรียน … ขอแสดงความนับถือ and the acting lines of the signer', () => {
    const m = buildLetterModel(DEMO_LETTERS.external);
    expect([m.salutation, m.closing]).toEqual(['เรียน', 'ขอแสดงความนับถือ']);
    expect(m.signatureLines).toEqual([
      '(นางสาวจรัสศรี รัตตะมาน)',
      'ผู้อำนวยการสำนักงานเลขานุการปลัดกรุงเทพมหานคร ปฏิบัติราชการแทน',
      'ปลัดกรุงเทพมหานคร',
    ]);
    expect(m.enclosures).toHaveLength(2);
  });

  it('addresses the high officials of appendix 2 with กราบเรียน … ขอแสดงความนับถืออย่างยิ่ง', () => {
    const m = buildLetterModel({ ...DEMO_LETTERS.external, body: { recipient: 'เรียน นายกรัฐมนตรี', body: 'x' } });
    expect([m.salutation, m.recipient, m.closing]).toEqual(['กราบเรียน', 'นายกรัฐมนตรี', 'ขอแสดงความนับถืออย่างยิ่ง']);
  });

  it('prints the memo sections with their Thai titles, and the minutes (เกษียน) with dates', () => {
    const m = buildLetterModel(DEMO_LETTERS.memo);
    expect(m.paragraphs.filter((p) => p.heading).map((p) => p.text)).toEqual([
      'เรื่องเดิม',
      'ข้อเท็จจริง',
      'ข้อพิจารณา',
      'ข้อเสนอ',
    ]);
    expect(m.minutes[0]).toMatchObject({ name: '(นางสาวสุดา บุญมา)', date: '๓ เม.ย. ๒๕๖๗ ๑๓.๔๐ น.' });
  });

  it('prints nothing for normal urgency and no secrecy', () => {
    const m = buildLetterModel(DEMO_LETTERS.stamped);
    expect([m.urgencyMark, m.secrecyMark]).toEqual([null, null]);
    expect(m.salutation).toBe('ถึง');
  });
});

describe('paragraphsOf', () => {
  it('splits lines into paragraphs and marks numbered items', () => {
    expect(paragraphsOf('ด้วย 1 เรื่อง\n\n1. ข้อแรก\nข้อ 2 ข้อสอง')).toEqual([
      { text: 'ด้วย ๑ เรื่อง' },
      { text: '๑. ข้อแรก', item: true },
      { text: 'ข้อ ๒ ข้อสอง', item: true },
    ]);
  });
});

describe('renderLetterHtml', () => {
  it.each(Object.keys(DEMO_LETTERS) as Array<keyof typeof DEMO_LETTERS>)(
    'renders the %s demo letter self-contained: fonts as data: URLs, the emblem inline, CSS unescaped',
    (id) => {
      const html = renderLetterHtml(DEMO_LETTERS[id]);
      expect(html).toContain("font-family:'Sarabun'");
      expect(html).toContain('data:font/woff2;base64,');
      expect(html).toContain('data-stand-in="true"');
      expect(html).not.toContain('&#x27;Sarabun');
      expect(html).not.toMatch(/file:\/\//);
    },
  );

  it('takes the official emblem from configuration in place of the stand-in', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'garuda-')), 'garuda.svg');
    writeFileSync(
      path,
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" id="official"/>',
    );
    const html = renderLetterHtml(DEMO_LETTERS.external, { emblemPath: path });
    expect(html).toContain('id="official"');
    expect(html).not.toContain('data-stand-in');
    expect(html).not.toContain('<?xml');
  });

  it('puts the secrecy mark in red at the top and bottom of every page', () => {
    const html = renderLetterHtml({ ...DEMO_LETTERS.memo, secrecy: 'confidential' });
    expect(html).toMatch(/@bottom-center \{ content: "ลับ"; color: #ff0000/);
  });
});
