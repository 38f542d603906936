import { apiClient, buildIncoming } from '../support/api-client';
import { focus, waitForInboxRow } from './support/browser';
import { useBrowserSystem } from './support/browser-system';
import { userIdOf } from './support/fixtures';

describe('a supervisor reassigns an overdue task (headless Chromium)', () => {
  // Every task falls due two seconds after it opens, so it is overdue by the time the director looks.
  const e2e = useBrowserSystem({ env: { TASK_DUE_SECONDS: '2' } });

  it('sees the overdue task by person with its age and moves it to another official, who gets it', async () => {
    const api = apiClient(e2e.system.baseUrl);
    const subject = `ขอข้อมูลผู้ประสบอุทกภัย ${Date.now()}`;
    const clerk = await api.login('clerk.ladkrabang');
    const registered = await api.post('/api/documents/incoming', buildIncoming({ subject }), clerk);
    expect(registered.status).toBe(201);
    const staffId = await userIdOf(e2e.system.baseUrl, 'staff.ladkrabang');
    const civilId = await userIdOf(e2e.system.baseUrl, 'staff.civil.ladkrabang');
    let triage: { taskId: string } | undefined;
    for (let i = 0; i < 40 && !triage; i++) {
      const doc = await api.get(`/api/documents/${registered.body.id}`, clerk);
      triage = doc.body.openTasks?.find((t: { type: string }) => t.type === 'triage');
      if (!triage) await new Promise((r) => setTimeout(r, 250));
    }
    const assigned = await api.post(
      `/api/tasks/${triage!.taskId}/actions`,
      { action: 'assign', toUserId: staffId },
      clerk,
    );
    expect(assigned.status).toBe(200);
    await new Promise((r) => setTimeout(r, 3000));

    const director = await e2e.signIn('director.ladkrabang');
    const page = await focus(director);
    await page.click('[data-testid=nav-supervisor]');
    const row = `[data-testid=sup-task][data-document-id="${registered.body.id}"]`;
    await page.waitForSelector(row);
    // By person, the holder's row names their position (the page re-renders after the click).
    await page.click('[data-testid=sup-by-person]');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=sup-group]')].some((r) =>
        (r.textContent ?? '').includes('เจ้าหน้าที่ฝ่ายบริหารงานทั่วไป'),
      ),
    );
    const text = await page.$eval(row, (r) => r.textContent ?? '');
    expect(text).toContain(subject);
    expect(text).toContain('เกินกำหนด');

    await page.click(`${row} [data-testid=sup-select]`);
    await page.select('[data-testid=sup-target]', civilId);
    await page.type('[data-testid=sup-comment]', 'ผู้รับผิดชอบเดิมลาป่วย');
    await page.click('[data-testid=sup-reassign]');
    await page.waitForSelector('[data-testid=sup-result]');
    expect(await page.$eval('[data-testid=sup-result]', (el) => el.className)).toContain('note-ok');

    const civil = await e2e.signIn('staff.civil.ladkrabang');
    expect(await waitForInboxRow(await focus(civil), subject)).toBe(registered.body.id);
    const doc = await api.get(`/api/documents/${registered.body.id}`, clerk);
    expect(doc.body.history.map((h: { action: string }) => h.action)).toContain('task.reassigned');
  });
});
