import type { Page } from 'puppeteer-core';
import { apiClient } from '../support/api-client';
import { fill, focus } from './support/browser';
import { useBrowserSystem } from './support/browser-system';
import { userIdOf } from './support/fixtures';

const DISTRICT = 'district-1003';
const PEOPLE = ['director.d1003', 'assistant.d1003', 'head.d1003', 'staff.d1003', 'clerk.d1003'];

/** The unit row of the admin units tab. */
const row = (unitId: string) => `[data-testid=unit-row][data-unit="${unitId}"]`;

/** The unit ids a recipient picker offers once its search `text` lists `expected` first. */
async function offered(page: Page, prefix: string, text: string, expected: string): Promise<string[]> {
  await fill(page, `[data-testid=${prefix}-search]`, text);
  await page.waitForFunction(
    (p, id) => document.querySelector(`[data-testid=${p}-result]`)?.getAttribute('data-unit-id') === id,
    {},
    prefix,
    expected,
  );
  return page.$$eval(`[data-testid=${prefix}-result]`, (els) => els.map((el) => el.getAttribute('data-unit-id')!));
}

describe('the administrator switches a district off and on; the pickers follow (headless Chromium)', () => {
  const e2e = useBrowserSystem();

  it('greys the switched-off district, says why a staffed one cannot be, and the circular picker leaves it out', async () => {
    const api = apiClient(e2e.system.baseUrl);
    const token = await api.login('admin.bma');
    for (const username of PEOPLE) {
      const off = await api.request('PATCH', `/api/admin/users/${await userIdOf(e2e.system.baseUrl, username)}`, {
        token,
        body: { active: false },
      });
      expect(off.status).toBe(200);
    }

    const admin = await e2e.signIn('admin.bma');
    let page = await focus(admin);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.click('[data-testid=nav-admin]');
    await page.waitForSelector(row(DISTRICT));
    expect(await page.$eval(row(DISTRICT), (el) => el.getAttribute('data-active'))).toBe('true');

    // A district whose people are still active: the API's 409 is shown on its row, with how many.
    await page.click(`${row('district-1004')} [data-testid=unit-deactivate]`);
    await page.waitForSelector(`${row('district-1004')} [data-testid=unit-switch-failed]`);
    expect(
      await page.$eval(`${row('district-1004')} [data-testid=unit-switch-failed]`, (el) => el.textContent),
    ).toContain('5');

    await page.click(`${row(DISTRICT)} [data-testid=unit-deactivate]`);
    await page.waitForSelector(`${row(DISTRICT)}[data-active=false].off [data-testid=unit-inactive]`);
    await page.select('[data-testid=unit-status-filter]', 'inactive');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=unit-row]').length === 1);
    expect(await page.$eval('[data-testid=unit-row]', (el) => el.getAttribute('data-unit'))).toBe(DISTRICT);

    // A clerk signing in afterwards: the district is not offered, and "all districts" counts one fewer.
    const clerk = await e2e.signIn('clerk.ladkrabang');
    page = await focus(clerk);
    await page.click('[data-testid=nav-circulars]');
    await page.waitForSelector('[data-testid=circ-new]');
    await page.click('[data-testid=circ-new]');
    await page.waitForSelector('[data-testid=circ-to-search]');
    expect(await offered(page, 'circ-to', 'สำนักงานเขตหนอง', 'district-1023')).toEqual(['district-1023']);
    await page.click('[data-testid=circ-to-group-districts]');
    await page.waitForSelector('[data-testid=circ-to-chosen][data-count="48"]');

    // Switched on again from the admin screen, it is offered once more (to a newly signed-in clerk).
    page = await focus(admin);
    await page.click(`${row(DISTRICT)} [data-testid=unit-reactivate]`);
    await page.select('[data-testid=unit-status-filter]', 'all');
    await page.waitForSelector(`${row(DISTRICT)}[data-active=true]`);
    expect((await api.get('/api/units', token)).body.items.map((u: { id: string }) => u.id)).toContain(DISTRICT);
    const again = await e2e.signIn('clerk.ladkrabang');
    page = await focus(again);
    await page.click('[data-testid=nav-circulars]');
    await page.waitForSelector('[data-testid=circ-new]');
    await page.click('[data-testid=circ-new]');
    await page.waitForSelector('[data-testid=circ-to-search]');
    expect(await offered(page, 'circ-to', 'สำนักงานเขตหนอง', 'district-1003')).toEqual([
      'district-1003',
      'district-1023',
    ]);
  });
});
