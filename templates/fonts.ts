import { readFileSync } from 'node:fs';

/**
 * Sarabun (OFL, `@fontsource/sarabun`), the re-mastered TH Sarabun, embedded as data: URLs: `page.setContent` blocks
 * file:// fonts, and a PDF must carry its fonts. Both subsets are needed: Thai letters and Thai digits come from the
 * `thai` file, Latin letters, Arabic digits and punctuation from the `latin` one.
 */
const SUBSETS = [
  { subset: 'thai', range: 'U+02D7, U+0303, U+0331, U+0E01-0E5B, U+200C-200D, U+25CC' },
  {
    subset: 'latin',
    range:
      'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
  },
] as const;
const WEIGHTS = [400, 700] as const;

/**
 * TH Sarabun New at 16 pt looks like Sarabun at about 10.9 pt (measured on the font files, see docs/domain.md):
 * every size the regulation gives in TH Sarabun points is multiplied by this.
 */
export const SARABUN_SCALE = 10.9 / 16;

/** A size the regulation states in TH Sarabun points, as Sarabun points for CSS: thPt(16) → "10.90pt". */
export function thPt(thSarabunPoints: number): string {
  return `${(thSarabunPoints * SARABUN_SCALE).toFixed(2)}pt`;
}

let cached: string | undefined;

/** The @font-face rules for Sarabun 400 and 700, Thai and Latin subsets, as data: URLs (built once per process). */
export function sarabunFontFaces(): string {
  if (cached) return cached;
  const rules: string[] = [];
  for (const weight of WEIGHTS) {
    for (const { subset, range } of SUBSETS) {
      const file = require.resolve(`@fontsource/sarabun/files/sarabun-${subset}-${weight}-normal.woff2`);
      const data = readFileSync(file).toString('base64');
      rules.push(
        `@font-face{font-family:'Sarabun';font-style:normal;font-weight:${weight};font-display:block;` +
          `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range};}`,
      );
    }
  }
  cached = rules.join('\n');
  return cached;
}
