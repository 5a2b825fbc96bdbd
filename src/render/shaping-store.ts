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
import { cacheDir, onCacheSave, readCacheFile, writeCacheFile } from '../cache/persistent.js';

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

interface StoreFile {
  key: string;
  runs: Record<string, StoredRun>;
}

/** A bound on a store's size: content is a few thousand words; start afresh beyond this. */
const maxRuns = 50_000;

export class ShapingStore {
  private runs: Map<string, StoredRun>;
  private added = 0;
  private readonly dir = cacheDir();

  /**
   * @param name the cache file's name
   * @param key everything the runs depend on (font bytes, shaper version); a file written
   *   for another key is ignored.
   */
  constructor(
    private readonly name: string,
    private readonly key: string,
  ) {
    this.runs = this.dir ? readRuns(this.dir, name, key) : new Map();
    onCacheSave(() => this.save());
  }

  get(text: string): StoredRun | undefined {
    return this.runs.get(text);
  }

  set(text: string, run: StoredRun): void {
    if (this.runs.size >= maxRuns) this.runs.clear(); // a bound for long-running processes
    this.runs.set(text, run);
    this.added++;
  }

  /** Writes the runs when any were added, merged with what another process may have written meanwhile. */
  save(): void {
    if (!this.dir || this.added === 0) return;
    const merged = readRuns(this.dir, this.name, this.key);
    for (const [text, run] of this.runs) merged.set(text, run);
    const runs = merged.size > maxRuns ? this.runs : merged;
    writeCacheFile(this.dir, this.name, { key: this.key, runs: Object.fromEntries(runs) } satisfies StoreFile);
    this.added = 0;
  }
}

function readRuns(dir: string, name: string, key: string): Map<string, StoredRun> {
  const body = readCacheFile(dir, name) as Partial<StoreFile> | undefined;
  if (body?.key === key && body.runs && typeof body.runs === 'object') {
    const runs = Object.entries(body.runs);
    if (runs.every(([, run]) => isStoredRun(run))) return new Map(runs);
  }
  return new Map(); // none yet, another font's, or damaged: rewritten on save
}

function isStoredRun(run: StoredRun): boolean {
  const n = Array.isArray(run?.g) ? run.g.length : -1;
  return Array.isArray(run.c) && run.c.length === n && Array.isArray(run.a) && run.a.length === n && Array.isArray(run.p) && run.p.length === 4 * n;
}
