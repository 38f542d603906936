/// <reference lib="dom" />
/**
 * `npm run bench:web`: the web client's weight and speed. Prints the initial JavaScript (the scripts index.html
 * loads before any route, raw and gzip -9), then, on a scratch system whose clerk has BENCH_TASKS open tasks
 * (default 1,000, registered through the API), the time from navigation to the inbox in headless Chromium: first
 * rows painted, every task loaded, and the page answering a key press (interactive), median of BENCH_RUNS runs.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { api, eventually, startScratchSystem } from '../scripts/screens';
import { machineLine } from './machine';

const TASKS = Number(process.env.BENCH_TASKS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PROJECT = __dirname.endsWith(join('dist', 'bench')) ? resolve(__dirname, '..', '..') : resolve(__dirname, '..');
const WEB_ROOT = join(PROJECT, 'web', 'dist', 'browser');

/** The scripts and module preloads of index.html: what the browser fetches before the first route. */
function initialJs(): { files: number; raw: number; gzip: number } {
  const html = readFileSync(join(WEB_ROOT, 'index.html'), 'utf8');
  const names = new Set<string>();
  for (const match of html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)) {
    names.add(match[1]);
  }
  let raw = 0;
  let gzip = 0;
  for (const name of names) {
    const bytes = readFileSync(join(WEB_ROOT, name));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: names.size, raw, gzip };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

async function main(): Promise<void> {
  console.log(machineLine());
  const js = initialJs();
  console.log(`initial JavaScript: ${js.files} files, ${kb(js.raw)} raw, ${kb(js.gzip)} gzip -9`);

  const scratch = await startScratchSystem();
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  try {
    const baseUrl = scratch.system.baseUrl;
    const a = api(baseUrl);
    const clerk = await a.login('clerk.ladkrabang');
    const urgencies = ['normal', 'urgent', 'very_urgent', 'most_urgent'];
    const seeding = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < TASKS) {
          const i = next++;
          await a.call('POST', '/api/documents/incoming', clerk, {
            subject: `หนังสือทดสอบความเร็วฉบับที่ ${i + 1} เรื่องการจัดเก็บข้อมูลสถิติ`,
            urgency: urgencies[i % urgencies.length],
            sender: { name: `หน่วยงานผู้ส่ง ${i % 37}`, number: `กท ${1000 + (i % 50)}/${i + 1}` },
          });
        }
      }),
    );
    await eventually(async () => {
      let count = 0;
      let cursor: string | null = null;
      do {
        const page: { items: unknown[]; nextCursor: string | null } = await a.call(
          'GET',
          `/api/inbox?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
          clerk,
        );
        count += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      return count >= TASKS;
    }, 120_000);
    console.log(`seeded ${TASKS} open tasks for clerk.ladkrabang in ${((Date.now() - seeding) / 1000).toFixed(0)} s`);

    const runs: { firstRows: number; loaded: number; interactive: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 1366, height: 768 });
      await page.evaluateOnNewDocument((token) => localStorage.setItem('saraban.token', token), clerk);
      const started = Date.now();
      await page.goto(`${baseUrl}/inbox`);
      await page.waitForSelector('[data-testid=inbox-row]', { timeout: 60_000 });
      const firstRows = Date.now() - started;
      await page.waitForFunction(
        (n) => {
          const count = document.querySelector('[data-testid=inbox-count]');
          return count?.getAttribute('data-complete') === 'true' && Number(count.getAttribute('data-count')) >= n;
        },
        { timeout: 60_000, polling: 50 },
        TASKS,
      );
      const loaded = Date.now() - started;
      // Interactive: a key press moves the cursor to the next row and the page shows it.
      await page.keyboard.press('j');
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid=inbox-row]')[1]?.classList.contains('is-active'),
        { timeout: 10_000, polling: 'raf' },
      );
      const interactive = Date.now() - started;
      runs.push({ firstRows, loaded, interactive });
      console.log(
        `run ${run + 1}: first rows ${firstRows} ms, ${TASKS} tasks loaded ${loaded} ms, interactive ${interactive} ms`,
      );
      await context.close();
    }
    console.log(
      `median of ${RUNS}: first rows ${median(runs.map((r) => r.firstRows))} ms, all ${TASKS} loaded ` +
        `${median(runs.map((r) => r.loaded))} ms, interactive ${median(runs.map((r) => r.interactive))} ms`,
    );
  } finally {
    await browser.close();
    await scratch.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
