import {
  CAPABILITIES,
  CATEGORIES,
  KINDS,
  MEDIA,
  REGISTERS,
  SECRECIES,
  URGENCIES,
  capabilityLabel,
  categoryLabel,
  compareSecrecy,
  compareUrgency,
  isUrgency,
  kindLabel,
  mediumLabel,
  registerLabel,
  secrecyColour,
  secrecyLabel,
  secrecyMark,
  urgencyColour,
  urgencyLabel,
  urgencyMark,
} from './enums';

describe('enumerations', () => {
  it('are exactly those of api.md', () => {
    expect(KINDS).toEqual([
      'external',
      'memo',
      'stamped',
      'order',
      'regulation',
      'bylaw',
      'announcement',
      'statement',
      'news',
      'certificate',
      'minutes',
      'record',
      'other',
    ]);
    expect(URGENCIES).toEqual(['normal', 'urgent', 'very_urgent', 'most_urgent']);
    expect(SECRECIES).toEqual(['none', 'confidential', 'secret', 'top_secret']);
    expect(CATEGORIES).toEqual(['general', 'procurement', 'disbursement', 'invitation', 'report', 'national_security']);
    expect(MEDIA).toEqual(['electronic', 'paper']);
    expect(CAPABILITIES).toEqual([
      'receive',
      'number',
      'internal_memo',
      'circulate',
      'create',
      'propose',
      'sign',
      'send',
      'annotate',
      'inter_unit',
      'e_circular',
      'executive',
      'external_letter',
      'stamped_letter',
      'central_email',
    ]);
    expect(REGISTERS).toEqual(['receipt', 'dispatch', 'circular', 'secret_receipt', 'secret_dispatch']);
  });

  it.each([
    ['urgent', 'ด่วน'],
    ['very_urgent', 'ด่วนมาก'],
    ['most_urgent', 'ด่วนที่สุด'],
  ] as const)('labels urgency %s as %s, printed in red', (urgency, label) => {
    expect(urgencyLabel(urgency)).toBe(label);
    expect(urgencyMark(urgency)).toBe(label);
    expect(urgencyColour(urgency)).toBe('#ff0000');
  });

  it('prints no mark for a normal, non-secret document', () => {
    expect(urgencyMark('normal')).toBeNull();
    expect(secrecyMark('none')).toBeNull();
    expect(urgencyColour('normal')).toBe('#000000');
  });

  it.each([
    ['confidential', 'ลับ'],
    ['secret', 'ลับมาก'],
    ['top_secret', 'ลับที่สุด'],
  ] as const)('labels secrecy %s as %s, printed in red', (secrecy, label) => {
    expect(secrecyLabel(secrecy)).toBe(label);
    expect(secrecyColour(secrecy)).toBe('#ff0000');
  });

  it.each([
    ['external', 'หนังสือภายนอก'],
    ['memo', 'บันทึกข้อความ'],
    ['stamped', 'หนังสือประทับตรา'],
    ['order', 'คำสั่ง'],
    ['announcement', 'ประกาศ'],
    ['minutes', 'รายงานการประชุม'],
  ] as const)('labels kind %s as %s', (kind, label) => {
    expect(kindLabel(kind)).toBe(label);
  });

  it('labels every id in Thai', () => {
    for (const k of KINDS) expect(kindLabel(k)).toMatch(/[\u0E00-\u0E7F]/);
    for (const c of CATEGORIES) expect(categoryLabel(c)).toMatch(/[\u0E00-\u0E7F]/);
    for (const c of CAPABILITIES) expect(capabilityLabel(c)).toMatch(/[\u0E00-\u0E7F]/);
    for (const r of REGISTERS) expect(registerLabel(r)).toMatch(/^ทะเบียน/);
    for (const m of MEDIA) expect(mediumLabel(m)).toMatch(/[\u0E00-\u0E7F]/);
  });

  it('orders urgency and secrecy', () => {
    expect(compareUrgency('most_urgent', 'urgent')).toBeGreaterThan(0);
    expect(compareSecrecy('confidential', 'top_secret')).toBeLessThan(0);
    expect(isUrgency('urgent')).toBe(true);
    expect(isUrgency('asap')).toBe(false);
  });
});
