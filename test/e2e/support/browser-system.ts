import type { Browser } from 'puppeteer-core';
import { startTestSystem, type TestSystem } from '../../support/system';
import { launchBrowser, requireBuiltClient, signIn, webRoot, type Person } from './browser';

/** What a browser test may pass through to startTestSystem (the built client is always served). */
export type BrowserSystemOptions = Omit<NonNullable<Parameters<typeof startTestSystem>[1]>, 'webRoot'>;

/** The system and browser of a describe block, readable inside its tests once its beforeAll has run. */
export interface BrowserSystem {
  readonly system: TestSystem;
  readonly browser: Browser;
  /** Signs a demo user in through the sign-in page in a fresh context (see signIn in ./browser). */
  signIn(username: string, viewport?: { width: number; height: number }): Promise<Person>;
}

/**
 * Registers the hooks every browser test needs: beforeAll checks the client is built, starts a whole system on SQLite
 * serving it, and launches Chromium; afterAll closes both. Call it in a describe block: Jest runs hooks in the order
 * they are registered, so a test's own beforeAll after this call sees the system, and its afterAll runs once closed.
 * `options` may be a function, called in beforeAll after the build check, for settings that need something started
 * first (a free port, a fake identity provider).
 */
export function useBrowserSystem(
  options: BrowserSystemOptions | (() => BrowserSystemOptions | Promise<BrowserSystemOptions>) = {},
): BrowserSystem {
  let system: TestSystem | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    requireBuiltClient();
    const resolved = typeof options === 'function' ? await options() : options;
    system = await startTestSystem('sqlite', { ...resolved, webRoot });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  // Read in a test before beforeAll finished only when it failed: say so instead of failing on `undefined`.
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} of this browser test did not start (see beforeAll)`);
    return value;
  };
  return {
    get system() {
      return started(system, 'system');
    },
    get browser() {
      return started(browser, 'browser');
    },
    signIn(username, viewport) {
      return signIn(started(browser, 'browser'), started(system, 'system').baseUrl, username, viewport);
    },
  };
}
