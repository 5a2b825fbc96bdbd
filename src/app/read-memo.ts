// What was read of each answer file, kept in the running app: a file whose bytes did not
// change is not read again. A file is known by its stat (inode, size, modification and change
// time); when that changes, its bytes are hashed, and only other bytes are read again (a file
// touched or put back as it was is not). One memo per content (app/workshop-answers.ts): the
// test's geometry and the statements' texts a reading used are the content's.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { ReadMemo } from '../responses/memo.js';

interface Known {
  stat: string;
  hash: string;
  /** What was read of it, by what was read (the responses, a scan's pages). */
  kept: Map<string, Promise<unknown>>;
}

function statKey(file: string): string | undefined {
  try {
    const s = statSync(file);
    return s.isFile() ? `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}` : undefined;
  } catch {
    return undefined;
  }
}

/** Readings done elsewhere than where they are asked for, by what is read (a scan's pages: in a child process). */
export type ReadElsewhere = Partial<Record<string, (file: string) => Promise<unknown>>>;

export class FileMemo implements ReadMemo {
  constructor(private readonly elsewhere: ReadElsewhere = {}) {}

  private readonly files = new Map<string, Known>();
  /** How many times each reading of each file was done (not recalled): what a test counts. */
  private readonly reads = new Map<string, number>();

  /** How many times `what` was read of `file` (of any file when not given). */
  readCount(what: string, file?: string): number {
    let count = 0;
    for (const [key, n] of this.reads)
      if (key === `${what}\u0000${file}` || (!file && key.startsWith(`${what}\u0000`))) count += n;
    return count;
  }

  recall<T>(file: string, what: string, read: () => Promise<T>): Promise<T> {
    const known = this.known(file);
    if (!known) return read(); // not a file (gone, a folder): its reader says why
    let kept = known.kept.get(what) as Promise<T> | undefined;
    if (!kept) {
      const key = `${what}\u0000${file}`;
      this.reads.set(key, (this.reads.get(key) ?? 0) + 1);
      const away = this.elsewhere[what];
      const reading = away ? (away(file) as Promise<T>) : read();
      kept = reading;
      known.kept.set(what, reading);
      // A reading that failed (a bug, a file that could not be read) is tried again next time.
      reading.catch(() => {
        if (known.kept.get(what) === reading) known.kept.delete(what);
      });
    }
    return kept;
  }

  /** Forgets the files not among `present` (files removed from the folder). */
  keepOnly(present: readonly string[]): void {
    const keep = new Set(present);
    for (const file of this.files.keys()) if (!keep.has(file)) this.files.delete(file);
  }

  /** How many files are remembered. */
  get size(): number {
    return this.files.size;
  }

  private known(file: string): Known | undefined {
    const stat = statKey(file);
    if (stat === undefined) {
      this.files.delete(file);
      return undefined;
    }
    const known = this.files.get(file);
    if (known?.stat === stat) return known;
    let hash: string;
    try {
      hash = createHash('sha256').update(readFileSync(file)).digest('hex');
    } catch {
      this.files.delete(file);
      return undefined;
    }
    if (known?.hash === hash) {
      known.stat = stat;
      return known;
    }
    const fresh: Known = { stat, hash, kept: new Map() };
    this.files.set(file, fresh);
    return fresh;
  }
}
