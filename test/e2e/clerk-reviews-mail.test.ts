import nodemailer from 'nodemailer';
import type { Page } from 'puppeteer-core';
import { mailDocumentId } from '../../mail-intake/register-letter';
import { holdMail, lockHeldMail, recordAccept } from '../../db/held-mail';
import { inTransaction } from '../../db/transaction';
import { apiClient } from '../support/api-client';
import { waitFor } from '../support/lives';
import { samplePdf, userIdOf } from './support/fixtures';
import { allowPdfReadBack, fill, focus, shownPdf, waitForOrFail } from './support/browser';
import { useBrowserSystem } from './support/browser-system';

const CENTRAL = 'saraban@demo.bangkok.example';

describe('a clerk reviews a letter e-mailed by a sender outside the directory (headless Chromium)', () => {
  const e2e = useBrowserSystem({ env: { MAIL_INTAKE_PORT: '0', MAIL_INTAKE_HOST: '127.0.0.1' } });

  /** A real SMTP delivery to the unit's central address, from an address the directory does not know. */
  const deliver = (subject: string, from: string, attachments: Array<{ filename: string; content: Buffer }>) =>
    nodemailer
      .createTransport({ host: '127.0.0.1', port: e2e.system.mailIntakePort!, secure: false, ignoreTLS: true })
      .sendMail({ from, to: CENTRAL, subject, text: 'ส่งหนังสือมาพร้อมนี้', attachments });

  /** Opens the review screen, reloading until the intake has held the message, and chooses it; its held id. */
  async function openHeld(page: Page, subject: string): Promise<string | undefined> {
    await page.click('[data-testid=nav-mail-review]');
    // The intake holds the message a moment after SMTP answers: reload the screen until it is listed.
    const row = `[data-testid=mail-row]`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.waitForSelector(`${row}, [data-testid=mail-none]`);
      const subjects = await page.$$eval(row, (rows) => rows.map((r) => r.textContent ?? ''));
      if (subjects.some((s) => s.includes(subject))) break;
      if (Date.now() > deadline) throw new Error(`not listed: ${subjects.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 500));
      await page.reload({ waitUntil: 'networkidle0' });
    }
    const heldId = await page.$$eval(
      row,
      (rows, wanted) => {
        const mine = rows.find((r) => r.textContent?.includes(wanted)) as HTMLElement;
        mine.click();
        return mine.dataset['heldId'];
      },
      subject,
    );
    await page.waitForFunction(
      (wanted) => document.querySelector('[data-testid=mail-subject]')?.textContent?.includes(wanted),
      {},
      subject,
    );
    return heldId;
  }

  /**
   * The bytes the viewer shows, read back from its blob URL (not the network response: Chromium may evict a response
   * body before the protocol asks for it). Needs the page's CSP lifted (see signedInClerk).
   */
  /** clerk.central in the app, on a page whose PDF viewer the test can read back. */
  async function signedInClerk(): Promise<Page> {
    return allowPdfReadBack(await focus(await e2e.signIn('clerk.central')));
  }

  it('reads the attached PDF in the page, registers the letter adding its sender to the directory, and lands on the document', async () => {
    const subject = `ขอเชิญร่วมงานวันเด็กแห่งชาติ ${Date.now()}`;
    const pdf = Buffer.from(await samplePdf('Invitation from Thai Children Foundation'));
    await deliver(subject, '"มูลนิธิเด็กไทย" <contact@thaichildren.example>', [{ filename: 'หนังสือเชิญ.pdf', content: pdf }]);
    const page = await signedInClerk();
    const heldId = await openHeld(page, subject);
    expect(await page.$eval('[data-testid=mail-from]', (el) => el.textContent)).toBe('contact@thaichildren.example');
    // The received time in Thai: Buddhist-era year in Thai digits.
    expect(await page.$eval('[data-testid=mail-received]', (el) => el.textContent)).toMatch(/[๐-๙]{4}/);

    // The PDF in the page is the very file that was mailed.
    await page.waitForSelector('[data-testid=pdf-frame]');
    expect(await page.$eval('[data-testid=pdf-open]', (a) => (a as HTMLAnchorElement).href)).toMatch(/^blob:/);
    expect((await shownPdf(page)).equals(pdf)).toBe(true);
    // ...and the endpoint the page read it from serves that message's attachment.
    const staff = await apiClient(e2e.system.baseUrl).login('clerk.central');
    const served = await fetch(`${e2e.system.baseUrl}/api/mail/review/${heldId}/files/0`, {
      headers: { authorization: `Bearer ${staff}` },
    });
    expect(served.headers.get('content-type')).toMatch(/application\/pdf/);
    expect(Buffer.from(await served.arrayBuffer()).equals(pdf)).toBe(true);

    // The sender's name comes prefilled from the message (its address: a display name in From proves nothing); the
    // clerk writes the body's name and adds the sender to the directory.
    expect(await page.$eval('[data-testid=mail-sender-name]', (el) => (el as HTMLInputElement).value)).toBe(
      'contact@thaichildren.example',
    );
    await fill(page, '[data-testid=mail-sender-name]', 'มูลนิธิเด็กไทย');
    await page.click('[data-testid=mail-add-to-directory]');
    await page.waitForSelector('[data-testid=mail-sender-kind]');
    await page.select('[data-testid=mail-sender-kind]', 'other');
    await page.click('[data-testid=mail-register]');
    await waitForOrFail(page, '[data-testid=doc-subject]', '[data-testid=mail-error]', 60_000);

    const documentId = /\/documents\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    expect(documentId).toBeDefined();
    expect(await page.$eval('[data-testid=doc-subject]', (el) => el.textContent)).toContain(subject);
    await page.waitForSelector('[data-testid=doc-receipt]');
    expect(await page.$eval('[data-testid=doc-receipt]', (el) => el.textContent)).toMatch(/[๐-๙]+/);

    // The sender is in the directory now, and the message has left the review list.
    const api = apiClient(e2e.system.baseUrl);
    const token = await api.login('clerk.central');
    const directory = await api.get('/api/directory?q=contact@thaichildren', token);
    expect(directory.body.items).toEqual([
      expect.objectContaining({ name: 'มูลนิธิเด็กไทย', email: 'contact@thaichildren.example', kind: 'other' }),
    ]);
    const review = await api.get('/api/mail/review', token);
    expect(review.body.items.some((i: { subject: string }) => i.subject === subject)).toBe(false);
    const [doc] = await e2e.system.ds.query('SELECT sender_name, receipt_number FROM documents WHERE id = ?', [
      documentId,
    ]);
    expect(doc.sender_name).toBe('มูลนิธิเด็กไทย');
    expect(doc.receipt_number).not.toBeNull();
  });

  it('switches between the two PDFs of a message, then rejects it with a reason: it leaves the list, unnumbered', async () => {
    const subject = `เสนอขายอุปกรณ์สำนักงาน ${Date.now()}`;
    const first = Buffer.from(await samplePdf('Office supplies - price list'));
    const second = Buffer.from(await samplePdf('Office supplies - order form'));
    await deliver(subject, 'sales@officesupplies.example', [
      { filename: 'ใบเสนอราคา.pdf', content: first },
      { filename: 'ใบสั่งซื้อ.pdf', content: second },
    ]);
    const page = await signedInClerk();
    const heldId = await openHeld(page, subject);

    // Both attachments are offered; the first is shown, then the second once the clerk picks it.
    expect(
      await page.$$eval('[data-testid=mail-attachment] option', (options) => options.map((o) => o.textContent?.trim())),
    ).toEqual(['ใบเสนอราคา.pdf', 'ใบสั่งซื้อ.pdf']);
    await page.waitForSelector('[data-testid=pdf-open]');
    expect((await shownPdf(page)).equals(first)).toBe(true);
    /** Picks an attachment and waits for the viewer to load it (a new blob URL). */
    const show = async (index: string) => {
      const before = await page.$eval('[data-testid=pdf-open]', (a) => (a as HTMLAnchorElement).href);
      await page.select('[data-testid=mail-attachment]', index);
      await page.waitForFunction(
        (previous) => {
          const a = document.querySelector('[data-testid=pdf-open]') as HTMLAnchorElement | null;
          return a !== null && a.href.startsWith('blob:') && a.href !== previous;
        },
        {},
        before,
      );
      return shownPdf(page);
    };
    expect((await show('1')).equals(second)).toBe(true);
    expect((await show('0')).equals(first)).toBe(true);

    // Not an official letter: the clerk rejects it with a reason.
    await fill(page, '[data-testid=mail-reject-reason]', 'เป็นการเสนอขายสินค้า ไม่ใช่หนังสือราชการ');
    await page.click('[data-testid=mail-reject]');
    await waitForOrFail(page, '[data-testid=mail-rejected]', '[data-testid=mail-error]');
    expect(await page.$eval('[data-testid=mail-rejected]', (el) => el.textContent)).toContain(subject);
    await page.waitForFunction(
      (wanted) =>
        ![...document.querySelectorAll('[data-testid=mail-row]')].some((r) => r.textContent?.includes(wanted)),
      {},
      subject,
    );

    // Kept with its reason and who decided, in the table and the audit trail; never registered; its files gone.
    const [row] = await e2e.system.ds.query('SELECT status, reject_reason, document_id FROM held_mail WHERE id = ?', [
      heldId,
    ]);
    expect(row).toEqual({
      status: 'rejected',
      reject_reason: 'เป็นการเสนอขายสินค้า ไม่ใช่หนังสือราชการ',
      document_id: null,
    });
    const [audit] = await e2e.system.ds.query(
      "SELECT actor_user_id, details FROM audit_log WHERE action = 'mail.rejected' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.actor_user_id).toBe(await userIdOf(e2e.system.baseUrl, 'clerk.central'));
    expect(JSON.parse(audit.details)).toMatchObject({
      heldId: Number(heldId),
      reason: 'เป็นการเสนอขายสินค้า ไม่ใช่หนังสือราชการ',
    });
    expect(await e2e.system.ds.query('SELECT id FROM documents WHERE subject = ?', [subject])).toEqual([]);
    const token = await apiClient(e2e.system.baseUrl).login('clerk.central');
    const file = await fetch(`${e2e.system.baseUrl}/api/mail/review/${heldId}/files/1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(file.status).toBe(404);
  });

  // Last: its 50 earlier messages would push the other tests' letters onto a second page.
  it('pages the list with Show more, and finishes a letter whose registration was cut short: one document', async () => {
    const subject = `ค้างลงรับ ${Date.now()}`;
    await deliver(subject, 'someone@unknown.example', [
      { filename: 'หนังสือ.pdf', content: Buffer.from(await samplePdf('Cut short')) },
    ]);
    const [held] = await waitFor(
      () =>
        e2e.system.ds.query('SELECT * FROM held_mail WHERE subject = ?', [subject]) as Promise<
          Array<Record<string, any>>
        >,
      (rows) => rows.length === 1,
    );
    const heldId = Number(held.id);
    // Asked before the transaction: the sign-in writes, and SQLite has one writer.
    const by = await userIdOf(e2e.system.baseUrl, 'clerk.central');
    // Fifty messages held before it, so it comes on the second page of 50.
    await inTransaction(e2e.system.ds, async (em) => {
      for (let i = 0; i < 50; i++)
        await holdMail(em, {
          unitId: 'secretariat',
          rawSha256: `${String(i).padStart(2, '0')}${'e'.repeat(62)}`,
          messageId: `<filler-${i}@unknown.example>`,
          from: 'filler@unknown.example',
          senderName: 'filler@unknown.example',
          subject: `ก่อนหน้า ${i}`,
          receivedAt: new Date(Date.now() - 3_600_000 + i * 1000),
          pdfs: [],
        });
      // The accept handler's committed decision, then the API "died" before registering (a while ago: past the grace).
      const row = (await lockHeldMail(em, 'secretariat', heldId))!;
      await recordAccept(em, row, { by, at: new Date(Date.now() - 600_000), documentId: mailDocumentId(row) });
    });

    const page = await signedInClerk();
    await page.click('[data-testid=nav-mail-review]');
    await page.waitForSelector('[data-testid=mail-more]');
    expect(await page.$$eval('[data-testid=mail-row]', (rows) => rows.length)).toBe(50);
    await page.click('[data-testid=mail-more]');
    const row = `[data-testid=mail-row][data-held-id="${heldId}"]`;
    await page.waitForSelector(row);
    expect(await page.$$eval('[data-testid=mail-row]', (rows) => rows.length)).toBe(51);
    expect(await page.$('[data-testid=mail-more]')).toBeNull();
    expect(await page.$eval(row, (el) => el.querySelector('[data-testid=mail-unfinished]')?.textContent)).toBe(
      'ลงรับยังไม่เสร็จ',
    );
    await page.click(row);
    await page.waitForSelector('[data-testid=mail-unfinished-note]');
    expect(await page.$('[data-testid=mail-reject-form]')).toBeNull();
    expect(await page.$eval('[data-testid=mail-register]', (el) => el.textContent?.trim())).toBe('ลงรับให้เสร็จ');
    await page.click('[data-testid=mail-register]');
    await waitForOrFail(page, '[data-testid=doc-subject]', '[data-testid=mail-error]', 60_000);

    const documentId = /\/documents\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
    expect(documentId).toBe(mailDocumentId({ unitId: 'secretariat', messageId: String(held.message_id) }));
    expect(await e2e.system.ds.query('SELECT id FROM documents WHERE subject = ?', [subject])).toEqual([
      { id: documentId },
    ]);
    expect(
      await e2e.system.ds.query('SELECT number FROM register_entries WHERE document_id = ?', [documentId]),
    ).toHaveLength(1);
    const [after] = await e2e.system.ds.query('SELECT status, document_id FROM held_mail WHERE id = ?', [heldId]);
    expect(after).toEqual({ status: 'accepted', document_id: documentId });
  });
});
