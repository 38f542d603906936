import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { focus, historyActions, waitForActionDone, waitForInboxRow, waitForStage } from './support/browser';
import { useBrowserSystem } from './support/browser-system';
import { samplePdf, userIdOf } from './support/fixtures';

describe('a clerk registers an incoming letter with its PDF and assigns it (headless Chromium)', () => {
  const e2e = useBrowserSystem();

  it('drops the PDF, registers with the stamp at once, assigns to a colleague who finds it in the inbox', async () => {
    const pdfPath = join(mkdtempSync(join(tmpdir(), 'e2e-pdf-')), 'หนังสือเชิญประชุม.pdf');
    writeFileSync(pdfPath, await samplePdf());
    const staffId = await userIdOf(e2e.system.baseUrl, 'staff.ladkrabang');
    const subject = `ขอเชิญประชุมคณะทำงานสารบรรณ ${Date.now()}`;

    const clerk = await e2e.signIn('clerk.ladkrabang');
    const page = await focus(clerk);
    await page.click('[data-testid=nav-incoming]');
    await page.waitForSelector('[data-testid=incoming-file]');
    const input = (await page.$('[data-testid=incoming-file]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(pdfPath);
    await page.waitForSelector('[data-testid=incoming-file-name]');
    await page.type('[data-testid=incoming-subject]', subject);
    await page.type('[data-testid=incoming-sender-name]', 'สำนักงานเลขานุการปลัดกรุงเทพมหานคร');
    await page.type('[data-testid=incoming-sender-number]', 'กท 0403/ว 276');
    await page.type('[data-testid=incoming-sender-date]', '22 ธ.ค. 2566');
    await page.select('[data-testid=incoming-urgency]', 'very_urgent');
    await page.click('[data-testid=incoming-submit]');
    await page.waitForSelector('[data-testid=incoming-receipt]');
    expect(await page.$eval('[data-testid=incoming-receipt]', (el) => el.textContent)).toMatch(/เลขรับ [๐-๙]+/);
    // The stamped PDF is shown under the receipt at once.
    await page.waitForSelector('[data-testid=pdf-frame]');

    await page.click('[data-testid=incoming-open-document]');
    await page.waitForSelector('[data-testid=doc-subject]');
    expect(await page.$eval('[data-testid=doc-subject]', (el) => el.textContent)).toContain(subject);
    await page.waitForSelector('[data-testid=pdf-frame]');
    // The triage task is the clerk's: pick the colleague and assign with an order.
    await page.waitForSelector(`[data-testid=action-assign-user] option[value="${staffId}"]`);
    await page.select('[data-testid=action-assign-user]', staffId);
    await page.type('[data-testid=action-comment]', 'มอบให้ดำเนินการและเสนอผู้อำนวยการเขต');
    await page.click('[data-testid=action-assign-submit]');
    await waitForActionDone(page);
    await waitForStage(page, 'assigned');
    expect(await historyActions(page)).toEqual(expect.arrayContaining(['document.registered', 'task.assigned']));

    const staff = await e2e.signIn('staff.ladkrabang');
    const staffPage = await focus(staff);
    const documentId = await waitForInboxRow(staffPage, subject);
    expect(documentId).toBeTruthy();
    const row = await staffPage.$eval(`[data-testid=inbox-row][data-document-id="${documentId}"]`, (r) => ({
      type: r.getAttribute('data-type'),
      text: r.textContent ?? '',
    }));
    expect(row.type).toBe('act');
    expect(row.text).toContain('ด่วนมาก');
  });
});
