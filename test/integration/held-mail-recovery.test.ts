/**
 * A held message stranded between "accepted" and "registered" (the API died after committing the clerk's decision and
 * before registering): the decision is committed exactly as the accept handler does it (same db functions, same audit
 * row), nothing is registered, and the review list then offers it again as "registration not finished". Two clerks of
 * the unit finishing it at once get one 201 and one 409; the message ends with one document, one receipt number, the
 * held row pointing at it, and registerMailLetter answers the same registration when called again. SQLite and MariaDB,
 * real SMTP intake, real Temporal.
 */
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { createFileStore } from '../../db/file-store';
import { lockHeldMail, recordAccept } from '../../db/held-mail';
import { createOrgDirectory } from '../../db/org';
import { seededUserId } from '../../db/seed';
import { inTransaction } from '../../db/transaction';
import type { ApiDeps } from '../../api/deps';
import { createRateLimits } from '../../api/limits/limits';
import { mailDocumentId, registerMailLetter } from '../../mail-intake/register-letter';
import { apiClient } from '../support/api-client';
import { testDatabaseKinds } from '../support/databases';
import { waitFor } from '../support/lives';
import { startTestSystem, type TestSystem } from '../support/system';
import { samplePdf } from '../e2e/support/fixtures';

type Row = Record<string, any>;
type Item = { id: number; subject: string; registrationUnfinished: boolean };
const CENTRAL = 'saraban@demo.bangkok.example';
/** The grace period the test system runs with: decisions "older" than this are back-dated by the crash helper. */
const GRACE_SECONDS = 60;

