import type { Page } from 'puppeteer-core';
import { focus, pickUnit, waitForInboxRow } from './support/browser';
import { useBrowserSystem } from './support/browser-system';

const DISTRICTS = [
  { unitId: 'district-1001', search: 'พระนคร', clerk: 'clerk.phranakhon' },
  { unitId: 'district-1002', search: 'ดุสิต', clerk: 'clerk.d1002' },
  { unitId: 'district-1003', search: 'หนองจอก', clerk: 'clerk.d1003' },
];

async function ackCount(page: Page): Promise<number> {
  return Number(await page.$eval('[data-testid=ack-summary]', (el) => el.getAttribute('data-acknowledged')));
}

describe('a circular to three districts is acknowledged (headless Chromium)', () => {
  const e2e = useBrowserSystem();

  it('is numbered in the ว series, reaches each district clerk, and the sender watches the acknowledgements fill in', async () => {
    const subject = `ซักซ้อมแนวทางการใช้ระบบสารบรรณอิเล็กทรอนิกส์ ${Date.now()}`;
    const sender = await e2e.signIn('clerk.ladkrabang');
    let page = await focus(sender);
    await page.click('[data-testid=nav-circulars]');
    await page.waitForSelector('[data-testid=circ-new]');
    await page.click('[data-testid=circ-new]');
    await page.waitForSelector('[data-testid=circ-subject]');
    await page.type('[data-testid=circ-subject]', subject);
    for (const district of DISTRICTS) await pickUnit(page, 'circ-to', district.search, district.unitId);
    expect(await page.$eval('[data-testid=circ-to-chosen]', (el) => el.getAttribute('data-count'))).toBe('3');
    await page.type('[data-testid=circ-part-recipient]', 'ผู้อำนวยการเขต');
    await page.type('[data-testid=circ-part-body]', 'ขอให้หน่วยงานถือปฏิบัติตามแนวทางที่แนบมานี้');
    await page.click('[data-testid=circ-send]');
    await page.waitForSelector('[data-testid=doc-acks]', { timeout: 60_000 });
    expect(await page.$eval('[data-testid=doc-number]', (el) => el.textContent ?? '')).toMatch(/ว/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=ack-row]').length === 3, {
      timeout: 60_000,
    });
    expect(await ackCount(page)).toBe(0);
    const circularUrl = page.url();

    // Each district clerk acknowledges from the inbox: the first with the keyboard (x selects the row under the
    // cursor), the others with the row's checkbox; both through the clerk's bulk bar.
    for (const [index, district] of DISTRICTS.entries()) {
      const clerk = await e2e.signIn(district.clerk);
      const clerkPage = await focus(clerk);
      const documentId = await waitForInboxRow(clerkPage, subject, 60_000);
      const row = `[data-testid=inbox-row][data-document-id="${documentId}"]`;
      expect(await clerkPage.$eval(row, (r) => r.getAttribute('data-type'))).toBe('acknowledge');
      if (index === 0) {
        await clerkPage.focus(row);
        await clerkPage.keyboard.press('x');
      } else {
        await clerkPage.click(`${row} [data-testid=inbox-select]`);
      }
      await clerkPage.waitForSelector('[data-testid=bulk-acknowledge]:not([disabled])');
      await clerkPage.click('[data-testid=bulk-acknowledge]');
      await clerkPage.waitForFunction(() =>
        (document.querySelector('[data-testid=inbox-announcement]')?.textContent ?? '').includes('รับทราบ'),
      );
      expect(await clerkPage.$('[data-testid=bulk-failures]')).toBeNull();
    }

    page = await focus(sender);
    await page.goto(circularUrl, { waitUntil: 'networkidle0' });
    // The page reloads itself while acknowledgements are pending; wait for all three.
    await page.waitForFunction(
      () => document.querySelector('[data-testid=ack-summary]')?.getAttribute('data-acknowledged') === '3',
      { timeout: 60_000, polling: 500 },
    );
    const rows = await page.$$eval('[data-testid=ack-row]', (r) => r.map((x) => x.getAttribute('data-status')));
    expect(rows).toEqual(['acknowledged', 'acknowledged', 'acknowledged']);

    // The circulars list shows it with every unit counted, and no longer among those still pending.
    const circularId = new URL(circularUrl).pathname.split('/').pop()!;
    await page.click('[data-testid=nav-circulars]');
    const listed = `[data-testid=circ-row][data-document-id="${circularId}"]`;
    await page.waitForSelector(listed, { timeout: 30_000 });
    expect(await page.$eval(`${listed} [data-testid=circ-acks]`, (el) => el.textContent)).toContain('๓ / ๓');
    await page.click('[data-testid=circ-pending]');
    await page.waitForSelector('[data-testid=circ-none]', { timeout: 30_000 });
    expect(await page.$(listed)).toBeNull();
  });
});
