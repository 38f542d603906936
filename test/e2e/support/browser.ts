/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import { DEMO_PASSWORD } from '../../support/system';

/** The built client the test systems serve (`cd web && npx ng build`). */
export const webRoot = join(__dirname, '..', '..', '..', 'web', 'dist', 'browser');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Fails early with the fix when the client has not been built. */
export function requireBuiltClient(): void {
  if (!existsSync(join(webRoot, 'index.html'))) throw new Error('web client not built: run `cd web && npx ng build`');
}

/** Headless Chromium as the office uses it (Debian's chromium, no sandbox in containers). */
export function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=th-TH',
    ],
  });
}

/** One signed-in person: their own browser context (own localStorage, so own token) and page. */
export interface Person {
  username: string;
  context: BrowserContext;
  page: Page;
}

/**
 * Signs a demo user in through the sign-in page, in a fresh context of `browser`, at 1366×768 (or `viewport`).
 * The page is left on the inbox.
 */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  username: string,
  viewport = { width: 1366, height: 768 },
): Promise<Person> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport(viewport);
  page.setDefaultTimeout(30_000);
  await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle0' });
  await page.type('[data-testid=login-username]', username);
  await page.type('[data-testid=login-password]', DEMO_PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForSelector('[data-testid=current-user]');
  return { username, context, page };
}

/** Brings a person's tab to the front before driving it (headless Chromium dislikes clicks in a background tab). */
export async function focus(person: Person): Promise<Page> {
  await person.page.bringToFront();
  return person.page;
}

/** Waits until an inbox row whose text contains `text` appears (the inbox polls) and returns its document id. */
export async function waitForInboxRow(page: Page, text: string, timeout = 45_000): Promise<string> {
  const handle = await page.waitForFunction(
    (wanted) => {
      const row = [...document.querySelectorAll<HTMLElement>('[data-testid=inbox-row]')].find((r) =>
        r.textContent?.includes(wanted),
      );
      return row?.dataset['documentId'] ?? false;
    },
    { timeout, polling: 500 },
    text,
  );
  return (await handle.jsonValue()) as string;
}

/** Opens a document page and waits for it to load. */
export async function openDocument(page: Page, baseUrl: string, documentId: string): Promise<void> {
  await page.goto(`${baseUrl}/documents/${documentId}`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('[data-testid=doc-subject]');
}

/** Waits until the document page shows the given stage (it reloads after each action). */
export async function waitForStage(page: Page, stage: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (wanted) => document.querySelector('[data-testid=doc-stage]')?.getAttribute('data-stage') === wanted,
    { timeout, polling: 250 },
    stage,
  );
}

/**
 * Waits for the page to say an action was recorded, and fails with the page's error or hint text if it said otherwise.
 * On a timeout the error carries what the task panel showed, so a failure on a loaded CI machine can be read.
 */
export async function waitForActionDone(page: Page, timeout = 60_000): Promise<void> {
  const outcome = await page
    .waitForFunction(
      () => {
        const error = document.querySelector('[data-testid=action-error]')?.textContent;
        if (error) return `error: ${error}`;
        const hint = document.querySelector('[data-testid=action-hint]')?.textContent;
        if (hint) return `hint: ${hint}`;
        return document.querySelector('[data-testid=action-done]') ? 'done' : false;
      },
      { timeout, polling: 250 },
    )
    .catch(async (error: Error) => {
      const panel = await page.$eval('.tasks', (el) => el.textContent?.replace(/\s+/g, ' ').trim()).catch(() => '?');
      throw new Error(`${error.message}; the task panel showed: ${panel}`);
    });
  const value = (await outcome.jsonValue()) as string;
  if (value !== 'done') throw new Error(value);
}

/** The `data-action` of every history entry on the document page, in order. */
export function historyActions(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid=history-entry]', (items) => items.map((i) => i.getAttribute('data-action') ?? ''));
}

/** Types into a field after clearing it. */
export async function fill(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, text);
}

/** Waits for `ok` to appear; if `error` appears first, fails with the text the page shows there. */
export async function waitForOrFail(page: Page, ok: string, error: string, timeout = 30_000): Promise<void> {
  const outcome = await page.waitForFunction(
    (okSelector, errorSelector) => {
      const failure = document.querySelector(errorSelector)?.textContent;
      if (failure) return `error: ${failure}`;
      return document.querySelector(okSelector) ? 'ok' : false;
    },
    { timeout, polling: 250 },
    ok,
    error,
  );
  const value = (await outcome.jsonValue()) as string;
  if (value !== 'ok') throw new Error(value);
}

/**
 * Picks a unit in a recipient picker (`prefix` is its test id): types the search, waits until the unit is the first
 * match (the list re-renders after typing), then adds it and waits for its chip.
 */
export async function pickUnit(page: Page, prefix: string, search: string, unitId: string): Promise<void> {
  await fill(page, `[data-testid=${prefix}-search]`, search);
  await page.waitForFunction(
    (p, id) => document.querySelector(`[data-testid=${p}-result]`)?.getAttribute('data-unit-id') === id,
    {},
    prefix,
    unitId,
  );
  const result = `[data-testid=${prefix}-result][data-unit-id="${unitId}"]`;
  // Centre it first: the compose form's sticky action bar may cover the bottom of the viewport.
  await page.$eval(result, (el) => el.scrollIntoView({ block: 'center' }));
  await page.click(result);
  await page.waitForSelector(`[data-testid=${prefix}-chip][data-unit-id="${unitId}"]`);
}

/**
 * Lets the test read back what the page's PDF viewer shows. The app's CSP (connect-src 'self') rightly stops scripts
 * fetching blob: URLs; this lifts it for this test page only, from its next load (so it reloads).
 */
export async function allowPdfReadBack(page: Page): Promise<Page> {
  await page.setBypassCSP(true);
  await page.reload({ waitUntil: 'networkidle0' });
  return page;
}

/**
 * The bytes of the PDF the viewer shows now (its blob URL), read in the page. Not the network response: Chromium may
 * drop a response body before the DevTools protocol asks for it. Needs allowPdfReadBack first.
 */
export async function shownPdf(page: Page): Promise<Buffer> {
  const base64 = await page.$eval('[data-testid=pdf-open]', async (a) => {
    const bytes = new Uint8Array(await (await fetch((a as HTMLAnchorElement).href)).arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  });
  return Buffer.from(base64, 'base64');
}
