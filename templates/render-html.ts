import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { toThaiDigits } from '../domain';
import { sarabunFontFaces, thPt } from './fonts';
import { buildLetterModel, LETTER_TEMPLATES, type LetterInput, type LetterModel, type LetterTemplateId } from './model';

/**
 * The folder of the .hbs/.css/.svg sources. Compiled code runs from dist/templates, which has only the .js files, so
 * the sources are looked up beside this file first and then in the project's templates/ folder.
 */
export function templatesDir(): string {
  const candidates = [__dirname, resolve(__dirname, '..', '..', 'templates')];
  const found = candidates.find((dir) => existsSync(join(dir, 'letters', 'memo.hbs')));
  if (!found) throw new Error(`letter templates not found in ${candidates.join(' or ')}`);
  return found;
}

/** The stand-in Garuda shipped with the project (see its <desc>): deployments set GARUDA_SVG_PATH to the official file. */
export function standInEmblemPath(): string {
  return join(templatesDir(), 'emblem', 'garuda-standin.svg');
}

/** Options of the HTML renderer. */
export interface LetterHtmlOptions {
  /** An SVG file for the Garuda (square viewBox, black line art); default the stand-in. */
  emblemPath?: string;
}

interface Compiled {
  letters: Record<LetterTemplateId, Handlebars.TemplateDelegate>;
  receiptStamp: Handlebars.TemplateDelegate;
  css: string;
}

let compiled: Compiled | undefined;
const emblems = new Map<string, string>();

function compile(): Compiled {
  if (compiled) return compiled;
  const dir = templatesDir();
  const hbs = Handlebars.create();
  // Helpers are thin adapters over domain/: the model has done the work.
  hbs.registerHelper('thaiIndex', (index: number) => `${toThaiDigits(index + 1)}.`);
  // "รักษาราชการแทน" / "ปฏิบัติราชการแทน" never break inside: the line breaks before them if it must.
  hbs.registerHelper('keepActing', (line: string) => {
    const escaped = hbs.escapeExpression(line);
    return new hbs.SafeString(escaped.replace(/(\S+ราชการแทน)/, '<span style="white-space: nowrap">$1</span>'));
  });
  for (const file of readdirSync(join(dir, 'partials')).filter((f) => f.endsWith('.hbs'))) {
    hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(dir, 'partials', file), 'utf8'));
  }
  const load = (name: string) => hbs.compile(readFileSync(join(dir, name), 'utf8'), { strict: false });
  const letters = Object.fromEntries(
    LETTER_TEMPLATES.map((id) => [id, load(`letters/${id}.hbs`)]),
  ) as Compiled['letters'];
  compiled = { letters, receiptStamp: load('receipt-stamp.hbs'), css: readFileSync(join(dir, 'letter.css'), 'utf8') };
  return compiled;
}

/** The emblem's SVG markup, inlined so that its text (if any) uses the embedded fonts; the XML prologue is dropped. */
function emblemSvg(path: string): string {
  let svg = emblems.get(path);
  if (!svg) {
    svg = readFileSync(path, 'utf8')
      .replace(/<\?xml[^>]*\?>/, '')
      .replace(/<!DOCTYPE[^>]*>/i, '')
      .trim();
    if (!/^<svg[\s>]/.test(svg)) throw new Error(`${path} is not an SVG file`);
    emblems.set(path, svg);
  }
  return svg;
}

/** The type scale: the regulation's TH Sarabun sizes as Sarabun sizes (fonts.ts). */
const CSS_VARS = [
  `--body: ${thPt(16)}`,
  `--label: ${thPt(20)}`,
  `--memo-heading: ${thPt(29)}`,
  `--urgency: ${thPt(32)}`,
  `--small: ${thPt(14)}`,
  // One line of TH Sarabun New 16 pt, single spacing, is about 20.7 pt (0.73 cm): 1.9 times the 10.9 pt body.
  `--line: 1.9`,
  `--line-box: calc(${thPt(16)} * 1.9)`,
].join('; ');

const cssString = (text: string) => `"${text.replace(/["\\]/g, '\\$&')}"`;

/**
 * Margin boxes of the page: "- ๒ -" centred at the top from page 2 (Thai digits through CSS's `thai` counter
 * style), and the secrecy mark in red at the top and bottom centre of every page.
 */
function pageCss(model: LetterModel): string {
  const font = `font-family: 'Sarabun'; font-size: ${thPt(16)};`;
  const number = `"- " counter(page, thai) " -"`;
  if (!model.secrecyMark) {
    return `@page { @top-center { content: ${number}; ${font} vertical-align: middle; } }
@page :first { @top-center { content: none; } }`;
  }
  const mark = cssString(model.secrecyMark);
  const red = `color: #ff0000; font-weight: 700; ${font} font-size: ${thPt(24)}; white-space: pre;`;
  return `@page { @top-center { content: ${mark} "\\A" ${number}; ${red} } @bottom-center { content: ${mark}; ${red} } }
@page :first { @top-center { content: ${mark}; ${red} } }`;
}

/** The whole HTML of a letter (self-contained: fonts and emblem embedded), ready for Chromium or a preview pane. */
export function renderLetterHtml(input: LetterInput, options: LetterHtmlOptions = {}): string {
  const { letters, css } = compile();
  const model = buildLetterModel(input);
  const style = {
    fontFaces: sarabunFontFaces(),
    vars: CSS_VARS,
    css,
    page: pageCss(model),
    emblem: emblemSvg(options.emblemPath ?? standInEmblemPath()),
  };
  return letters[model.template]({
    ...model,
    style,
    multiRefs: model.references.length > 1,
    multiEnclosures: model.enclosures.length > 1,
  });
}

/** Thai vowel and tone marks above or below a letter take no width of their own. */
const NO_WIDTH_MARKS = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g;
/** The stamp's text size (TH Sarabun points), and how many bold letters of it fit across the stamp's inner width. */
const STAMP_PT = 15;
const STAMP_UNIT_FITS = 24;

/**
 * The size of the unit's name on the stamp: the stamp's own size, smaller for a long name so that all of it fits on
 * its one line (สำนักงานเลขานุการปลัดกรุงเทพมหานคร is 30 letters wide), never below 9 TH-pt.
 */
export function stampUnitPoints(unitName: string): number {
  const width = unitName.replace(NO_WIDTH_MARKS, '').length;
  return width <= STAMP_UNIT_FITS ? STAMP_PT : Math.max(9, (STAMP_PT * STAMP_UNIT_FITS) / width);
}

/** The receipt stamp (ตรารับหนังสือ) as a small HTML page of its own size, for stamping a received PDF. */
export function renderReceiptStampHtml(lines: {
  unitName?: string;
  number: string;
  date: string;
  time: string;
}): string {
  const { receiptStamp } = compile();
  const unitSize = thPt(stampUnitPoints(lines.unitName ?? ''));
  return receiptStamp({ ...lines, unitSize, style: { fontFaces: sarabunFontFaces(), size: thPt(STAMP_PT) } });
}
