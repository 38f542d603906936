import type { Page } from 'puppeteer-core';
import { addCalendarDays, bangkokDateOf, defaultCalendar, nextWorkingDay } from '../../domain';
import { apiClient } from '../support/api-client';
import { fill, focus, waitForOrFail } from './support/browser';
import { useBrowserSystem } from './support/browser-system';
import { userIdOf } from './support/fixtures';

/** Sets a native control's value as a user's pick would, and lets Angular hear it. */
async function choose(page: Page, selector: string, value: string, event: 'input' | 'change' = 'change') {
  await page.waitForFunction(
    (s, v) => [...(document.querySelector<HTMLSelectElement>(s)?.options ?? [])].some((o) => o.value === v),
    {},
    selector,
    value,
  );
  await page.$eval(
    selector,
    (el, v, e) => {
      (el as HTMLSelectElement).value = v;
      el.dispatchEvent(new Event(e, { bubbles: true }));
    },
    value,
    event,
  );
}

async function setDate(page: Page, selector: string, ymd: string) {
  await page.$eval(
    selector,
    (el, v) => {
      (el as HTMLInputElement).value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    ymd,
  );
}

describe('the administrator appoints an acting official, adds a holiday and keeps the directory of outside bodies (headless Chromium)', () => {
  const e2e = useBrowserSystem();

  it('admin.bma makes the assistant director act for the director, then gives the office an extra day off', async () => {
    const api = apiClient(e2e.system.baseUrl);
    const token = await api.login('admin.bma');
    const assistantId = await userIdOf(e2e.system.baseUrl, 'assistant.ladkrabang');
    const today = bangkokDateOf(new Date());
    const until = addCalendarDays(today, 4);

    const admin = await e2e.signIn('admin.bma');
    const page = await focus(admin);
    await page.click('[data-testid=nav-admin]');
    await page.waitForSelector('[data-testid=unit-row]');
    await page.click('[data-testid=admin-tab-acting]');
    await page.waitForSelector('[data-testid=acting-form]');
    await choose(page, '[data-testid=acting-position-unit]', 'district-1011');
    await choose(page, '[data-testid=acting-position]', 'district-1011-director');
    await choose(page, '[data-testid=acting-user]', assistantId);
    await page.click('[data-testid=acting-kind-0]');
    await setDate(page, '[data-testid=acting-to]', until);
    await fill(page, '[data-testid=acting-note]', 'คำสั่งสำนักงานเขตลาดกระบัง ที่ ๑๒/๒๕๖๙');
    await page.click('[data-testid=acting-submit]');
    await waitForOrFail(page, '[data-testid=acting-saved]', '[data-testid=acting-failed]');

    const org = await api.get('/api/admin/org', token);
    const appointment = org.body.acting.find(
      (a: { positionId: string; actingUserId: string; state: string }) =>
        a.positionId === 'district-1011-director' && a.actingUserId === assistantId && a.state === 'in_force',
    );
    expect(appointment).toMatchObject({ kind: 'รักษาราชการแทน', validFrom: today, validTo: until });
    // The table shows it in force, with its dates in Buddhist-era Thai digits.
    const row = `[data-testid=acting-row][data-acting="${appointment.id}"]`;
    await page.waitForSelector(row);
    const text = await page.$eval(row, (el) => el.textContent ?? '');
    expect(text).toContain('นางสาวสุดา บุญมา');
    expect(text).toMatch(/[๐-๙]+ \S+ ๒๕[๐-๙]{2}/);

    // An extra day off on the next working day: new documents' due times skip it.
    const day = nextWorkingDay(addCalendarDays(today, 1), defaultCalendar());
    await page.click('[data-testid=admin-tab-holidays]');
    await page.waitForSelector('[data-testid=holiday-form]');
    await setDate(page, '[data-testid=holiday-date]', day);
    await fill(page, '[data-testid=holiday-name]', 'วันหยุดราชการเพิ่มเป็นกรณีพิเศษ');
    await page.click('[data-testid=holiday-submit]');
    await waitForOrFail(page, '[data-testid=holiday-saved]', '[data-testid=holiday-failed]');
    await page.waitForSelector(`[data-testid=holiday-row][data-date="${day}"]`);
    const holidays = await api.get(`/api/admin/holidays?year=${Number(day.slice(0, 4)) + 543}`, token);
    expect(holidays.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ date: day, name: 'วันหยุดราชการเพิ่มเป็นกรณีพิเศษ' })]),
    );
    const audit = (await e2e.system.ds.query(
      "SELECT action FROM audit_log WHERE action IN ('org.acting_appointed', 'calendar.holiday_added')",
    )) as Array<{ action: string }>;
    expect(audit.map((a) => a.action).sort()).toEqual(['calendar.holiday_added', 'org.acting_appointed']);
  });

  it('admin.bma adds an outside body to the directory, is told of a taken e-mail, and switches the body off', async () => {
    const admin = await e2e.signIn('admin.bma');
    const page = await focus(admin);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${e2e.system.baseUrl}/admin/outside-bodies`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid=outside-row][data-email="saraban@dopa.example"]');
    await page.click('[data-testid=outside-add]');
    await page.waitForSelector('[data-testid=outside-form]');
    await fill(page, '[data-testid=outside-name]', 'สำนักงานสถิติแห่งชาติ');
    await fill(page, '[data-testid=outside-email]', 'saraban@dopa.example');
    await page.click('[data-testid=outside-save]');
    await waitForOrFail(page, '[data-testid=outside-failed]', '[data-testid=outside-saved]');
    expect(await page.$eval('[data-testid=outside-email-error]', (el) => el.textContent)).toContain(
      'อีเมลนี้มีในทะเบียนแล้ว',
    );
    await fill(page, '[data-testid=outside-email]', 'saraban@nso.example');
    await page.click('[data-testid=outside-save]');
    await waitForOrFail(page, '[data-testid=outside-saved]', '[data-testid=outside-failed]');
    const row = '[data-testid=outside-row][data-email="saraban@nso.example"]';
    await page.waitForSelector(row);
    await page.click(`${row} [data-testid=outside-deactivate]`);
    // Switched off: gone from the list until switched-off bodies are shown, and no longer offered to drafters.
    await page.waitForFunction((r) => document.querySelector(r) === null, {}, row);
    await page.click('[data-testid=outside-show-inactive]');
    await page.waitForSelector(`${row}[data-active=false] [data-testid=outside-reactivate]`);
    const api = apiClient(e2e.system.baseUrl);
    const found = await api.get('/api/directory?q=สถิติ', await api.login('staff.ladkrabang'));
    expect(found.body.items).toEqual([]);
    const audit = (await e2e.system.ds.query(
      "SELECT action FROM audit_log WHERE action LIKE 'directory.%' ORDER BY id",
    )) as Array<{ action: string }>;
    expect(audit.map((a) => a.action)).toEqual(['directory.body_created', 'directory.body_deactivated']);
  });
});
