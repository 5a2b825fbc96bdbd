// The embedded typeface: Source Sans 3 (SIL Open Font License), from the source-sans package.
// Each font is parsed once per process and handed to pdfkit's registerFont for every
// document: fontkit decodes a font's tables (cmap, GSUB, GPOS) on first use and keeps them
// in the object, so later documents do not decode them again; and a word is shaped once
// per process, not once per document (see sharedFont).
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type PDFDocument from 'pdfkit';
import { type FontName, fontFiles, fontPath } from './font-files.js';

export type { FontName };

/** A parsed font, as pdfkit's registerFont takes it (an object with fontkit's font API). */
export type Font = fontkit.Font;
export type Fonts = Record<FontName, Font>;

let loaded: Fonts | undefined;

export function loadFonts(): Fonts {
  if (loaded) return loaded;
  const fonts = {} as Fonts;
  for (const name of Object.keys(fontFiles) as FontName[]) fonts[name] = sharedFont(readFileSync(fontPath(name)));
  loaded = fonts;
  return fonts;
}

/** Gives a pdfkit document the fonts, by their names (regular, bold). */
export function registerFonts(doc: InstanceType<typeof PDFDocument>): void {
  for (const [name, font] of Object.entries(loadFonts())) doc.registerFont(name, font as never);
}

/** A glyph run as pdfkit reads it: fontkit's GlyphRun API (glyphs, positions, advanceWidth). */
class Run {
  constructor(
    readonly glyphs: fontkit.Glyph[],
    readonly positions: fontkit.GlyphPosition[],
  ) {}

  /** As fontkit's: the sum of the advances, read after pdfkit has scaled the positions. */
  get advanceWidth(): number {
    let width = 0;
    for (const position of this.positions) width += position.xAdvance;
    return width;
  }
}

/**
 * fontkit applies every default feature to every word. Three of them act only on combining
 * marks (U+0300 and on, as in a decomposed "å"): ccmp composes or decomposes a letter and its
 * marks, mark and mkmk place the marks. In Source Sans 3 they are 17 of the 21 lookups run on
 * each word, so a word without a combining mark is shaped without them: the same glyphs and
 * positions (test/fonts.test.ts compares the two for every text of the content), in two
 * thirds of the time. A text with a combining mark gets them all.
 */
const withoutMarkFeatures = { ccmp: false, mark: false, mkmk: false };
const combiningMark = /\p{M}/u;
const hasCombiningMark = (text: string) => combiningMark.test(text);

/**
 * The font every document is given: the fontkit font, with two of its methods answered here.
 * The fontkit object itself is not changed, and its methods are called on it.
 *
 * - `layout`: shaping a word (the GSUB and GPOS lookups) is most of a build's time, and
 *   pdfkit keeps what it shaped per document only, so the five documents shaped most words
 *   again. The result depends only on the font and the text: each text is shaped once, and
 *   every call gets a run of its own (pdfkit scales the positions of the run it gets in place).
 * - `createSubset`: fontkit keeps one glyph object per glyph id, with the code points of
 *   whoever asked for it first, and pdfkit's ToUnicode map (the text layer) reads them. A
 *   subset asks for the parts of composite glyphs (an accent, a digit) with no code points;
 *   with one font shared, a later document shaping a word with that glyph got it without its
 *   letter ("Step ." for "Step 1.", depending on the order of the documents). So subsets are
 *   made from a second fontkit font of the same file (the same glyph ids), which shapes nothing.
 */
function sharedFont(bytes: Buffer): Font {
  const font = fontkit.create(bytes);
  const forSubsets = fontkit.create(bytes);
  const shaped = new Map<string, fontkit.GlyphRun>();
  const layout = (text: string, ...options: unknown[]): fontkit.GlyphRun => {
    if (options.some((option) => option !== undefined)) return font.layout(text, ...options);
    let run = shaped.get(text);
    if (!run) {
      run = font.layout(text, hasCombiningMark(text) ? undefined : withoutMarkFeatures);
      shaped.set(text, run);
    }
    return new Run(
      run.glyphs,
      run.positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({ xAdvance, yAdvance, xOffset, yOffset })),
    );
  };
  const createSubset = () => forSubsets.createSubset();
  const methods = new Map<PropertyKey, unknown>();
  return new Proxy(font, {
    get(target, property) {
      if (property === 'layout') return layout;
      if (property === 'createSubset') return createSubset;
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let method = methods.get(property);
      if (!method) methods.set(property, (method = (value as (...args: unknown[]) => unknown).bind(target)));
      return method;
    },
  });
}
