/// <reference lib="dom" />
import type { Page } from 'puppeteer-core';
import { startFakeIdp, type FakeIdp } from '../support/fake-idp';
import { freePort } from '../support/free-port';
import { useBrowserSystem } from './support/browser-system';

const CLIENT_ID = 'saraban-e2e';

/**
 * Sign-in with a BMA account in headless Chromium: the built client, the whole system, and an identity provider that
 * is a real local HTTP server (test/support/fake-idp.ts: discovery, JWKS, its own sign-in page, RS256 ID tokens,
 * PKCE checked), not a mock of our code. The browser makes every hop itself: client → API → provider → API → client.
 */
describe('signing in with a BMA account in headless Chromium', () => {
  let idp: FakeIdp;
  // The provider and the API's port come first: the system's OIDC settings name them.
  const e2e = useBrowserSystem(async () => {
    idp = await startFakeIdp(CLIENT_ID);
    const port = await freePort();
    return {
      env: {
        PORT: String(port),
        OIDC_ISSUER: idp.issuer,
        OIDC_CLIENT_ID: CLIENT_ID,
        OIDC_CLIENT_SECRET: 'secret-of-the-e2e-client',
        OIDC_REDIRECT_URI: `http://127.0.0.1:${port}/api/auth/oidc/callback`,
      },
    };
  });
  // Registered after the helper's hooks, so it runs once the browser and the system are closed.
  afterAll(async () => {
    await idp?.close();
  });

  /** A fresh browser context (no token) on the sign-in page, as reached from `path`. */
  async function freshPage(path = '/login'): Promise<Page> {
    const context = await e2e.browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 1366, height: 768 });
    page.setDefaultTimeout(30_000);
    await page.goto(`${e2e.system.baseUrl}${path}`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('[data-testid=login-oidc]');
    return page;
  }

  /** Clicks "Sign in with BMA account" and answers the provider's page as the user would. */
  async function atTheProvider(page: Page, answer: { username: string } | 'refuse'): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.click('[data-testid=login-oidc]')]);
    expect(new URL(page.url()).origin).toBe(idp.issuer);
    if (answer === 'refuse') {
      await Promise.all([page.waitForNavigation(), page.click('[data-testid=idp-refuse]')]);
    } else {
      await page.type('[data-testid=idp-username]', answer.username);
      await Promise.all([page.waitForNavigation(), page.click('[data-testid=idp-allow]')]);
    }
  }

  const loginError = (page: Page) =>
    page.waitForSelector('[data-testid=login-error]').then((el) => el!.evaluate((e) => e.textContent ?? ''));

  it('offers the BMA account, goes through the provider and lands signed in where the user was going', async () => {
    const page = await freshPage('/search');
    expect(page.url()).toContain('/login?returnUrl=');
    const label = await page.$eval('[data-testid=login-oidc]', (el) => el.textContent?.trim());
    expect(label).toBe('เข้าสู่ระบบด้วยบัญชี กทม.');

    await atTheProvider(page, { username: 'clerk.ladkrabang' });
    await page.waitForSelector('[data-testid=current-user]');
    expect(new URL(page.url()).pathname).toBe('/search');
    expect(page.url()).not.toContain('token='); // the fragment is gone from the address bar
    const token = await page.evaluate(() => localStorage.getItem('saraban.token'));
    const me = await fetch(`${e2e.system.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { username: string }).username).toBe('clerk.ladkrabang');

    const [row] = (await e2e.system.ds.query(
      "SELECT a.details FROM audit_log a JOIN users u ON u.id = a.actor_user_id WHERE a.action = 'auth.login' AND u.username = ?",
      ['clerk.ladkrabang'],
    )) as Array<{ details: string }>;
    expect(JSON.parse(row.details)).toMatchObject({ method: 'oidc', issuer: idp.issuer });
    await page.browserContext().close();
  });

  it('says so when the provider refuses the sign-in', async () => {
    const page = await freshPage();
    await atTheProvider(page, 'refuse');
    expect(await loginError(page)).toContain('ไม่อนุญาตให้เข้าสู่ระบบ');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.evaluate(() => localStorage.getItem('saraban.token'))).toBeNull();
    await page.browserContext().close();
  });

  it('says so when the account names no user of ours, or an inactive one', async () => {
    const stranger = await freshPage();
    await atTheProvider(stranger, { username: 'not.a.bma.user' });
    expect(await loginError(stranger)).toContain('ไม่มีผู้ใช้ที่ใช้งานอยู่');
    await stranger.browserContext().close();

    await e2e.system.ds.query('UPDATE users SET active = 0 WHERE username = ?', ['staff.ladkrabang']);
    const inactive = await freshPage();
    await atTheProvider(inactive, { username: 'staff.ladkrabang' });
    expect(await loginError(inactive)).toContain('ไม่มีผู้ใช้ที่ใช้งานอยู่');
    expect(await inactive.evaluate(() => localStorage.getItem('saraban.token'))).toBeNull();
    await inactive.browserContext().close();

    const reasons = (
      (await e2e.system.ds.query("SELECT details FROM audit_log WHERE action = 'auth.login_failed'")) as Array<{
        details: string;
      }>
    ).map((r) => (JSON.parse(r.details) as { reason: string; username?: string }).reason);
    expect(reasons).toEqual(
      expect.arrayContaining(['refused: access_denied', 'no_such_active_user', 'no_such_active_user']),
    );
  });

  it('refuses a callback page reached without a token, or with a forged one', async () => {
    const context = await e2e.browser.createBrowserContext();
    const page = await context.newPage();
    await page.goto(`${e2e.system.baseUrl}/login/oidc`, { waitUntil: 'networkidle0' });
    expect(await page.$eval('[data-testid=oidc-error]', (el) => el.textContent)).toContain('ไม่สำเร็จ');
    // The API answers 401 to a forged token: the client forgets it and is back on the sign-in page.
    const forged = await context.newPage();
    await forged.goto(`${e2e.system.baseUrl}/login/oidc#token=not-a-real-session`, { waitUntil: 'networkidle0' });
    await forged.waitForFunction(() => location.pathname === '/login');
    expect(await forged.evaluate(() => localStorage.getItem('saraban.token'))).toBeNull();
    await context.close();
  });
});
