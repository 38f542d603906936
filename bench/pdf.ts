import { readdirSync, readFileSync } from 'node:fs';
import { DEMO_LETTERS } from '../templates/demo-letters';
import { createPdfRenderer, type PdfRenderer } from '../templates/pdf-renderer';
import { renderLetterHtml } from '../templates/render-html';
import { machineLine } from './machine';

/**
 * `npm run bench:pdf`: letters to PDF through the worker's renderer (Handlebars → Chromium, pages reused): the cold
 * first PDF (Chromium start included), then memos per second with 1 and 2 pages in the pool (BENCH_MEMOS per run,
 * default 60, twice as many in flight as there are pages), and the peak memory of Node plus Chromium's processes.
 */
const MEMOS = Number(process.env.BENCH_MEMOS ?? 60);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A process and all its descendants, from /proc. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended while we looked
    }
  }
  const tree: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function pssKiB(pid: number): number | undefined {
  try {
    const m = /^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples the proportional set size (shared pages counted once) of Node and Chromium's processes every 250 ms, the
 * process list every 2 s (scanning /proc is not free on a busy machine); `stop()` answers the peak in MiB.
 */
function memoryProbe(renderer: PdfRenderer) {
  let peak = 0;
  let tree: number[] = [];
  let ticks = 0;
  const timer = setInterval(() => {
    if (ticks++ % 8 === 0) {
      void renderer.browserPid().then((pid) => (tree = pid ? processTree(pid) : tree));
    }
    const kib = [process.pid, ...tree].reduce((sum, pid) => sum + (pssKiB(pid) ?? 0), 0);
    peak = Math.max(peak, kib);
  }, 250);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(peak / 1024);
    },
  };
}

async function run(pages: number): Promise<void> {
  const renderer = createPdfRenderer({ chromiumPath: CHROMIUM, pages });
  const probe = memoryProbe(renderer);
  try {
    const memo = DEMO_LETTERS.memo;
    const started = performance.now();
    const first = await renderer.htmlToPdf(renderLetterHtml(memo));
    const cold = performance.now() - started;
    // One more to warm every page of the pool.
    await Promise.all(Array.from({ length: pages }, () => renderer.htmlToPdf(renderLetterHtml(memo))));
    let next = 0;
    let bytes = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: pages * 2 }, async () => {
        while (next < MEMOS) {
          next += 1;
          // Each memo goes through the whole path: model, Handlebars, Chromium, PDF bytes.
          const { pdf } = await renderer.htmlToPdf(renderLetterHtml({ ...memo, number: `กท 9511/${next}` }));
          bytes += pdf.length;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const peak = probe.stop();
    console.log(
      `pages=${pages}  cold first PDF ${Math.round(cold)} ms (${first.pages} pages)  ` +
        `${(MEMOS / seconds).toFixed(1)} memos/s  (${MEMOS} memos in ${seconds.toFixed(1)} s, ` +
        `${Math.round(bytes / MEMOS / 1024)} KiB each)  peak memory ${peak} MiB (PSS of Node + Chromium)`,
    );
  } finally {
    probe.stop();
    await renderer.close();
  }
}

async function main(): Promise<void> {
  console.log(machineLine());
  const probe = createPdfRenderer({ chromiumPath: CHROMIUM, pages: 1 });
  console.log(`chromium: ${await probe.version()}; memo: 2 pages (letter and minutes); memos per run: ${MEMOS}`);
  await probe.close();
  for (const pages of [1, 2]) await run(pages);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
