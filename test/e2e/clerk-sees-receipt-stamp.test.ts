import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { allowPdfReadBack, focus, shownPdf } from './support/browser';
import { useBrowserSystem } from './support/browser-system';
import { samplePdf } from './support/fixtures';

/** The text of page one of a PDF. */
function pdfText(bytes: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'e2e-stamp-')), 'shown.pdf');
  writeFileSync(path, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', '1', '-l', '1', path, '-'], { encoding: 'utf8' });
}

describe('the receipt stamp on the registration screen (headless Chromium)', () => {
  const e2e = useBrowserSystem();

  it('shows the registered PDF with the unit, เลขรับ and time stamped on it, within seconds', async () => {
    const pdfPath = join(mkdtempSync(join(tmpdir(), 'e2e-pdf-')), 'หนังสือขอข้อมูล.pdf');
    writeFileSync(pdfPath, await samplePdf());
    const clerk = await e2e.signIn('clerk.ladkrabang');
    const page = await allowPdfReadBack(await focus(clerk));
    await page.click('[data-testid=nav-incoming]');
    await page.waitForSelector('[data-testid=incoming-file]');
    const input = (await page.$('[data-testid=incoming-file]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(pdfPath);
    await page.waitForSelector('[data-testid=incoming-file-name]');
    await page.type('[data-testid=incoming-subject]', `ขอความอนุเคราะห์ข้อมูล ${Date.now()}`);
    await page.type('[data-testid=incoming-sender-name]', 'สำนักงานเลขานุการปลัดกรุงเทพมหานคร');
    await page.click('[data-testid=incoming-submit]');
    await page.waitForSelector('[data-testid=incoming-receipt]');
    const receipt = await page.$eval('[data-testid=incoming-receipt]', (el) => el.textContent ?? '');
    const number = /เลขรับ ([๐-๙]+)/.exec(receipt)?.[1];
    expect(number).toBeTruthy();

    // The file as it came is shown at once; the stamped one replaces it as soon as the life has stamped it.
    await page.waitForSelector('[data-testid=pdf-open]');
    const until = Date.now() + 30_000;
    // A read can race the viewer swapping in the stamped file (its old blob URL revoked): that read counts as empty.
    const shownText = async () => pdfText(await shownPdf(page));
    let text = await shownText().catch(() => '');
    while (Date.now() < until && !text.includes(`เลขรับ ${number}`)) {
      await new Promise((r) => setTimeout(r, 500));
      text = await shownText().catch(() => '');
    }
    expect(text).toContain(`เลขรับ ${number}`);
    expect(text).toContain('สำนักงานเขตลาดกระบัง');
    expect(text).toContain('Sample letter for e-Saraban browser tests');
    await page.waitForSelector('[data-testid=pdf-frame]');
    expect(await page.$('[data-testid=stamp-pending]')).toBeNull();
  });
});
