import demo from '../seed/demo-org.json';
import type { OrgSnapshot } from './org';
import { ELECTRONIC_SIGNATURE_NOTICE, defaultSignatureFor, formatSignatureBlock, signatureBlockFor } from './signature';

const org = demo as unknown as OrgSnapshot;

describe('signature blocks', () => {
  it('lays out the seed memo’s block', () => {
    expect(
      formatSignatureBlock({
        name: 'นางสาวจรัสศรี รัตตะมาน',
        title: 'ผู้อำนวยการสำนักงานเลขานุการปลัดกรุงเทพมหานคร',
        titleLines: ['สำนักปลัดกรุงเทพมหานคร'],
      }),
    ).toEqual(['(นางสาวจรัสศรี รัตตะมาน)', 'ผู้อำนวยการสำนักงานเลขานุการปลัดกรุงเทพมหานคร', 'สำนักปลัดกรุงเทพมหานคร']);
  });

  it.each([
    ['ปฏิบัติราชการแทน', 'รองปลัดกรุงเทพมหานคร', 'ปลัดกรุงเทพมหานคร'],
    ['รักษาราชการแทน', 'ผู้ช่วยผู้อำนวยการเขตลาดกระบัง', 'ผู้อำนวยการเขตลาดกระบัง'],
  ] as const)('prints %s under the signer’s position, then the represented one', (kind, title, represented) => {
    expect(formatSignatureBlock({ name: '(นายสมชาย ใจดี)', title, actingFor: { kind, title: represented } })).toEqual([
      '(นายสมชาย ใจดี)',
      `${title} ${kind}`,
      represented,
    ]);
  });

  it('signs for the Lat Krabang director in his own name', () => {
    expect(
      signatureBlockFor({
        forPositionId: 'district-1011-director',
        signerUsername: 'director.ladkrabang',
        date: '2024-05-01',
        org,
      })?.lines,
    ).toEqual(['(นายสุดา แก้วประเสริฐ)', 'ผู้อำนวยการเขตลาดกระบัง']);
  });

  it('signs รักษาราชการแทน while the director is on leave, and not after', () => {
    const block = (date: string) =>
      signatureBlockFor({ forPositionId: 'district-1011-director', signerUsername: 'assistant.ladkrabang', date, org });
    expect(block('2024-04-05')?.lines).toEqual([
      '(นางสาวสุดา บุญมา)',
      'ผู้ช่วยผู้อำนวยการเขตลาดกระบัง รักษาราชการแทน',
      'ผู้อำนวยการเขตลาดกระบัง',
    ]);
    expect(block('2024-04-11')).toBeNull();
  });

  it('signs ปฏิบัติราชการแทน only for the matters delegated', () => {
    const block = (matter?: string) =>
      signatureBlockFor({
        forPositionId: 'permsec',
        signerUsername: 'deputy.permsec1',
        date: '2024-05-01',
        matter,
        org,
      });
    expect(block('invitation')?.lines).toEqual([
      '(นางสาวสมชาย บุญมา)',
      'รองปลัดกรุงเทพมหานคร ปฏิบัติราชการแทน',
      'ปลัดกรุงเทพมหานคร',
    ]);
    expect(block('report')?.actingFor?.kind).toBe('ปฏิบัติราชการแทน');
    expect(block('procurement')).toBeNull();
    expect(block()).toBeNull();
  });

  it('refuses a signer with no authority', () => {
    expect(
      signatureBlockFor({ forPositionId: 'permsec', signerUsername: 'staff.ladkrabang', date: '2024-05-01', org }),
    ).toBeNull();
    expect(
      signatureBlockFor({ forPositionId: 'permsec', signerUsername: 'nobody', date: '2024-05-01', org }),
    ).toBeNull();
  });

  it('picks the signer in force on the day', () => {
    expect(
      defaultSignatureFor({ forPositionId: 'district-1011-director', date: '2024-04-05', org })?.user.username,
    ).toBe('assistant.ladkrabang');
    expect(
      defaultSignatureFor({ forPositionId: 'permsec', date: '2024-05-01', matter: 'invitation', org })?.block.lines[1],
    ).toBe('รองปลัดกรุงเทพมหานคร ปฏิบัติราชการแทน');
    expect(defaultSignatureFor({ forPositionId: 'permsec', date: '2024-05-01', org })?.block.lines[1]).toBe(
      'ปลัดกรุงเทพมหานคร',
    );
  });

  it('words the electronic-signature footer as the seed memo does', () => {
    expect(ELECTRONIC_SIGNATURE_NOTICE).toBe(
      'หนังสือราชการฉบับนี้ ผู้มีอำนาจลงนามด้วยลายมือชื่ออิเล็กทรอนิกส์ ต้นฉบับเป็นเอกสารอิเล็กทรอนิกส์ สิ่งพิมพ์ออกเป็นกระดาษถือเป็นสำเนาเอกสาร',
    );
  });
});
