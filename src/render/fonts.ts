// The embedded typeface: Source Sans 3 (SIL Open Font License), from the source-sans package.
// Fonts are parsed once per process and the fontkit objects are shared by every document:
// parsing is the largest cost of a build (see shared notes/performance.md).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

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
  const fonts = {} as Fonts;
  for (const [name, file] of Object.entries(files) as [FontName, string][]) {
    fonts[name] = withSharedSubsets(withSharedLayoutCache(fontkit.create(readFileSync(require.resolve(file))) as LayoutFont & SubsetFont));
  }
  loaded = fonts;
  return fonts;
}

/** The part of a fontkit font and its glyph runs that the layout cache touches. */
interface LayoutFont {
  layout(text: string, ...options: unknown[]): GlyphRun;
}
interface GlyphRun {
  glyphs: unknown[];
  positions: object[];
}

/**
 * Shaping a word (fontkit's `layout`: GSUB/GPOS lookups) is most of the drawing time.
 * pdfkit caches it per document only, so the same words were shaped again for every
 * document and every rebuild. This caches runs per font for the whole process. pdfkit
 * scales the positions of the run it gets in place, so each call gets its own copy of the
 * positions (same numbers, so the PDFs stay byte-identical).
 */
function withSharedLayoutCache<F extends LayoutFont>(font: F): F {
  const shape = font.layout.bind(font);
  const runs = new Map<string, GlyphRun>();
  font.layout = (text: string, ...options: unknown[]): GlyphRun => {
    if (options.some((option) => option !== undefined)) return shape(text, ...options);
    let run = runs.get(text);
    if (!run) {
      if (runs.size >= 100_000) runs.clear(); // a bound for long-running processes
      run = shape(text);
      runs.set(text, run);
    }
    const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run);
    copy.positions = run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p) as object) as object, p));
    return copy;
  };
  return font;
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
 * cost of a document. The bytes depend only on the glyphs included and their order, so a
 * rebuild that uses the same glyphs gets the bytes encoded before.
 */
function withSharedSubsets<F extends SubsetFont>(font: F): F {
  const createSubset = font.createSubset.bind(font);
  const encoded = new Map<string, Uint8Array>();
  font.createSubset = (): FontSubset => {
    const subset = createSubset();
    const encode = subset.encode.bind(subset);
    subset.encode = () => {
      const key = subset.glyphs.join(',');
      let bytes = encoded.get(key);
      if (!bytes) {
        if (encoded.size >= 100) encoded.clear(); // a bound for long-running processes
        bytes = encode();
        encoded.set(key, bytes);
      }
      return bytes;
    };
    return subset;
  };
  return font;
}
