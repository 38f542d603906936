/// <reference lib="dom" />
/**
 * `npm run screens`: regenerates a screenshot of every screen of the web client into docs/screens/, against a
 * scratch system (its own SQLite file, an in-memory Temporal dev server, the demo organisation) filled with a
 * small day of work through the API, so each screen shows real data. 1366×768 office screens, plus a phone.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { loadEnv } from '../config/env';
import { startSystem, type RunningSystem } from './lib/system';
import { startDevServer, type DevServer } from './lib/temporal-dev-server';

/** The project root, whether this runs from source (scripts/) or compiled (dist/scripts/). */
const PROJECT = __dirname.endsWith(join('dist', 'scripts')) ? resolve(__dirname, '..', '..') : resolve(__dirname, '..');
const OUT = join(PROJECT, 'docs', 'screens');
const WEB_ROOT = join(PROJECT, 'web', 'dist', 'browser');
const PASSWORD = 'saraban-demo';
const OFFICE = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** A whole system on free ports with its own data, for scripts that need one (screens, bench). */
export interface ScratchSystem {
  system: RunningSystem;
  stop(): Promise<void>;
}

/** Starts the dev server and the system (worker + API serving the built client) on free ports. */
export async function startScratchSystem(env: Record<string, string> = {}): Promise<ScratchSystem> {
  const port = await freePort();
  const temporal: DevServer = await startDevServer({ port });
  const dir = mkdtempSync(join(tmpdir(), 'saraban-scratch-'));
  try {
    const system = await startSystem(
      loadEnv({
        NODE_ENV: 'test',
        DATABASE_URL: `sqlite:${join(dir, 'scratch.sqlite')}`,
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_TASK_QUEUE: 'scratch',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dir,
        DEMO_PASSWORD: PASSWORD,
        LOG_LEVEL: 'error',
        RATE_LIMIT_IP_PER_MINUTE: '100000',
        RATE_LIMIT_USER_PER_MINUTE: '100000',
        ...env,
      }),
      { webRoot: WEB_ROOT },
    );
    return {
      system,
      stop: async () => {
        await system.stop();
        await temporal.stop();
      },
    };
  } catch (error) {
    await temporal.stop();
    throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A small API client for seeding: JSON in and out, a fresh Idempotency-Key on each write. */
export function api(baseUrl: string) {
  let counter = 0;
  async function call<T = any>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET')
      headers['idempotency-key'] = `seed-${Date.now()}-${++counter}-${Math.random().toString(36).slice(2)}`;
    const res = await fetch(baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const tokens = new Map<string, string>();
  return {
    call,
    async login(username: string): Promise<string> {
      let token = tokens.get(username);
      if (!token) {
        token = (await call<{ token: string }>('POST', '/api/auth/login', undefined, { username, password: PASSWORD }))
          .token;
        tokens.set(username, token);
      }
      return token;
    },
  };
}

type Api = ReturnType<typeof api>;

/** Waits until `probe` answers something truthy (the read models follow the workflows by moments). */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting for the system');
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function openTask(a: Api, username: string, documentId: string, type: string) {
  const token = await a.login(username);
  return eventually(async () => {
    const doc = await a.call<{ openTasks: { taskId: string; type: string; availableActions: string[] }[] }>(
      'GET',
      `/api/documents/${documentId}`,
      token,
    );
    return doc.openTasks.find((t) => t.type === type && t.availableActions.length > 0);
  });
}

async function act(a: Api, username: string, documentId: string, type: string, body: Record<string, unknown>) {
  const task = await openTask(a, username, documentId, type);
  return a.call('POST', `/api/tasks/${task.taskId}/actions`, await a.login(username), body);
}

async function samplePdf(title = 'Bangkok Metropolitan Administration - sample received letter'): Promise<string> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText(title, { x: 60, y: 770, size: 13, font });
  for (let i = 0; i < 18; i++) page.drawLine({ start: { x: 60, y: 720 - i * 22 }, end: { x: 535, y: 720 - i * 22 } });
  return Buffer.from(await pdf.save()).toString('base64');
}

/** What the seeding made, for the screens that show one document. */
interface Seeded {
  withPdf: string;
  minuted: string;
  returnedDraft: string;
  sent: string;
  circular: string;
}

/** A morning's work in เขตลาดกระบัง: letters received, assigned, proposed and minuted; memos; a circular. */
async function seed(a: Api, staffId: string): Promise<Seeded> {
  const clerk = await a.login('clerk.ladkrabang');
  const incoming = (subject: string, extra: Record<string, unknown> = {}) =>
    a.call<{ id: string }>('POST', '/api/documents/incoming', clerk, {
      subject,
      kind: 'external',
      urgency: 'normal',
      secrecy: 'none',
      category: 'general',
      sender: { name: 'สำนักงานเลขานุการปลัดกรุงเทพมหานคร', number: 'กท 0403/ว 276', date: '2026-11-20' },
      ...extra,
    });
  const withPdf = await incoming('ขอเชิญประชุมคณะกรรมการพัฒนาระบบสารบรรณอิเล็กทรอนิกส์', {
    urgency: 'very_urgent',
    file: { name: 'หนังสือเชิญประชุม.pdf', contentBase64: await samplePdf() },
  });
  await incoming('ขอความอนุเคราะห์ข้อมูลสถิติประชากร', { urgency: 'most_urgent' });
  await incoming('ขอเชิญร่วมกิจกรรมวันเด็กแห่งชาติ', { category: 'invitation', urgency: 'urgent' });
  await incoming('แจ้งกำหนดการตรวจราชการ', { sender: { name: 'สำนักงานเขตบางกะปิ', number: 'กท 9506/1234' } });
  await incoming('เอกสารลับที่สุด (ตัวอย่าง)', { secrecy: 'top_secret', sender: { name: 'สำนักงานปลัดกรุงเทพมหานคร' } });
  const minuted = await incoming('ขออนุมัติจัดอบรมการใช้ระบบสารบรรณอิเล็กทรอนิกส์', { urgency: 'urgent' });
  const assigned = await incoming('ขอส่งรายงานผลการดำเนินงานประจำไตรมาส');

  await act(a, 'clerk.ladkrabang', minuted.id, 'triage', { action: 'assign', toUserId: staffId, comment: 'ดำเนินการ' });
  await act(a, 'clerk.ladkrabang', assigned.id, 'triage', { action: 'assign', toUserId: staffId });
  await act(a, 'staff.ladkrabang', minuted.id, 'act', {
    action: 'propose',
    toPositionId: 'district-1011-director',
    comment: 'เรียน ผอ.เขต เพื่อโปรดพิจารณาอนุมัติ',
  });
  await act(a, 'head.ladkrabang', minuted.id, 'review', { action: 'annotate', comment: 'เรียน ผอ.เขต เห็นควรอนุมัติ' });
  await act(a, 'assistant.ladkrabang', minuted.id, 'review', { action: 'annotate', comment: 'เห็นชอบตามเสนอ' });

  const staff = await a.login('staff.ladkrabang');
  const memo = (subject: string, body: string) =>
    a.call<{ id: string }>('POST', '/api/documents', staff, {
      kind: 'memo',
      subject,
      urgency: 'urgent',
      secrecy: 'none',
      category: 'report',
      to: ['district-1001'],
      body: { recipient: 'เรียน ผู้อำนวยการเขตพระนคร', body },
    });
  const returnedDraft = await memo('ขอส่งรายงานผลการตรวจสอบอาคาร', 'สำนักงานเขตลาดกระบังขอส่งรายงานผลการตรวจสอบอาคาร');
  await a.call('POST', `/api/documents/${returnedDraft.id}/submit`, staff, {});
  await act(a, 'head.ladkrabang', returnedDraft.id, 'review', { action: 'approve', comment: 'เห็นควรลงนาม' });
  await act(a, 'assistant.ladkrabang', returnedDraft.id, 'review', { action: 'return', comment: 'โปรดระบุวันที่ตรวจสอบ' });

  const sent = await memo('ขอความร่วมมือประชาสัมพันธ์การรับชำระภาษี', 'ขอความร่วมมือประชาสัมพันธ์ตามรายละเอียดที่แนบ');
  await a.call('POST', `/api/documents/${sent.id}/submit`, staff, { toPositionId: 'district-1011-admin-head' });
  await act(a, 'head.ladkrabang', sent.id, 'sign', { action: 'sign' });
  await act(a, 'clerk.ladkrabang', sent.id, 'dispatch', { action: 'send' });
  await memo('ร่าง: ขออนุมัติจัดซื้อวัสดุสำนักงาน', 'ขออนุมัติจัดซื้อวัสดุสำนักงานสำหรับไตรมาสที่ ๒');

  const circular = await a.call<{ id: string }>('POST', '/api/circulars', clerk, {
    subject: 'ซักซ้อมแนวทางการใช้ระบบสารบรรณอิเล็กทรอนิกส์',
    urgency: 'urgent',
    kind: 'memo',
    to: ['district-1001', 'district-1002', 'district-1003', 'district-1004', 'district-1005'],
    body: { recipient: 'ผู้อำนวยการเขต', body: 'ขอให้หน่วยงานถือปฏิบัติตามแนวทางที่แนบมานี้' },
  });
  for (const username of ['clerk.phranakhon', 'clerk.d1002']) {
    const token = await a.login(username);
    const task = await eventually(async () => {
      const inbox = await a.call<{ items: { taskId: string; documentId: string }[] }>('GET', '/api/inbox', token);
      return inbox.items.find((t) => t.documentId === circular.id);
    });
    await a.call('POST', `/api/tasks/${task.taskId}/actions`, token, { action: 'acknowledge' });
  }
  return {
    withPdf: withPdf.id,
    minuted: minuted.id,
    returnedDraft: returnedDraft.id,
    sent: sent.id,
    circular: circular.id,
  };
}

/** A signed-in page for a user: the token goes into localStorage before the client starts. */
async function pageFor(browser: Browser, a: Api, username: string, viewport = OFFICE, lang = 'th'): Promise<Page> {
  const token = await a.login(username);
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport(viewport);
  await page.evaluateOnNewDocument(
    (t, l) => {
      localStorage.setItem('saraban.token', t);
      localStorage.setItem('saraban.lang', l);
    },
    token,
    lang,
  );
  return page;
}

/** Opens a path, lets the page settle (polls, previews, charts) and saves the PNG. */
async function shoot(page: Page, baseUrl: string, path: string, name: string, ready: string, fullPage = false) {
  await page.bringToFront();
  await page.goto(baseUrl + path, { waitUntil: 'networkidle0' });
  await page.waitForSelector(ready, { timeout: 30_000 });
  await new Promise((r) => setTimeout(r, 1200));
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
  console.log(`  ${name}.png`);
}

/** The administration tabs, after an acting appointment, an early adopter and an extra holiday made through the API. */
async function shootAdmin(browser: Browser, a: Api, baseUrl: string): Promise<void> {
  const admin = await a.login('admin.bma');
  const org = await a.call<{ today: string; users: Array<{ id: string; username: string }> }>(
    'GET',
    '/api/admin/org',
    admin,
  );
  const userId = (username: string) => org.users.find((u) => u.username === username)?.id;
  const inDays = (n: number) =>
    new Date(Date.parse(`${org.today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  await a.call('POST', '/api/admin/acting', admin, {
    positionId: 'district-1011-director',
    actingUserId: userId('assistant.ladkrabang'),
    kind: 'รักษาราชการแทน',
    validFrom: org.today,
    validTo: inDays(4),
    note: 'ผู้อำนวยการเขตลาดกระบังไปราชการต่างจังหวัด',
  });
  await a.call('PATCH', '/api/admin/units/district-1011', admin, { earlyPhase: 4 });
  await a.call('POST', '/api/admin/holidays', admin, {
    date: inDays(30),
    name: 'วันหยุดราชการเพิ่มเป็นกรณีพิเศษ',
    nameEn: 'Special government holiday',
  });
  const page = await pageFor(browser, a, 'admin.bma');
  await shoot(page, baseUrl, '/admin/units', '24-admin-units', '[data-testid=unit-row]');
  await shoot(page, baseUrl, '/admin/users?q=ladkrabang', '25-admin-users', '[data-testid=admin-user]');
  await shoot(page, baseUrl, '/admin/acting', '26-admin-acting', '[data-testid=acting-row]', true);
  await shoot(page, baseUrl, '/admin/plan', '27-admin-plan', '[data-testid=plan-early-row]', true);
  await shoot(page, baseUrl, '/admin/holidays', '28-admin-holidays', '[data-testid=holiday-row]');
  const phone = await pageFor(browser, a, 'admin.bma', PHONE);
  await shoot(phone, baseUrl, '/admin/acting', '29-phone-admin-acting', '[data-testid=acting-row]');
}

/**
 * หนังสือทางอีเมลรอตรวจ: two letters from senders outside the directory, delivered over real SMTP to the central
 * address of สำนักงานเลขานุการปลัดกรุงเทพมหานคร (the one unit with one in the demo), as the relay would, and held for
 * its clerk; the first carries two PDFs.
 */
async function shootMailReview(browser: Browser, a: Api, system: RunningSystem): Promise<void> {
  const smtp = nodemailer.createTransport({
    host: '127.0.0.1',
    port: system.mailIntakePort!,
    secure: false,
    ignoreTLS: true,
  });
  const letters = [
    {
      from: '"มูลนิธิเด็กไทย" <contact@thaichildren.example>',
      subject: 'ขอเชิญร่วมงานวันเด็กแห่งชาติ ประจำปี ๒๕๖๙',
      attachments: [
        { filename: 'หนังสือเชิญ.pdf', content: await samplePdf('Thai Children Foundation - invitation') },
        { filename: 'กำหนดการ.pdf', content: await samplePdf('Thai Children Foundation - programme') },
      ],
    },
    {
      from: 'info@cleanriver.example',
      subject: 'ขอส่งรายงานผลการดำเนินงานโครงการคลองสวยน้ำใส',
      attachments: [{ filename: 'รายงาน.pdf', content: await samplePdf('Clean River Co., Ltd. - project report') }],
    },
  ];
  for (const l of letters) {
    await smtp.sendMail({
      ...l,
      to: 'saraban@demo.bangkok.example',
      text: 'ส่งหนังสือมาพร้อมนี้',
      attachments: l.attachments.map((f) => ({ filename: f.filename, content: Buffer.from(f.content, 'base64') })),
    });
  }
  const token = await a.login('clerk.central');
  await eventually(
    async () => (await a.call<{ total: number }>('GET', '/api/mail/review', token)).total >= letters.length,
  );
  const page = await pageFor(browser, a, 'clerk.central');
  // The screen as the clerk sees it, not the full page: Chromium's PDF viewer draws only part of its page when the
  // screenshot stretches the viewport.
  await shoot(page, system.baseUrl, '/mail-review', '31-mail-review', '[data-testid=pdf-frame]');
}

/**
 * `SCREENS=admin` takes only the administration screens (no day of work needed), for a quick refresh of those;
 * `SCREENS=mail-review` only the mail review screen.
 */
async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  console.log('starting a scratch system …');
  const scratch = await startScratchSystem({
    TASK_DUE_SECONDS: '20',
    MAIL_INTAKE_PORT: '0',
    MAIL_INTAKE_HOST: '127.0.0.1',
  });
  const baseUrl = scratch.system.baseUrl;
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--lang=th-TH'],
  });
  try {
    const a = api(baseUrl);
    if (process.env.SCREENS === 'admin') return await shootAdmin(browser, a, baseUrl);
    if (process.env.SCREENS === 'mail-review') return await shootMailReview(browser, a, scratch.system);
    const me = await a.call<{ id: string }>('GET', '/api/me', await a.login('staff.ladkrabang'));
    console.log('seeding a morning of work …');
    const docs = await seed(a, me.id);
    // Let the 20-second due times pass for part of the work, so the supervisor has something overdue.
    await new Promise((r) => setTimeout(r, 21_000));
    await a.call('POST', '/api/documents/incoming', await a.login('clerk.ladkrabang'), {
      subject: 'แจ้งซ่อมแซมถนนในพื้นที่',
      sender: { name: 'ประชาชนในพื้นที่' },
    });
    console.log('taking screenshots →', OUT);

    const anonymous = await (await browser.createBrowserContext()).newPage();
    await anonymous.setViewport(OFFICE);
    await shoot(anonymous, baseUrl, '/login', '01-login', '[data-testid=login-username]');

    const clerk = await pageFor(browser, a, 'clerk.ladkrabang');
    await shoot(clerk, baseUrl, '/inbox', '02-inbox-clerk', '[data-testid=inbox-row]');
    await clerk.keyboard.press('j');
    await clerk.keyboard.press('x');
    await clerk.keyboard.press('j');
    await clerk.keyboard.press('x');
    await clerk.keyboard.press('?');
    await new Promise((r) => setTimeout(r, 800));
    await clerk.screenshot({ path: join(OUT, '03-inbox-bulk-and-shortcuts.png') });
    console.log('  03-inbox-bulk-and-shortcuts.png');
    await shoot(clerk, baseUrl, '/inbox?scope=unit', '04-inbox-unit-queue', '[data-testid=inbox-row]');
    await shoot(clerk, baseUrl, '/incoming/new', '05-register-incoming', '[data-testid=incoming-subject]');
    await clerk.type('[data-testid=incoming-subject]', 'ขอเชิญประชุมหารือแนวทางการจัดเก็บขยะ');
    await clerk.type('[data-testid=incoming-sender-name]', 'สำนักสิ่งแวดล้อม');
    await clerk.type('[data-testid=incoming-sender-number]', 'กท 0601/2567');
    await clerk.type('[data-testid=incoming-sender-date]', '22 ธ.ค. 2569');
    await clerk.select('[data-testid=incoming-urgency]', 'urgent');
    await clerk.click('[data-testid=incoming-submit]');
    await clerk.waitForSelector('[data-testid=incoming-receipt]');
    await new Promise((r) => setTimeout(r, 500));
    await clerk.screenshot({ path: join(OUT, '06-register-incoming-receipt.png') });
    console.log('  06-register-incoming-receipt.png');
    await shoot(clerk, baseUrl, `/documents/${docs.withPdf}`, '07-document-pdf-and-triage', '[data-testid=pdf-frame]');
    await shoot(clerk, baseUrl, '/circulars', '08-circulars', '[data-testid=circ-row]');
    await shoot(clerk, baseUrl, '/circulars/new', '09-circular-new', '[data-testid=circ-subject]');
    await shoot(
      clerk,
      baseUrl,
      `/documents/${docs.circular}`,
      '10-circular-acknowledgements',
      '[data-testid=ack-row]',
      true,
    );
    await shoot(clerk, baseUrl, '/registers', '11-registers', '[data-testid=reg-row]');
    await shoot(clerk, baseUrl, '/search?q=ระบบสารบรรณ', '12-search', '[data-testid=search-hit]');

    const director = await pageFor(browser, a, 'director.ladkrabang');
    await shoot(
      director,
      baseUrl,
      `/documents/${docs.minuted}`,
      '13-document-minutes-and-approve',
      '[data-testid=minute]',
      true,
    );
    await shoot(director, baseUrl, '/supervisor', '14-supervisor', '[data-testid=sup-task]');
    await shoot(director, baseUrl, '/dashboards/rollout', '15-dashboard-rollout', 'canvas', true);
    await shoot(director, baseUrl, '/dashboards/stages', '16-dashboard-stages', 'canvas', true);

    const staff = await pageFor(browser, a, 'staff.ladkrabang');
    await shoot(staff, baseUrl, '/compose', '17-compose-memo', '[data-testid=letter-preview]');
    await shoot(
      staff,
      baseUrl,
      `/compose/${docs.returnedDraft}`,
      '18-compose-returned-draft',
      '[data-testid=letter-preview]',
    );
    await shoot(staff, baseUrl, `/documents/${docs.sent}`, '19-document-sent-memo', '[data-testid=doc-number]', true);
    await shoot(staff, baseUrl, '/drafts', '30-my-documents', '[data-testid=mine-row]');

    const english = await pageFor(browser, a, 'clerk.ladkrabang', OFFICE, 'en');
    await shoot(english, baseUrl, '/inbox', '20-inbox-english', '[data-testid=inbox-row]');

    const phone = await pageFor(browser, a, 'director.ladkrabang', PHONE);
    await shoot(phone, baseUrl, '/inbox', '21-phone-inbox', '[data-testid=inbox-row]');
    await shoot(
      phone,
      baseUrl,
      `/documents/${docs.minuted}`,
      '22-phone-document-approve',
      '[data-testid=action-approve-submit]',
      true,
    );
    const phoneClerk = await pageFor(browser, a, 'clerk.ladkrabang', PHONE);
    await shoot(phoneClerk, baseUrl, '/incoming/new', '23-phone-register-incoming', '[data-testid=incoming-subject]');
    await shootAdmin(browser, a, baseUrl);
    await shootMailReview(browser, a, scratch.system);
  } finally {
    await browser.close();
    await scratch.stop();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
