/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { useBrowserSystem } from './support/browser-system';

describe('a clerk in headless Chromium', () => {
  const e2e = useBrowserSystem();

  it('signs in as clerk.ladkrabang, registers a document, and sees it in the inbox', async () => {
    // The sign-in page, typed into as the clerk would (signIn in ./support/browser): the page is left on the inbox.
    const { page } = await e2e.signIn('clerk.ladkrabang');

    await page.click('[data-testid=nav-incoming]');
    await page.waitForSelector('[data-testid=incoming-subject]');
    const subject = `ขอความอนุเคราะห์ข้อมูลสถิติ ${Date.now()}`;
    await page.type('[data-testid=incoming-subject]', subject);
    await page.type('[data-testid=incoming-sender-name]', 'สำนักงานเลขานุการปลัดกรุงเทพมหานคร');
    await page.type('[data-testid=incoming-sender-number]', 'กท 0403/ว 276');
    await page.select('[data-testid=incoming-urgency]', 'most_urgent');
    await page.click('[data-testid=incoming-submit]');
    await page.waitForSelector('[data-testid=incoming-receipt]');
    const receipt = await page.$eval('[data-testid=incoming-receipt]', (el) => el.textContent ?? '');
    expect(receipt).toMatch(/เลขรับ [๐-๙]+ วันที่ .+ เวลา [๐-๙]{2}\.[๐-๙]{2}/);

    await page.click('[data-testid=nav-inbox]');
    await page.waitForFunction(
      (text) =>
        [...document.querySelectorAll('[data-testid=inbox-row]')].some((row) => row.textContent?.includes(text)),
      { timeout: 30_000 },
      subject,
    );
    const row = await page.$$eval(
      '[data-testid=inbox-row]',
      (rows, text) => rows.find((r) => r.textContent?.includes(text as string))?.textContent ?? '',
      subject,
    );
    expect(row).toContain('ด่วนที่สุด');
  });
});
