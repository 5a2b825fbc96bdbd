// The embedded typeface: Source Sans 3 (SIL Open Font License), from the source-sans package.
// Fonts are parsed once per process and the fontkit objects are shared by every document:
// parsing is the largest cost of a build (see shared notes/performance.md).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { CachedValues, cacheKey } from '../cache/persistent.js';
import { shapingStore, type StoredRun } from './shaping-store.js';

export type FontName = 'regular' | 'semibold' | 'bold';

const files: Record<FontName, string> = {
  regular: 'source-sans/TTF/SourceSans3-Regular.ttf',
  semibold: 'source-sans/TTF/SourceSans3-Semibold.ttf',
  bold: 'source-sans/TTF/SourceSans3-Bold.ttf',
};

export type Fonts = Record<FontName, unknown>;

let loaded: Fonts | undefined;

export function loadFonts(): Fonts {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const shaper = packageVersion(require.resolve('fontkit'), 'fontkit');
  const fonts = {} as Fonts;
  for (const [name, file] of Object.entries(files) as [FontName, string][]) {
    const bytes = readFileSync(require.resolve(file));
    // Runs and subsets depend on the font's bytes, fontkit's version and how they are stored
    // (runs v2: code points from the word itself).
    const fontKey = cacheKey(bytes, `fontkit ${shaper}`);
    const runs = shapingStore(name, cacheKey(fontKey, 'runs v2'));
    const subsets = new CachedValues<string>(`subsets-${name}.json`, cacheKey(fontKey, 'subsets v1'), { max: 32, valid: (v) => typeof v === 'string' });
    const font = withOwnCodePoints(fontkit.create(bytes) as LayoutFont & SubsetFont & GlyphSource);
    fonts[name] = withSharedSubsets(withStoredShaping(font, runs), subsets);
  }
  loaded = fonts;
  return fonts;
}

/** The version of the package a resolved file belongs to (fontkit does not export its package.json). */
function packageVersion(entry: string, name: string): string {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? 'unknown';
    } catch {
      // no package.json here: look further up
    }
  }
  return 'unknown';
}

/** The part of a fontkit font and its glyph runs that pdfkit reads. */
interface LayoutFont {
  layout(text: string, ...options: unknown[]): GlyphRun;
}
interface Glyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}
interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}
interface GlyphRun {
  glyphs: Glyph[];
  positions: Position[];
  readonly advanceWidth: number;
}

/** The part of a fontkit font that hands out glyph objects. */
interface GlyphSource {
  getGlyph(id: number, codePoints?: number[]): Glyph;
}

/**
 * fontkit keeps one glyph object per glyph id, with the code points of whoever asked for
 * it first; the subsetter asks with none. A word shaped after that got glyphs without
 * code points, and the PDF's text layer lost those letters ("Step ." for "Step 1."),
 * depending on which document was drawn first. Here a glyph asked for with code points
 * always carries exactly those (a copy of the shared object when they differ), so what a
 * word's glyphs stand for depends on the word alone.
 */
function withOwnCodePoints<F extends GlyphSource>(font: F): F {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id: number, codePoints?: number[]): Glyph => {
    const glyph = getGlyph(id, codePoints);
    if (!codePoints || codePoints.length === 0 || sameNumbers(glyph.codePoints, codePoints)) return glyph;
    return Object.assign(Object.create(Object.getPrototypeOf(glyph) as object) as Glyph, glyph, { codePoints });
  };
  return font;
}

const sameNumbers = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((n, i) => n === b[i]);

/**
 * Shaping a word (fontkit's `layout`: GSUB/GPOS lookups) is most of the drawing time.
 * pdfkit caches it per document only; this keeps every run for the whole process and,
 * through the store, for the next process. pdfkit scales the positions of the run it gets
 * in place, so each call gets a run of its own made from the stored numbers.
 */
function withStoredShaping<F extends LayoutFont>(font: F, store: CachedValues<StoredRun>): F {
  const shape = font.layout.bind(font);
  font.layout = (text: string, ...options: unknown[]): GlyphRun => {
    if (options.some((option) => option !== undefined)) return shape(text, ...options);
    let stored = store.get(text);
    if (!stored) {
      stored = storedRun(shape(text));
      store.set(text, stored);
    }
    return glyphRun(stored);
  };
  return font;
}

function storedRun(run: GlyphRun): StoredRun {
  const p: number[] = [];
  for (const position of run.positions) p.push(position.xAdvance, position.yAdvance, position.xOffset, position.yOffset);
  return {
    g: run.glyphs.map((glyph) => glyph.id),
    c: run.glyphs.map((glyph) => [...glyph.codePoints]),
    a: run.glyphs.map((glyph) => glyph.advanceWidth),
    p,
  };
}

/** What fontkit's GlyphRun gives pdfkit, from the stored numbers. */
function glyphRun(stored: StoredRun): GlyphRun {
  const glyphs: Glyph[] = [];
  const positions: Position[] = [];
  const { g, c, a, p } = stored;
  for (let i = 0; i < g.length; i++) {
    glyphs.push({ id: g[i], codePoints: c[i], advanceWidth: a[i] });
    positions.push({ xAdvance: p[4 * i], yAdvance: p[4 * i + 1], xOffset: p[4 * i + 2], yOffset: p[4 * i + 3] });
  }
  return {
    glyphs,
    positions,
    // As fontkit's GlyphRun: the sum of the advances, in order (pdfkit reads it after scaling).
    get advanceWidth() {
      let width = 0;
      for (const position of this.positions) width += position.xAdvance;
      return width;
    },
  };
}

/** The part of a fontkit font and its subsets that the subset cache touches. */
interface SubsetFont {
  createSubset(): FontSubset;
}
interface FontSubset {
  /** Glyph ids in the subset, in the order added (0, the missing glyph, first). */
  glyphs: number[];
  encode(): Uint8Array;
}

/**
 * Encoding a subset font file (decoding and re-encoding every glyph) is the next largest
 * cost of a document. The bytes depend only on the font and the glyphs included, in their
 * order, so they are kept by that list: in this process and in the cache folder.
 */
function withSharedSubsets<F extends SubsetFont>(font: F, stored: CachedValues<string>): F {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = (): FontSubset => {
    const subset = createSubset();
    const encode = subset.encode.bind(subset);
    subset.encode = () => {
      const key = subset.glyphs.join(',');
      const known = stored.get(key);
      if (known !== undefined) return Buffer.from(known, 'base64');
      const bytes = encode();
      stored.set(key, Buffer.from(bytes).toString('base64'));
      return bytes;
    };
    return subset;
  };
  return font;
}
