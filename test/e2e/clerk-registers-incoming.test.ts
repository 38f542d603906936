/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startTestSystem, DEMO_PASSWORD, type TestSystem } from '../support/system';

const webRoot = join(__dirname, '..', '..', 'web', 'dist', 'browser');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('a clerk in headless Chromium', () => {
  let system: TestSystem;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(join(webRoot, 'index.html'))) throw new Error('web client not built: run `npm run setup`');
    system = await startTestSystem('sqlite', { webRoot });
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1366, height: 768 });
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('signs in as clerk.ladkrabang, registers a document, and sees it in the inbox', async () => {
    await page.goto(`${system.baseUrl}/login`, { waitUntil: 'networkidle0' });
    await page.type('[data-testid=login-username]', 'clerk.ladkrabang');
    await page.type('[data-testid=login-password]', DEMO_PASSWORD);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=current-user]');

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
