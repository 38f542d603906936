import { incomingDocumentInput } from './schemas';

const minimal = {
  subject: 'แจ้งแนวทางการใช้งานระบบสารบรรณอิเล็กทรอนิกส์',
  sender: { name: 'สำนักงานเลขานุการปลัดกรุงเทพมหานคร' },
};

describe('incomingDocumentInput', () => {
  it('applies the defaults', () => {
    expect(incomingDocumentInput.parse(minimal)).toEqual({
      ...minimal,
      kind: 'external',
      urgency: 'normal',
      secrecy: 'none',
      category: 'general',
    });
  });

  it('takes the seed memo as a clerk types it', () => {
    const input = {
      subject: '  แจ้งแนวทางการใช้งานระบบสารบรรณอิเล็กทรอนิกส์ของกรุงเทพมหานคร  ',
      kind: 'memo',
      urgency: 'most_urgent',
      secrecy: 'none',
      category: 'general',
      sender: { name: 'สำนักงานเลขานุการปลัดกรุงเทพมหานคร', number: 'กท ๐๔๐๓/ว ๒๗๖', date: '2023-12-22' },
      to: 'ผู้อำนวยการเขต',
      receivedAt: '2023-12-25T09:39:00+07:00',
      file: { name: 'memo.pdf', contentBase64: 'JVBERi0xLjQK' },
    };
    const parsed = incomingDocumentInput.parse(input);
    expect(parsed.subject).toBe('แจ้งแนวทางการใช้งานระบบสารบรรณอิเล็กทรอนิกส์ของกรุงเทพมหานคร');
    expect(parsed.urgency).toBe('most_urgent');
  });

  it.each([
    ['an unknown field', { ...minimal, colour: 'red' }],
    ['an unknown sender field', { ...minimal, sender: { name: 'x', fax: '1' } }],
    ['an empty subject', { ...minimal, subject: '   ' }],
    ['a subject over 500 characters', { ...minimal, subject: 'ก'.repeat(501) }],
    ['no sender', { subject: 'x' }],
    ['a sender name over 300 characters', { ...minimal, sender: { name: 'ก'.repeat(301) } }],
    ['a sender number over 100 characters', { ...minimal, sender: { name: 'x', number: '1'.repeat(101) } }],
    ['a date that does not exist', { ...minimal, sender: { name: 'x', date: '2023-02-29' } }],
    ['a BE year typed as a date', { ...minimal, sender: { name: 'x', date: '22/12/2566' } }],
    ['an unknown urgency', { ...minimal, urgency: 'asap' }],
    ['an unknown kind', { ...minimal, kind: 'email' }],
    ['a time without offset', { ...minimal, receivedAt: '2023-12-25T09:39:00' }],
    ['a note over 2000 characters', { ...minimal, note: 'ก'.repeat(2001) }],
    ['a file that is not base64', { ...minimal, file: { name: 'a.pdf', contentBase64: 'not base64!' } }],
  ])('rejects %s', (_, input) => {
    expect(incomingDocumentInput.safeParse(input).success).toBe(false);
  });

  it('accepts a leap day and a UTC time', () => {
    const input = { ...minimal, sender: { name: 'x', date: '2024-02-29' }, receivedAt: '2024-02-29T02:00:00Z' };
    expect(incomingDocumentInput.safeParse(input).success).toBe(true);
  });
});
