/**
 * Every letter template rendered with the demo data through the real Chromium, then checked with poppler-utils:
 * A4 pages, fonts embedded, Thai text extractable, and page 1 compared with the reference picture in docs/letters/.
 * `UPDATE_LETTER_REFERENCES=1` rewrites the pictures (look at them before committing).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { loadEnv } from '../../config/env';
import { DEMO_LETTERS } from '../../templates/demo-letters';
import { buildLetterModel, LETTER_TEMPLATES, type LetterTemplateId } from '../../templates/model';
import { createPdfRenderer, type PdfRenderer } from '../../templates/pdf-renderer';
import { renderLetterHtml } from '../../templates/render-html';

const REFERENCE_DIR = join(__dirname, '..', '..', 'docs', 'letters');
const DPI = 60;
/** Share of pixels that may differ (by more than a sixth of the grey scale) before the layout counts as drifted. */
const TOLERANCE = 0.01;

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
const squash = (text: string) => text.replace(/\s+/g, '');

describe('letter templates rendered to PDF', () => {
  let renderer: PdfRenderer;
  const dir = mkdtempSync(join(tmpdir(), 'saraban-letters-'));
  const pdfs = new Map<LetterTemplateId, string>();

  beforeAll(async () => {
    renderer = createPdfRenderer({ chromiumPath: loadEnv().CHROMIUM_PATH, pages: 1 });
    for (const id of LETTER_TEMPLATES) {
      const { pdf } = await renderer.htmlToPdf(renderLetterHtml(DEMO_LETTERS[id]));
      const path = join(dir, `${id}.pdf`);
      writeFileSync(path, pdf);
      pdfs.set(id, path);
    }
  });
  afterAll(() => renderer.close());

  describe.each([...LETTER_TEMPLATES])('%s', (id) => {
    it('is A4 on every page', () => {
      const info = run('pdfinfo', ['-f', '1', '-l', '99', pdfs.get(id)!]);
      const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)];
      expect(sizes.length).toBeGreaterThan(0);
      for (const [, w, h] of sizes) {
        expect(Math.abs(Number(w) - 595.28)).toBeLessThan(1);
        expect(Math.abs(Number(h) - 841.89)).toBeLessThan(1);
      }
    });

    it('embeds every font it uses, all Sarabun', () => {
      const rows = run('pdffonts', [pdfs.get(id)!])
        .trim()
        .split('\n')
        .slice(2);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row).toMatch(/Sarabun/);
        expect(row.split(/\s+/).slice(-5, -4)[0]).toBe('yes');
      }
    });

    it('has its Thai text extractable: subject, number in Thai digits, date and the electronic-signature footer', () => {
      const text = squash(run('pdftotext', ['-enc', 'UTF-8', pdfs.get(id)!, '-']));
      const model = buildLetterModel(DEMO_LETTERS[id]);
      // A stamped letter has no เรื่อง line (regulation): its subject is in the body.
      if (id !== 'stamped') expect(text).toContain(squash(model.subject));
      if (model.number) expect(text).toContain(squash(model.number));
      expect(text).toContain(squash(model.date));
      expect(text).toContain(squash(model.footer));
    });

    it('keeps the page-1 layout of the reference picture', () => {
      const prefix = join(dir, `${id}-p1`);
      run('pdftoppm', ['-png', '-r', String(DPI), '-f', '1', '-l', '1', '-singlefile', pdfs.get(id)!, prefix]);
      const reference = join(REFERENCE_DIR, `${id}.png`);
      if (process.env.UPDATE_LETTER_REFERENCES === '1' || !existsSync(reference)) {
        writeFileSync(reference, readFileSync(`${prefix}.png`));
      }
      const now = decodePng(readFileSync(`${prefix}.png`));
      const ref = decodePng(readFileSync(reference));
      expect([now.width, now.height]).toEqual([ref.width, ref.height]);
      let differing = 0;
      for (let i = 0; i < now.grey.length; i++) if (Math.abs(now.grey[i] - ref.grey[i]) > 42) differing += 1;
      expect(differing / now.grey.length).toBeLessThan(TOLERANCE);
    });
  });

  it('numbers pages from the second as "- ๒ -", never on the first', () => {
    const pages = run('pdftotext', ['-enc', 'UTF-8', pdfs.get('circular')!, '-']).split('\f');
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]).not.toMatch(/-\s*๑\s*-/);
    expect(pages[1]).toMatch(/-\s*๒\s*-/);
  });
});

/** Decodes an 8-bit, non-interlaced PNG (what pdftoppm writes) to grey levels. */
function decodePng(png: Buffer): { width: number; height: number; grey: Uint8Array } {
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNG');
      colourType = data[9];
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colourType as 0 | 2 | 4 | 6];
  if (!channels) throw new Error(`PNG colour type ${colourType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      pixels[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const px = pixels.subarray(i * channels, i * channels + Math.min(channels, 3));
    grey[i] = channels >= 3 ? Math.round(0.299 * px[0] + 0.587 * px[1] + 0.114 * px[2]) : px[0];
  }
  return { width, height, grey };
}
