/**
 * Every fact of the seed memo ที่ กท ๐๔๐๓/ว ๒๗๖ (22 Dec 2566), checked against the library: its number, date,
 * urgency, receipt stamp, sender, signer, footer, phases and exclusions.
 */
import demo from '../seed/demo-org.json';
import {
  computeDueAt,
  decide,
  defaultRolloutPlan,
  formatDocumentNumber,
  formatReceiptStamp,
  formatSignatureBlock,
  formatThaiCalendarDate,
  formatThaiDate,
  ELECTRONIC_SIGNATURE_NOTICE,
  incomingDocumentInput,
  KIND_SPECS,
  needsPaperFollowUp,
  parseDocumentNumber,
  registerFor,
  registryUnitOf,
  toThaiDigits,
  unitById,
  urgencyColour,
  urgencyLabel,
  beYearOf,
  addCalendarDays,
  type OrgSnapshot,
} from './index';

const org = demo as unknown as OrgSnapshot;
const received = new Date('2023-12-25T09:39:00+07:00');

describe('the seed memo ที่ กท ๐๔๐๓/ว ๒๗๖', () => {
  it('is numbered กท ๐๔๐๓/ว ๒๗๖ in the circular series of กท 0403', () => {
    expect(formatDocumentNumber({ letterCode: 'กท 0403', value: 276, circular: true, digits: 'thai' })).toBe(
      'กท ๐๔๐๓/ว ๒๗๖',
    );
    expect(parseDocumentNumber('ที่ กท ๐๔๐๓/ว ๒๗๖')).toEqual({ letterCode: 'กท 0403', value: 276, circular: true });
    expect(registerFor({ direction: 'outgoing', circular: true })).toBe('circular');
  });

  it('comes from สำนักงานเลขานุการปลัดกรุงเทพมหานคร, the one verified letter code, phone ๐ ๒๒๒๑ ๔๘๔๘', () => {
    const sender = unitById('secretariat', org);
    expect(sender).toMatchObject({ name: 'สำนักงานเลขานุการปลัดกรุงเทพมหานคร', letterCode: 'กท 0403', codeVerified: true });
    expect(registryUnitOf('secretariat-central', org).id).toBe('secretariat'); // ส่วนบริหารกลาง numbers as its office
    expect(`โทร. ${toThaiDigits(sender.phone ?? '')}`).toBe('โทร. ๐ ๒๒๒๑ ๔๘๔๘');
    expect(org.units.filter((u) => u.codeVerified).map((u) => u.letterCode)).toEqual(['กท 0403']);
  });

  it('is dated ๒๒ ธันวาคม ๒๕๖๖, a memo (บันทึกข้อความ) marked ด่วนที่สุด in red', () => {
    expect(formatThaiCalendarDate('2023-12-22')).toBe('๒๒ ธันวาคม ๒๕๖๖');
    expect(beYearOf(new Date('2023-12-22T09:00:00+07:00'))).toBe(2566);
    expect(KIND_SPECS.memo.heading).toBe('บันทึกข้อความ');
    expect(urgencyLabel('most_urgent')).toBe('ด่วนที่สุด');
    expect(urgencyColour('most_urgent')).toBe('#ff0000');
  });

  it('cites the executives’ meeting ครั้งที่ ๒๖/๒๕๖๖ of ๑๘ ธันวาคม ๒๕๖๖', () => {
    expect(`ครั้งที่ ${toThaiDigits('26/2566')}`).toBe('ครั้งที่ ๒๖/๒๕๖๖');
    expect(formatThaiCalendarDate('2023-12-18')).toBe('๑๘ ธันวาคม ๒๕๖๖');
  });

  it('was stamped received at สำนักงานเขตลาดกระบัง on ๒๕ ธ.ค. ๒๕๖๖ at ๐๙.๓๙', () => {
    const unit = registryUnitOf('district-1011-admin', org);
    expect(unit.name).toBe('สำนักงานเขตลาดกระบัง');
    expect(formatReceiptStamp({ number: 1, receivedAt: received, unitName: unit.name })).toBe(
      'สำนักงานเขตลาดกระบัง เลขรับ ๑ วันที่ ๒๕ ธ.ค. ๒๕๖๖ เวลา ๐๙.๓๙',
    );
  });

  it('registers as a clerk would type it', () => {
    const input = incomingDocumentInput.parse({
      subject: 'แจ้งแนวทางการใช้งานระบบสารบรรณอิเล็กทรอนิกส์ของกรุงเทพมหานคร',
      kind: 'memo',
      urgency: 'most_urgent',
      sender: { name: 'สำนักงานเลขานุการปลัดกรุงเทพมหานคร', number: 'กท ๐๔๐๓/ว ๒๗๖', date: '2023-12-22' },
      to: 'ผู้อำนวยการเขต',
      receivedAt: '2023-12-25T09:39:00+07:00',
    });
    expect(parseDocumentNumber(input.sender.number ?? '')?.value).toBe(276);
    // ด่วนที่สุด: two working hours after it arrived on Monday morning.
    expect(computeDueAt({ urgency: input.urgency, from: received })).toEqual(new Date('2023-12-25T11:39:00+07:00'));
  });

  it('arrived in phase 1, so even its receipt was on paper', () => {
    const decision = decide({
      capability: 'receive',
      unitId: 'district-1011',
      date: '2023-12-25',
      secrecy: 'none',
      category: 'general',
      kind: 'memo',
    });
    expect(decision).toMatchObject({ medium: 'paper', phase: 1 });
    expect(decision.reason?.th).toBe('การรับหนังสือใช้ระบบสารบรรณอิเล็กทรอนิกส์ตั้งแต่ระยะที่ ๒ (๑ มกราคม ๒๕๖๗)');
  });

  it('sets phase 1 until ๓๑ ธันวาคม ๒๕๖๖ and phases 2-4 from ๑ มกราคม, ๑ กุมภาพันธ์ and ๑ มีนาคม ๒๕๖๗', () => {
    const phases = defaultRolloutPlan().phases;
    expect(formatThaiCalendarDate(addCalendarDays(phases[1].from, -1))).toBe('๓๑ ธันวาคม ๒๕๖๖');
    expect(phases.slice(1).map((p) => formatThaiCalendarDate(p.from))).toEqual([
      '๑ มกราคม ๒๕๖๗',
      '๑ กุมภาพันธ์ ๒๕๖๗',
      '๑ มีนาคม ๒๕๖๗',
    ]);
  });

  it('keeps secret information, national-security secrets and procurement on paper until phase 4, ลับที่สุด always', () => {
    const on = (
      date: string,
      secrecy: 'none' | 'confidential' | 'secret' | 'top_secret',
      category = 'general' as const,
    ) => decide({ capability: 'receive', unitId: 'dept-01', date, secrecy, category, kind: 'external' }).medium;
    for (const date of ['2024-01-01', '2024-02-01']) {
      expect([on(date, 'confidential'), on(date, 'secret'), on(date, 'top_secret')]).toEqual([
        'paper',
        'paper',
        'paper',
      ]);
      expect(
        decide({
          capability: 'receive',
          unitId: 'dept-01',
          date,
          secrecy: 'none',
          category: 'procurement',
          kind: 'external',
        }).medium,
      ).toBe('paper');
      expect(
        decide({
          capability: 'receive',
          unitId: 'dept-01',
          date,
          secrecy: 'none',
          category: 'national_security',
          kind: 'external',
        }).medium,
      ).toBe('paper');
    }
    expect([on('2024-03-01', 'confidential'), on('2024-03-01', 'secret'), on('2024-03-01', 'top_secret')]).toEqual([
      'electronic',
      'electronic',
      'paper',
    ]);
  });

  it('sends proposals to the executives electronically with the paper following, but not invitations or reports', () => {
    const proposal = { unitId: 'district-1011', date: '2024-02-15', org };
    expect(needsPaperFollowUp({ ...proposal, toPositionId: 'governor', category: 'general' })).toBe(true);
    expect(needsPaperFollowUp({ ...proposal, toPositionId: 'deputy-permsec-1', category: 'disbursement' })).toBe(true);
    expect(needsPaperFollowUp({ ...proposal, toPositionId: 'governor', category: 'invitation' })).toBe(false);
    expect(needsPaperFollowUp({ ...proposal, toPositionId: 'permsec', category: 'report' })).toBe(false);
  });

  it('lets any unit start a phase before its date', () => {
    const input = {
      capability: 'create' as const,
      unitId: 'district-1011',
      date: '2023-12-26',
      secrecy: 'none' as const,
      category: 'general' as const,
      kind: 'memo' as const,
    };
    expect(decide(input).medium).toBe('paper');
    expect(decide({ ...input, earlyAdoption: { 'district-1011': 3 } }).medium).toBe('electronic');
  });

  it('was signed by the director of the secretariat, with the electronic-signature footer', () => {
    expect(
      formatSignatureBlock({
        name: 'นางสาวจรัสศรี รัตตะมาน',
        title: 'ผู้อำนวยการสำนักงานเลขานุการปลัดกรุงเทพมหานคร',
        titleLines: ['สำนักปลัดกรุงเทพมหานคร'],
      })[0],
    ).toBe('(นางสาวจรัสศรี รัตตะมาน)');
    expect(ELECTRONIC_SIGNATURE_NOTICE).toContain('ต้นฉบับเป็นเอกสารอิเล็กทรอนิกส์');
    expect(formatThaiDate(received, 'short')).toBe('๒๕ ธ.ค. ๒๕๖๖');
  });
});
