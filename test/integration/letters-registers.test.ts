/**
 * GET /api/registers/:register: the regulation's columns in Thai digits, as JSON, CSV, PDF and XLSX, for the caller's
 * unit.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { beYearOf, toThaiDigits } from '../../domain';
import { allocateNumber } from '../../db/numbering';
import { inTransaction } from '../../db/transaction';
import { THAI_DIGITS_FORMAT, XLSX_HEADER_ROW, XLSX_MEDIA_TYPE } from '../../templates/registers-xlsx';
import { apiClient, buildIncoming } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { startTestSystem, type TestSystem } from '../support/system';

describe.each(testDatabaseKinds())('GET /api/registers/:register on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let clerk: string;
  const year = beYearOf(new Date());
  const fetchAs = (path: string, token: string, accept: string) =>
    fetch(`${system.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, accept } });

  beforeAll(async () => {
    system = await startTestSystem(kind);
    api = apiClient(system.baseUrl);
    clerk = await api.login('clerk.ladkrabang');
    for (const subject of ['ขอเชิญประชุมคณะกรรมการ', 'ขอส่งรายงานผลการดำเนินงาน']) {
      const res = await api.post('/api/documents/incoming', buildIncoming({ subject }), clerk);
      expect(res.status).toBe(201);
    }
    await inTransaction(system.ds, (em) =>
      allocateNumber(em, {
        register: 'dispatch',
        unitId: 'district-1011',
        year,
        idempotencyKey: `test-dispatch-${kind}`,
        documentId: null,
        subject: 'ขอความอนุเคราะห์ข้อมูล',
        fromText: 'สำนักงานเขตลาดกระบัง',
        toText: 'สำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์',
        recordedAt: new Date(),
      } as never),
    );
    await system.ds.query("UPDATE register_entries SET method = 'email' WHERE idempotency_key = ?", [
      `test-dispatch-${kind}`,
    ]);
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('answers the receipt register as JSON with the regulation’s columns and Thai digits', async () => {
    const res = await api.get(`/api/registers/receipt?year=${year}`, clerk);
    expect(res.status).toBe(200);
    expect(res.body.columns).toEqual(['เลขทะเบียนรับ', 'ที่', 'ลงวันที่', 'จาก', 'ถึง', 'เรื่อง', 'การปฏิบัติ', 'หมายเหตุ']);
    expect(res.body).toMatchObject({ register: 'receipt', registerText: 'ทะเบียนหนังสือรับ', year, total: 2 });
    expect(res.body.items[0].cells.slice(0, 3)).toEqual(['๑', 'กท ๐๔๐๓/ว ๒๗๖', '๒๐ พ.ย. ๒๕๖๙']);
    expect(res.body.items[1].subject).toBe('ขอส่งรายงานผลการดำเนินงาน');
  });

  it('pages JSON with limit and cursor', async () => {
    const first = await api.get(`/api/registers/receipt?year=${year}&limit=1`, clerk);
    expect(first.body.items).toHaveLength(1);
    const second = await api.get(`/api/registers/receipt?year=${year}&limit=1&cursor=${first.body.nextCursor}`, clerk);
    expect(second.body.items[0].number).toBe(2);
  });

  it('answers CSV with a BOM and Thai headers for Accept: text/csv', async () => {
    const res = await fetchAs(`/api/registers/receipt?year=${year}`, clerk, 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('เลขทะเบียนรับ,ที่,ลงวันที่,จาก,ถึง,เรื่อง,การปฏิบัติ,หมายเหตุ');
    expect(lines[1]).toMatch(/^๑,กท ๐๔๐๓\/ว ๒๗๖,/);
    expect(lines).toHaveLength(3);
  });

  it('answers a landscape A4 PDF for Accept: application/pdf', async () => {
    const res = await fetchAs(`/api/registers/dispatch?year=${year}`, clerk, 'application/pdf');
    expect(res.status).toBe(200);
    const path = join(mkdtempSync(join(tmpdir(), 'saraban-reg-')), 'r.pdf');
    writeFileSync(path, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('ทะเบียนหนังสือส่ง');
    expect(text).toContain('เลขทะเบียนส่ง');
    expect(text).toContain('กท๙๕๑๑/๑');
    expect(text).toContain('ส่งทางอีเมลกลาง');
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(
      /Page size:\s+84\d(\.\d+)? x 59\d(\.\d+)? pts/,
    );
  });

  it('answers an Excel workbook for ?format=xlsx and for the XLSX Accept header', async () => {
    const res = await fetchAs(`/api/registers/receipt?year=${year}&format=xlsx`, clerk, '*/*');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX_MEDIA_TYPE);
    expect(res.headers.get('content-disposition')).toContain(`receipt-district-1011-${year}.xlsx`);
    const book = new Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe(`ทะเบียนหนังสือรับ ${toThaiDigits(year)}`);
    expect(sheet.getCell(1, 1).value).toBe(`ทะเบียนหนังสือรับ ปี ${toThaiDigits(year)}`);
    expect(String(sheet.getCell(2, 1).value)).toContain('สำนักงานเขตลาดกระบัง');
    const header = (sheet.getRow(XLSX_HEADER_ROW).values as unknown[]).slice(1);
    expect(header).toEqual(['เลขทะเบียนรับ', 'ที่', 'ลงวันที่', 'จาก', 'ถึง', 'เรื่อง', 'การปฏิบัติ', 'หมายเหตุ']);
    const first = sheet.getRow(XLSX_HEADER_ROW + 1);
    // The number is a number (it sorts and sums) shown in Thai digits; the rest as the register prints it.
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(1).numFmt).toBe(THAI_DIGITS_FORMAT);
    expect(first.getCell(2).value).toBe('กท ๐๔๐๓/ว ๒๗๖');
    expect(first.getCell(3).value).toBe('๒๐ พ.ย. ๒๕๖๙');
    expect(first.getCell(6).value).toBe('ขอเชิญประชุมคณะกรรมการ');
    expect(sheet.getRow(XLSX_HEADER_ROW + 2).getCell(6).value).toBe('ขอส่งรายงานผลการดำเนินงาน');
    expect(sheet.rowCount).toBe(XLSX_HEADER_ROW + 2);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: XLSX_HEADER_ROW });

    const byAccept = await fetchAs(`/api/registers/dispatch?year=${year}`, clerk, XLSX_MEDIA_TYPE);
    expect(byAccept.status).toBe(200);
    const dispatch = new Workbook();
    await dispatch.xlsx.load(await byAccept.arrayBuffer());
    const row = dispatch.worksheets[0].getRow(XLSX_HEADER_ROW + 1);
    expect((dispatch.worksheets[0].getRow(XLSX_HEADER_ROW).values as unknown[]).slice(1)).toEqual([
      'เลขทะเบียนส่ง',
      'ที่',
      'ลงวันที่',
      'จาก',
      'ถึง',
      'เรื่อง',
      'หมายเหตุ',
    ]);
    expect(row.getCell(2).value).toBe('กท ๙๕๑๑/๑');
    expect(row.getCell(7).value).toBe('ส่งทางอีเมลกลาง');
  });

  it('refuses staff (403), another unit’s register (403) and an unknown register (404)', async () => {
    const staff = await api.login('staff.ladkrabang');
    expect((await api.get('/api/registers/receipt', staff)).status).toBe(403);
    expect((await api.get('/api/registers/receipt?unitId=secretariat', clerk)).status).toBe(403);
    expect((await api.get('/api/registers/secret_receipt', clerk)).status).toBe(404);
  });
});
