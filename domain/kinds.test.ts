import { KINDS } from './enums';
import { KIND_GROUPS, KIND_SPECS, kindGroupLabel, kindGroupOf, kindsOfGroup, layoutOrder } from './kinds';
import { formulasFor, recipientClassOf, salutationFor } from './salutations';
import { kindBodySchema, outgoingDocumentInput } from './schemas';

describe('the six kinds and their sub-types', () => {
  it.each([
    ['external', ['external']],
    ['internal', ['memo']],
    ['stamped', ['stamped']],
    ['directive', ['order', 'regulation', 'bylaw']],
    ['publicity', ['announcement', 'statement', 'news']],
    ['evidence', ['certificate', 'minutes', 'record', 'other']],
  ] as const)('%s holds %j', (group, kinds) => {
    expect(kindsOfGroup(group)).toEqual(kinds);
  });

  it('covers every kind, in six groups with Thai names', () => {
    expect(KIND_GROUPS).toHaveLength(6);
    expect(Object.keys(KIND_SPECS).sort()).toEqual([...KINDS].sort());
    expect(kindGroupLabel('directive')).toBe('หนังสือสั่งการ');
    expect(kindGroupOf('news')).toBe('publicity');
  });

  it('lays out an external letter as the regulation does', () => {
    expect(layoutOrder('external')).toEqual([
      'number',
      'agencyAddress',
      'date',
      'subject',
      'recipient',
      'references',
      'enclosures',
      'body',
      'closing',
      'signature',
      'signerName',
      'signerPosition',
      'ownerUnit',
      'phone',
      'fax',
      'email',
      'copyTo',
    ]);
    expect(KIND_SPECS.external.emblem).toBe('large');
    expect(KIND_SPECS.external.fields.find((f) => f.id === 'email')?.required).toBe(true);
  });

  it('lays out a memo with a small Garuda and the heading บันทึกข้อความ', () => {
    expect(KIND_SPECS.memo).toMatchObject({ emblem: 'small', heading: 'บันทึกข้อความ' });
    expect(layoutOrder('memo').slice(0, 5)).toEqual(['agency', 'number', 'date', 'subject', 'recipient']);
    expect(layoutOrder('memo')).not.toContain('closing');
  });

  it('lays out a stamped letter with ถึง and the red agency stamp', () => {
    expect(layoutOrder('stamped')).toEqual([
      'number',
      'to',
      'body',
      'agencyStamp',
      'initials',
      'date',
      'ownerUnit',
      'phone',
      'fax',
      'email',
    ]);
  });
});

describe('opening and closing formulas', () => {
  it.each([
    ['ผู้อำนวยการเขตลาดกระบัง', 'เรียน', 'ขอแสดงความนับถือ'],
    ['ปลัดกรุงเทพมหานคร', 'เรียน', 'ขอแสดงความนับถือ'],
    ['นายกรัฐมนตรี', 'กราบเรียน', 'ขอแสดงความนับถืออย่างยิ่ง'],
    ['ประธานศาลฎีกา', 'กราบเรียน', 'ขอแสดงความนับถืออย่างยิ่ง'],
    ['สมเด็จพระสังฆราช', 'ขอประทานกราบทูล', 'ควรมิควรแล้วแต่จะโปรดเกล้าโปรดกระหม่อม'],
  ])('writes to %s with %s … %s', (title, salutation, closing) => {
    expect(formulasFor('external', recipientClassOf(title))).toEqual({ salutation, closing });
  });

  it.each([
    ['somdet_monk', 'ขอนมัสการด้วยความเคารพอย่างยิ่ง'],
    ['rajakhana_monk', 'ขอนมัสการด้วยความเคารพอย่างสูง'],
    ['monk', 'ขอนมัสการด้วยความเคารพ'],
  ] as const)('writes to a monk (%s) with นมัสการ … %s', (recipientClass, closing) => {
    expect(salutationFor(recipientClass)).toMatchObject({ salutation: 'นมัสการ', closing });
  });

  it('gives a memo an opening but no closing, a stamped letter ถึง, an order neither', () => {
    expect(formulasFor('memo', 'high_official')).toEqual({ salutation: 'กราบเรียน' });
    expect(formulasFor('stamped')).toEqual({ salutation: 'ถึง' });
    expect(formulasFor('order')).toEqual({});
  });
});

describe('body schemas of outgoing documents', () => {
  const memo = {
    kind: 'memo',
    subject: 'ขออนุมัติจัดประชุมเชิงปฏิบัติการระบบสารบรรณอิเล็กทรอนิกส์',
    to: ['district-1011'],
    body: { recipient: 'เรียน ผู้อำนวยการเขตลาดกระบัง', body: 'ด้วยฝ่ายบริหารงานทั่วไป…', facts: '' },
  };

  it('takes a memo and applies the defaults', () => {
    const parsed = outgoingDocumentInput.parse(memo);
    expect(parsed).toMatchObject({ kind: 'memo', urgency: 'normal', secrecy: 'none', category: 'general' });
  });

  it.each([
    ['a part the kind does not have', { ...memo, body: { ...memo.body, closing: 'ขอแสดงความนับถือ' } }],
    ['a missing required part', { ...memo, body: { body: 'x' } }],
    ['no recipient', { ...memo, to: [] }],
    ['an unknown kind', { ...memo, kind: 'email' }],
    ['an outside recipient without a valid e-mail', { ...memo, to: [{ name: 'กรมการปกครอง', email: 'nope' }] }],
  ])('rejects %s', (_, input) => {
    expect(outgoingDocumentInput.safeParse(input).success).toBe(false);
  });

  it('checks an external letter’s lists and an outside recipient', () => {
    const letter = {
      kind: 'external',
      subject: 'ขอความอนุเคราะห์ข้อมูล',
      to: [{ name: 'กรมการปกครอง', email: 'saraban@dopa.go.th' }],
      body: { recipient: 'เรียน อธิบดีกรมการปกครอง', body: 'ด้วยสำนักงานเขตลาดกระบัง…', enclosures: ['แบบสำรวจ จำนวน ๑ ชุด'] },
    };
    expect(outgoingDocumentInput.safeParse(letter).success).toBe(true);
    expect(kindBodySchema('external').safeParse({ ...letter.body, enclosures: [''] }).success).toBe(false);
  });

  it('requires the parts of the minutes of a meeting', () => {
    expect(kindBodySchema('minutes').safeParse({ meeting: 'คณะผู้บริหารกรุงเทพมหานคร', body: 'x' }).success).toBe(false);
  });
});
