import type { Browser } from 'puppeteer-core';
import { paperRegisteredDocument } from '../support/paper-documents';
import { startTestSystem, type TestSystem } from '../support/system';
import { focus, launchBrowser, requireBuiltClient, signIn, webRoot } from './support/browser';

describe('a drafter cancels a document made on paper (headless Chromium)', () => {
  let system: TestSystem;
  let browser: Browser;

  beforeAll(async () => {
    requireBuiltClient();
    system = await startTestSystem('sqlite', { webRoot });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('cancels it with a reason on the document page, and the clerk sees ยกเลิก in the dispatch register', async () => {
    const subject = 'จัดซื้อวัสดุงานบ้าน';
    const paper = await paperRegisteredDocument(system.ds, subject);

    const drafter = await signIn(browser, system.baseUrl, 'staff.ladkrabang');
    const page = await focus(drafter);
    await page.goto(`${system.baseUrl}/documents/${paper.id}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid=doc-stage][data-stage=paper]');
    const button = await page.waitForSelector('[data-testid=doc-cancel]');
    expect(await button!.evaluate((b) => b.textContent?.trim())).toBe('ยกเลิกหนังสือ');
    // Without a reason nothing is sent: the page asks for one.
    await page.click('[data-testid=doc-cancel]');
    await page.type('[data-testid=doc-cancel-reason]', 'เสนอซ้ำกับเรื่องเดิม');
    await page.click('[data-testid=doc-cancel]');
    await page.waitForSelector('[data-testid=doc-stage][data-stage=cancelled]');
    const number = await page.$eval('[data-testid=doc-number]', (n) => n.textContent ?? '');
    expect(number).toContain('เสนอซ้ำกับเรื่องเดิม');
    expect(await page.$('[data-testid=doc-cancel]')).toBeNull();

    const clerk = await signIn(browser, system.baseUrl, 'clerk.ladkrabang');
    const registers = await focus(clerk);
    await registers.goto(`${system.baseUrl}/registers`, { waitUntil: 'networkidle0' });
    await registers.select('[data-testid=reg-register]', 'dispatch');
    const row = `[data-testid=reg-row][data-number="${paper.number.value}"]`;
    await registers.waitForSelector(`${row}.cancelled`);
    const text = await registers.$eval(row, (r) => r.textContent ?? '');
    expect(text).toContain(subject);
    expect(text).toContain('ยกเลิก: เสนอซ้ำกับเรื่องเดิม');
  });
});