describe.each(testDatabaseKinds())('held mail whose registration did not finish, on %s', (kind) => {
  let system: TestSystem;
  let api: ReturnType<typeof apiClient>;
  let clerk: string;
  let otherClerk: string;
  let pdf: Buffer;
  const query = (sql: string, params: unknown[] = []) => system.ds.query(sql, params) as Promise<Row[]>;

  /** Delivers a letter from outside the directory over SMTP and waits for it in the review list. */
  async function held(subject: string): Promise<Item> {
    await nodemailer
      .createTransport({ host: '127.0.0.1', port: system.mailIntakePort!, secure: false, ignoreTLS: true })
      .sendMail({
        from: 'someone@unknown.example',
        to: CENTRAL,
        subject,
        text: 'ส่งหนังสือมาพร้อมนี้',
        attachments: [{ filename: 'หนังสือ.pdf', content: pdf }],
      });
    return waitFor(
      async () => (await list()).find((i) => i.subject === subject),
      (item) => item !== undefined,
    ).then((item) => item!);
  }
  const list = async (token = clerk) => (await api.get('/api/mail/review?limit=200', token)).body.items as Item[];

  /**
   * The accept handler's first step and nothing after it (the process "dies" before registerMailLetter): the row
   * locked, the decision and its mail.accepted row committed, `secondsAgo` back.
   */
  async function acceptedThenCrashed(heldId: number, secondsAgo: number): Promise<string> {
    return inTransaction(system.ds, async (em) => {
      const row = (await lockHeldMail(em, 'secretariat', heldId))!;
      const documentId = mailDocumentId(row);
      const at = new Date(Date.now() - secondsAgo * 1000);
      await recordAccept(em, row, { by: seededUserId('clerk.central'), at, documentId });
      return documentId;
    });
  }

  beforeAll(async () => {
    system = await startTestSystem(kind, {
      env: {
        MAIL_INTAKE_PORT: '0',
        MAIL_INTAKE_HOST: '127.0.0.1',
        MAIL_REGISTRATION_GRACE_SECONDS: String(GRACE_SECONDS),
      },
    });
    api = apiClient(system.baseUrl);
    clerk = await api.login('clerk.central');
    otherClerk = await api.login('clerk.permsec');
    pdf = Buffer.from(await samplePdf('A letter whose registration was cut short'));
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('leaves a registration still within its grace period to the request running it: not listed, 409 registering', async () => {
    const subject = `กำลังลงรับ ${Date.now()}`;
    const item = await held(subject);
    await acceptedThenCrashed(item.id, 0);
    expect((await list()).some((i) => i.id === item.id)).toBe(false);
    const again = await api.post(`/api/mail/review/${item.id}/accept`, {}, clerk);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'MAIL_ALREADY_DECIDED',
      details: [{ path: 'status', message: 'registering' }],
    });
    expect(await query('SELECT id FROM documents WHERE subject = ?', [subject])).toEqual([]);
  });

  it('lists a stranded message as not finished and two clerks finishing it at once make one document', async () => {
    const subject = `ค้างลงรับ ${Date.now()}`;
    const item = await held(subject);
    const documentId = await acceptedThenCrashed(item.id, GRACE_SECONDS + 60);
    expect(await query('SELECT id FROM documents WHERE id = ?', [documentId])).toEqual([]);

    // Both clerks of the unit see it again, marked, with its letter readable; it cannot be rejected any more.
    for (const token of [clerk, otherClerk])
      expect((await list(token)).find((i) => i.id === item.id)).toMatchObject({ registrationUnfinished: true });
    expect((await api.get(`/api/mail/review/${item.id}/files/0`, otherClerk)).status).toBe(200);
    const reject = await api.post(`/api/mail/review/${item.id}/reject`, {}, clerk);
    expect(reject.status).toBe(409);
    expect(reject.body.error.code).toBe('MAIL_ALREADY_DECIDED');

    const answers = await Promise.all([
      api.post(`/api/mail/review/${item.id}/accept`, {}, clerk),
      api.post(`/api/mail/review/${item.id}/accept`, {}, otherClerk),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const won = answers.find((a) => a.status === 201)!;
    expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('MAIL_ALREADY_DECIDED');
    expect(won.body.id).toBe(documentId);
    const finisher = answers[0].status === 201 ? 'clerk.central' : 'clerk.permsec';

    // One document, one receipt number, the held row pointing at it, decided by the clerk who finished it.
    expect(await query('SELECT id FROM documents WHERE subject = ?', [subject])).toEqual([{ id: documentId }]);
    const entries = await query('SELECT register, number FROM register_entries WHERE document_id = ?', [documentId]);
    expect(entries).toEqual([{ register: 'receipt', number: won.body.receipt.number }]);
    const [row] = await query('SELECT status, decided_by, document_id FROM held_mail WHERE id = ?', [item.id]);
    expect(row).toEqual({ status: 'accepted', decided_by: seededUserId(finisher), document_id: documentId });
    const audit = await query(
      'SELECT action, actor_user_id, details FROM audit_log WHERE document_id = ? ORDER BY id',
      [documentId],
    );
    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a === 'mail.accepted')).toHaveLength(1);
    expect(actions.filter((a) => a === 'document.registered')).toHaveLength(1);
    const resumed = audit.filter((a) => a.action === 'mail.accept_resumed');
    expect(resumed).toHaveLength(1);
    expect(resumed[0].actor_user_id).toBe(seededUserId(finisher));
    expect(JSON.parse(resumed[0].details)).toMatchObject({
      heldId: item.id,
      documentId,
      decidedBy: seededUserId('clerk.central'),
    });
    expect((await list()).some((i) => i.id === item.id)).toBe(false);
    expect((await api.get(`/api/mail/review/${item.id}/files/0`, clerk)).status).toBe(404);
    const late = await api.post(`/api/mail/review/${item.id}/accept`, {}, otherClerk);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('MAIL_ALREADY_DECIDED');

    // Registering again (as a retried request would) answers the same registration and starts no second life.
    const deps: ApiDeps = {
      ds: system.ds,
      temporal: system.client,
      org: createOrgDirectory(system.ds),
      files: createFileStore({
        ds: system.ds,
        dir: join(system.env.DATA_DIR, 'files'),
        encryptionKey: system.env.FILE_ENCRYPTION_KEY,
      }),
      env: system.env,
      log: system.log,
      // The test system has no REDIS_URL: in-process limits, nothing to close.
      limits: createRateLimits(system.env, system.log),
    };
    const letter = (await query('SELECT * FROM held_mail WHERE id = ?', [item.id]))[0];
    const handle = system.client.workflow.getHandle(won.body.workflowId);
    const runBefore = (await handle.describe()).runId;
    const by = { userId: seededUserId('clerk.central'), displayName: 'x', roles: ['clerk'], unitId: 'secretariat' };
    const mail = {
      unitId: 'secretariat',
      from: String(letter.from_address),
      senderName: String(letter.sender_name),
      subject,
      receivedAt: new Date(),
      messageId: String(letter.message_id),
      pdfs: JSON.parse(String(letter.pdfs)),
    };
    const twice = [await registerMailLetter(deps, mail, by), await registerMailLetter(deps, mail, by)];
    for (const again of twice)
      expect(again).toMatchObject({ id: documentId, workflowId: won.body.workflowId, receipt: won.body.receipt });
    expect((await handle.describe()).runId).toBe(runBefore);
    expect(await query('SELECT id FROM register_entries WHERE document_id = ?', [documentId])).toHaveLength(1);
  });
});
