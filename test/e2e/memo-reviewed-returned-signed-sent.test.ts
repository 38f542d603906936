import type { Page } from 'puppeteer-core';
import {
  fill,
  focus,
  pickUnit,
  waitForActionDone,
  waitForInboxRow,
  waitForOrFail,
  waitForStage,
} from './support/browser';
import { useBrowserSystem } from './support/browser-system';

/** From the inbox, opens the document and takes `action` on the task of `type`, with a comment if given. */
async function actFromInbox(page: Page, subject: string, type: string, action: string, comment?: string) {
  if (new URL(page.url()).pathname !== '/inbox') {
    await page.goto(`${new URL(page.url()).origin}/inbox`, { waitUntil: 'networkidle0' });
  }
  const documentId = await waitForInboxRow(page, subject, 60_000);
  await page.click(`[data-testid=inbox-row][data-document-id="${documentId}"] a`);
  const task = `[data-testid=open-task][data-type=${type}]`;
  await page.waitForSelector(`${task} [data-testid=action-${action}-submit]`);
  if (comment) await page.type(`${task} [data-testid=action-comment]`, comment);
  await page.click(`${task} [data-testid=action-${action}-submit]`);
  await waitForActionDone(page, 60_000);
  return documentId;
}

describe('a drafter composes a memo that is reviewed, returned, revised, signed and delivered (headless Chromium)', () => {
  const e2e = useBrowserSystem();

  it('goes from the compose form to a receipt number in another district', async () => {
    const subject = `ขอส่งรายงานผลการตรวจสอบอาคาร ${Date.now()}`;
    const staff = await e2e.signIn('staff.ladkrabang');
    let page = await focus(staff);
    await page.click('[data-testid=nav-compose]');
    await page.waitForSelector('[data-testid=compose-subject]');
    await page.select('[data-testid=compose-kind]', 'memo');
    await page.type('[data-testid=compose-subject]', subject);
    await pickUnit(page, 'compose-to', 'พระนคร', 'district-1001');
    await page.type('[data-testid=compose-part-recipient]', 'เรียน ผู้อำนวยการเขตพระนคร');
    await page.type('[data-testid=compose-part-body]', 'สำนักงานเขตลาดกระบังขอส่งรายงานผลการตรวจสอบอาคาร');
    // The live preview lays the memo out as it will print.
    await page.waitForSelector('[data-testid=letter-preview]', { timeout: 30_000 });
    await page.click('[data-testid=compose-save]');
    await waitForOrFail(page, '[data-testid=compose-saved]', '[data-testid=compose-error]');
    expect(page.url()).toMatch(/\/compose\/[0-9a-f-]{36}$/);
    await page.click('[data-testid=compose-submit]');
    await page.waitForSelector('[data-testid=doc-subject]');
    await waitForStage(page, 'review');
    const documentPath = new URL(page.url()).pathname;

    const head = await e2e.signIn('head.ladkrabang');
    await actFromInbox(await focus(head), subject, 'review', 'approve', 'เห็นควรลงนาม');
    const assistant = await e2e.signIn('assistant.ladkrabang');
    const returnedPage = await focus(assistant);
    await actFromInbox(returnedPage, subject, 'review', 'return', 'โปรดระบุวันที่ตรวจสอบ');
    await waitForStage(returnedPage, 'returned');

    // The author sees the comment, revises (a new version), looks at the first version, and submits again.
    // The author finds it under My documents, among those returned, and it opens straight in compose.
    page = await focus(staff);
    await page.click('[data-testid=nav-drafts]');
    await page.waitForSelector('[data-testid=mine-filter-returned]');
    await page.click('[data-testid=mine-filter-returned]');
    const documentId = documentPath.split('/').pop()!;
    const returnedRow = `[data-testid=mine-row][data-document-id="${documentId}"][data-stage=returned]`;
    await page.waitForSelector(returnedRow, { timeout: 30_000 });
    await page.click(`${returnedRow} a`);
    await page.waitForSelector('[data-testid=compose-comment]');
    expect(new URL(page.url()).pathname).toBe(`/compose/${documentId}`);
    expect(await page.$eval('[data-testid=compose-comments]', (el) => el.textContent)).toContain('โปรดระบุวันที่ตรวจสอบ');
    await page.waitForFunction(
      () => (document.querySelector('[data-testid=compose-part-body]') as HTMLTextAreaElement)?.value.length > 0,
    );
    await fill(page, '[data-testid=compose-part-body]', 'ผลการตรวจสอบอาคารเมื่อวันที่ ๑ ธันวาคม ๒๕๖๙ ตามที่แนบมานี้');
    await page.click('[data-testid=compose-save]');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=compose-saved]')?.textContent?.includes('ฉบับที่ ๒'),
    );
    await page.goto(`${e2e.system.baseUrl}${documentPath.replace('/documents/', '/compose/')}`, {
      waitUntil: 'networkidle0',
    });
    await page.waitForSelector('[data-testid=compose-view-1]');
    expect(await page.$$eval('[data-testid=compose-version]', (v) => v.length)).toBe(2);
    await page.click('[data-testid=compose-view-1]');
    await page.waitForSelector('[data-testid=compose-version-view]');
    expect(await page.$eval('[data-testid=compose-version-view]', (el) => el.textContent)).toContain(
      'ขอส่งรายงานผลการตรวจสอบอาคาร',
    );
    await page.click('[data-testid=compose-submit]');
    await page.waitForSelector('[data-testid=doc-subject]');
    await waitForStage(page, 'review');

    await actFromInbox(await focus(head), subject, 'review', 'approve');
    await actFromInbox(await focus(assistant), subject, 'review', 'approve', 'เห็นควรลงนาม');
    const director = await e2e.signIn('director.ladkrabang');
    const signPage = await focus(director);
    await actFromInbox(signPage, subject, 'sign', 'sign');
    await waitForStage(signPage, 'numbered', 60_000);
    expect(await signPage.$eval('[data-testid=doc-number]', (el) => el.textContent)).toMatch(/กท ๙๕๑๑\/[๐-๙]+/);
    expect(await signPage.$eval('[data-testid=doc-signature]', (el) => el.textContent)).toContain(
      'ผู้อำนวยการเขตลาดกระบัง',
    );

    const clerk = await e2e.signIn('clerk.ladkrabang');
    const sendPage = await focus(clerk);
    await actFromInbox(sendPage, subject, 'dispatch', 'send');
    // The page keeps reloading while the recipient district has not registered the memo yet.
    await sendPage.waitForFunction(
      () =>
        document.querySelector('[data-testid=doc-stage]')?.getAttribute('data-stage') === 'sent' &&
        (document.querySelector('[data-testid=recipient]')?.textContent ?? '').includes('เลขรับ'),
      { timeout: 90_000, polling: 1000 },
    );
    expect(await sendPage.$eval('[data-testid=recipient]', (el) => el.getAttribute('data-status'))).toBe('delivered');

    // The author's My documents lists it as sent, with its number.
    const mine = await focus(staff);
    await mine.goto(`${e2e.system.baseUrl}/drafts`, { waitUntil: 'networkidle0' });
    await mine.waitForSelector('[data-testid=mine-filter-sent]');
    await mine.click('[data-testid=mine-filter-sent]');
    const sentRow = `[data-testid=mine-row][data-document-id="${documentId}"][data-stage=sent]`;
    await mine.waitForSelector(sentRow, { timeout: 30_000 });
    expect(await mine.$eval(sentRow, (r) => r.textContent)).toMatch(/กท ๙๕๑๑\/[๐-๙]+/);

    // The other district's clerk finds it in the triage queue with its own receipt.
    const receiver = await e2e.signIn('clerk.phranakhon');
    const receiverPage = await focus(receiver);
    const incomingId = await waitForInboxRow(receiverPage, subject, 60_000);
    const row = await receiverPage.$eval(`[data-testid=inbox-row][data-document-id="${incomingId}"]`, (r) => ({
      type: r.getAttribute('data-type'),
      text: r.textContent ?? '',
    }));
    expect(row.type).toBe('triage');
    expect(row.text).toMatch(/เลขรับ [๐-๙]+/);
  });
});
