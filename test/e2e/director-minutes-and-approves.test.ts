import type { Page } from 'puppeteer-core';
import { apiClient, buildIncoming } from '../support/api-client';
import { focus, waitForActionDone, waitForInboxRow, waitForStage } from './support/browser';
import { useBrowserSystem } from './support/browser-system';
import { userIdOf } from './support/fixtures';

/** In the reviewer's inbox: open the document, write the minute and take the action on the review task. */
async function review(page: Page, subject: string, action: 'annotate' | 'approve', minute: string): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/inbox`, { waitUntil: 'networkidle0' });
  const documentId = await waitForInboxRow(page, subject);
  await page.click(`[data-testid=inbox-row][data-document-id="${documentId}"] a`);
  await page.waitForSelector('[data-testid=open-task][data-type=review] [data-testid=action-comment]');
  await page.type('[data-testid=open-task][data-type=review] [data-testid=action-comment]', minute);
  await page.click(`[data-testid=open-task][data-type=review] [data-testid=action-${action}-submit]`);
  await waitForActionDone(page);
}

describe('a staff member proposes a letter and the director minutes and approves it (headless Chromium)', () => {
  const e2e = useBrowserSystem();

  it('goes up head → assistant → director, each minute shown in order, and the decision comes back to the proposer', async () => {
    const api = apiClient(e2e.system.baseUrl);
    const subject = `ขออนุมัติจัดอบรมการใช้ระบบสารบรรณอิเล็กทรอนิกส์ ${Date.now()}`;
    // The clerk's part (registration and assignment) has its own journey; here it is done through the API.
    const clerkToken = await api.login('clerk.ladkrabang');
    const registered = await api.post('/api/documents/incoming', buildIncoming({ subject }), clerkToken);
    expect(registered.status).toBe(201);
    const staffId = await userIdOf(e2e.system.baseUrl, 'staff.ladkrabang');
    let triage: { taskId: string } | undefined;
    for (let i = 0; i < 40 && !triage; i++) {
      const doc = await api.get(`/api/documents/${registered.body.id}`, clerkToken);
      triage = doc.body.openTasks?.find((t: { type: string }) => t.type === 'triage');
      if (!triage) await new Promise((r) => setTimeout(r, 250));
    }
    const assigned = await api.post(
      `/api/tasks/${triage!.taskId}/actions`,
      { action: 'assign', toUserId: staffId, comment: 'ดำเนินการ' },
      clerkToken,
    );
    expect(assigned.status).toBe(200);

    // The staff member proposes it up to the director, naming the director in the position picker.
    const staff = await e2e.signIn('staff.ladkrabang');
    let page = await focus(staff);
    const documentId = await waitForInboxRow(page, subject);
    await page.click(`[data-testid=inbox-row][data-document-id="${documentId}"] a`);
    await page.waitForSelector('[data-testid=action-propose-position] option[value="district-1011-director"]');
    await page.select('[data-testid=action-propose-position]', 'district-1011-director');
    await page.type('[data-testid=action-comment]', 'เรียน ผอ.เขต เพื่อโปรดพิจารณาอนุมัติ');
    await page.click('[data-testid=action-propose-submit]');
    await waitForActionDone(page);
    await waitForStage(page, 'proposed');

    const head = await e2e.signIn('head.ladkrabang');
    await review(await focus(head), subject, 'annotate', 'เรียน ผอ.เขต เห็นควรอนุมัติ');
    const assistant = await e2e.signIn('assistant.ladkrabang');
    await review(await focus(assistant), subject, 'annotate', 'เห็นชอบตามเสนอ');
    const director = await e2e.signIn('director.ladkrabang');
    page = await focus(director);
    await review(page, subject, 'approve', 'อนุมัติ ดำเนินการต่อไป');
    await waitForStage(page, 'decided');

    // The minutes read in order, each with its writer's title, as on the paper's margin.
    const minutes = await page.$$eval('[data-testid=minute]', (items) =>
      items.map((i) => ({ decision: i.getAttribute('data-decision'), text: i.textContent ?? '' })),
    );
    expect(minutes.map((m) => m.decision)).toEqual(['annotate', 'annotate', 'approve']);
    expect(minutes[0].text).toContain('เห็นควรอนุมัติ');
    expect(minutes[0].text).toContain('หัวหน้าฝ่ายบริหารงานทั่วไป');
    expect(minutes[2].text).toContain('อนุมัติ ดำเนินการต่อไป');
    expect(minutes[2].text).toContain('ผู้อำนวยการเขตลาดกระบัง');

    // The decision comes back down: the proposer has an act task again.
    page = await focus(staff);
    await page.goto(`${e2e.system.baseUrl}/documents/${documentId}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid=open-task][data-type=act]');
    const history = await page.$$eval('[data-testid=history-entry]', (items) =>
      items.map((i) => i.getAttribute('data-action')),
    );
    expect(history).toEqual(expect.arrayContaining(['proposal.sent', 'proposal.minuted', 'proposal.approved']));
  });
});
