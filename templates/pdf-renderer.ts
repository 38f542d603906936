import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** Turns self-contained HTML into PDF bytes. One per worker process; `close()` on stop. */
export interface PdfRenderer {
  /** Prints the HTML with its own @page size (A4 for letters), fonts embedded; counts the pages. */
  htmlToPdf(html: string): Promise<{ pdf: Buffer; pages: number }>;
  /** Chromium's version, once it runs. */
  version(): Promise<string>;
  /** Process id of the running Chromium, if one runs (for memory figures). */
  browserPid(): Promise<number | undefined>;
  close(): Promise<void>;
}

/** Options of the renderer. */
export interface PdfRendererOptions {
  /** Chromium binary (CHROMIUM_PATH), default /usr/bin/chromium. */
  chromiumPath: string;
  /** Pages kept open and reused; at most this many letters print at once. Default 2. */
  pages?: number;
  /** Milliseconds one letter may take before it fails. Default 30 000. */
  timeoutMs?: number;
  log?: { warn(obj: unknown, msg?: string): void };
}

/** Flags for Chromium as root in a container, from stack-notes.md. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--font-render-hinting=none',
];

/** Counts the page objects of a PDF that Chromium wrote (one "/Type /Page" per page). */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
}

/**
 * One Chromium per worker, launched on first use, with a small pool of pages reused from letter to letter. When
 * Chromium dies, the next letter launches a new one; a letter caught by the crash is tried once more.
 */
export function createPdfRenderer(options: PdfRendererOptions): PdfRenderer {
  const size = Math.max(1, options.pages ?? 2);
  const timeout = options.timeoutMs ?? 30_000;
  let browser: Promise<Browser> | undefined;
  let idle: Page[] = [];
  let open = 0;
  const waiting: Array<(page: Page) => void> = [];
  let closed = false;

  function launch(): Promise<Browser> {
    if (!browser) {
      const launching = puppeteer.launch({
        executablePath: options.chromiumPath,
        headless: true,
        args: CHROMIUM_ARGS,
        protocolTimeout: timeout * 2,
      });
      browser = launching;
      launching.then(
        (b) =>
          b.on('disconnected', () => {
            if (browser === launching) {
              browser = undefined;
              idle = [];
              open = 0;
              if (!closed) options.log?.warn({}, 'chromium disconnected; the next letter starts a new one');
            }
          }),
        () => {
          if (browser === launching) browser = undefined;
        },
      );
    }
    return browser;
  }

  async function acquire(): Promise<Page> {
    if (closed) throw new Error('PDF renderer closed');
    const page = idle.pop();
    if (page && !page.isClosed()) return page;
    if (open < size) {
      open += 1;
      try {
        const b = await launch();
        return await b.newPage();
      } catch (error) {
        open -= 1;
        throw error;
      }
    }
    return new Promise((resolve) => waiting.push(resolve));
  }

  function release(page: Page, healthy: boolean): void {
    if (!healthy || page.isClosed()) {
      open = Math.max(0, open - 1);
      page.close().catch(() => undefined);
      // Whoever waits gets a fresh page.
      const next = waiting.shift();
      if (next) acquire().then(next, () => undefined);
      return;
    }
    const next = waiting.shift();
    if (next) next(page);
    else idle.push(page);
  }

  async function printOnce(html: string): Promise<Buffer> {
    const page = await acquire();
    let healthy = false;
    try {
      await page.setContent(html, { waitUntil: 'load', timeout });
      await page.evaluate('document.fonts.ready.then(() => undefined)');
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, timeout, tagged: true });
      healthy = true;
      return Buffer.from(pdf);
    } finally {
      release(page, healthy);
    }
  }

  return {
    async htmlToPdf(html) {
      let pdf: Buffer;
      try {
        pdf = await printOnce(html);
      } catch (error) {
        if (closed) throw error;
        // A crashed or hung Chromium: start again once with a new browser.
        options.log?.warn({ err: error }, 'PDF rendering failed; retrying with a new browser');
        const old = browser;
        browser = undefined;
        idle = [];
        open = 0;
        await old?.then((b) => b.close()).catch(() => undefined);
        pdf = await printOnce(html);
      }
      return { pdf, pages: countPdfPages(pdf) };
    },
    async version() {
      return (await launch()).version();
    },
    async browserPid() {
      const b = await browser?.catch(() => undefined);
      return b?.process()?.pid;
    },
    async close() {
      closed = true;
      const b = browser;
      browser = undefined;
      await b?.then((x) => x.close()).catch(() => undefined);
    },
  };
}

/**
 * A renderer for a process that prints now and then (the API: register PDFs, draft letters): Chromium starts on
 * the first PDF and is closed after `idleMs` without one, so an idle API holds no browser.
 */
export function createIdleRenderer(options: PdfRendererOptions & { idleMs?: number }): PdfRenderer {
  let renderer: PdfRenderer | undefined;
  let timer: NodeJS.Timeout | undefined;
  const idleMs = options.idleMs ?? 60_000;
  return {
    async htmlToPdf(html) {
      renderer ??= createPdfRenderer(options);
      if (timer) clearTimeout(timer);
      try {
        return await renderer.htmlToPdf(html);
      } finally {
        timer = setTimeout(() => {
          const r = renderer;
          renderer = undefined;
          void r?.close();
        }, idleMs);
        timer.unref();
      }
    },
    version: () => (renderer ??= createPdfRenderer(options)).version(),
    browserPid: async () => renderer?.browserPid(),
    async close() {
      if (timer) clearTimeout(timer);
      const r = renderer;
      renderer = undefined;
      await r?.close();
    },
  };
}
