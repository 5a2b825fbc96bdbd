// Shaped words, kept between runs. Shaping a word (fontkit's `layout`: the font's GSUB and
// GPOS lookups, which must first be decoded from the font file) is the largest cost of a
// cold build, yet its result depends only on the font file, fontkit's version and the
// text. So every run a build shapes is kept, per font, in the cache folder; the next
// process reads it instead of decoding the lookup tables at all.
//
// A stored run is exactly what pdfkit reads of a fontkit glyph run: glyph ids, their
// code points (for the ToUnicode map) and advance widths, and the four position numbers
// per glyph. JSON keeps every number exactly, and runs are always handed out from the
// stored form (also right after shaping), so a build gives the same bytes whether the
// store was empty or full.
import { CachedValues } from '../cache/persistent.js';

/** A shaped run as stored: per glyph its id, code points, advance width and 4 position numbers. */
export interface StoredRun {
  /** Glyph ids. */
  g: number[];
  /** Code points each glyph stands for (several for a ligature). */
  c: number[][];
  /** Advance widths in font units. */
  a: number[];
  /** xAdvance, yAdvance, xOffset, yOffset per glyph, in font units. */
  p: number[];
}

/** Content is a few thousand words; a store past this starts afresh. */
const maxRuns = 50_000;

/** The shaped runs of one font, by text. `key`: what they depend on (font bytes, shaper version). */
export function shapingStore(font: string, key: string): CachedValues<StoredRun> {
  return new CachedValues<StoredRun>(`shaping-${font}.json`, key, { max: maxRuns, valid: isStoredRun });
}

function isStoredRun(value: unknown): boolean {
  const run = value as StoredRun | undefined;
  const n = Array.isArray(run?.g) ? run.g.length : -1;
  return Array.isArray(run?.c) && run.c.length === n && Array.isArray(run.a) && run.a.length === n && Array.isArray(run.p) && run.p.length === 4 * n;
}
