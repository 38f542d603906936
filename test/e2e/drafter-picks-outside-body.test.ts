import type { Page } from 'puppeteer-core';
import { apiClient } from '../support/api-client';
import { focus, waitForOrFail } from './support/browser';
import { useBrowserSystem } from './support/browser-system';

/** Clicks an element after centring it (the compose form's sticky action bar may cover the bottom of the viewport). */
async function clickCentred(page: Page, selector: string): Promise<void> {
  await page.$eval(selector, (el) => el.scrollIntoView({ block: 'center' }));
  await page.click(selector);
}

describe('a drafter addresses a letter to an outside body from the directory (headless Chromium)', () => {
  const e2e = useBrowserSystem();

  it('finds กรมการปกครอง by a word of its name, adds it, and still adds a body not in the directory by hand', async () => {
    const subject = `ขอความร่วมมือตรวจสอบทะเบียนราษฎร ${Date.now()}`;
    const staff = await e2e.signIn('staff.ladkrabang');
    const page = await focus(staff);
    await page.click('[data-testid=nav-compose]');
    await page.waitForSelector('[data-testid=compose-subject]');
    await page.select('[data-testid=compose-kind]', 'external');
    await page.type('[data-testid=compose-subject]', subject);

    // Typing a word of the name asks GET /api/directory; the entry comes with the address the administrator keeps.
    await page.type('[data-testid=compose-to-outside-name]', 'ปกครอง');
    const dopa = '[data-testid=compose-to-outside-result][data-email="saraban@dopa.example"]';
    await page.waitForSelector(dopa);
    expect(await page.$eval(dopa, (el) => el.textContent)).toContain('กรมการปกครอง');
    await clickCentred(page, dopa);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=compose-to-chip]')].some((c) =>
        c.textContent?.includes('กรมการปกครอง <saraban@dopa.example>'),
      ),
    );
    expect(await page.$eval('[data-testid=compose-to-outside-name]', (el) => (el as HTMLInputElement).value)).toBe('');

    // A body the directory does not know: the picker says so, and the manual entry adds it.
    await page.type('[data-testid=compose-to-outside-name]', 'มูลนิธิสาธิตเพื่อการทดสอบ');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=compose-to-outside-result]') === null &&
        document.querySelector('.directory .more') !== null,
    );
    await page.type('[data-testid=compose-to-outside-email]', 'contact@demo-foundation.example');
    await clickCentred(page, '[data-testid=compose-to-outside-add]');
    await page.waitForSelector('[data-testid=compose-to-chosen][data-count="2"]');

    await page.type('[data-testid=compose-part-recipient]', 'เรียน อธิบดีกรมการปกครอง');
    await page.type('[data-testid=compose-part-body]', 'สำนักงานเขตลาดกระบังขอความร่วมมือตรวจสอบทะเบียนราษฎร');
    await clickCentred(page, '[data-testid=compose-save]');
    await waitForOrFail(page, '[data-testid=compose-saved]', '[data-testid=compose-error]');
    const documentId = /\/compose\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    expect(documentId).toBeDefined();

    // The saved draft names both bodies by name and e-mail.
    const api = apiClient(e2e.system.baseUrl);
    const version = await api.get(`/api/documents/${documentId}/versions/1`, await api.login('staff.ladkrabang'));
    expect(version.status).toBe(200);
    expect(version.body.to).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'กรมการปกครอง', email: 'saraban@dopa.example' }),
        expect.objectContaining({ name: 'มูลนิธิสาธิตเพื่อการทดสอบ', email: 'contact@demo-foundation.example' }),
      ]),
    );
  });
});
