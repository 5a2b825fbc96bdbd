// The cache folder: results that depend only on their inputs (a word shaped in a font, a
// layout text parsed into a tree), kept between processes so a new process does not pay
// for them again. Every entry is keyed by a hash of everything it depends on, so a stale
// entry is never used; a missing, damaged or unwritable cache only makes a build slower,
// never different or failed (tests build with and without it and compare the bytes).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';

/**
 * MUS_CACHE_DIR, or node_modules/.cache/mus-materialer in the package (the usual place for
 * a package's caches; git-ignored with node_modules). MUS_CACHE_DIR=off turns caching off.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env.MUS_CACHE_DIR;
  if (dir === 'off' || dir === '0') return undefined;
  return dir && dir.trim() !== '' ? dir : join(packageRoot, 'node_modules', '.cache', 'mus-materialer');
}

/** A short hash of everything a cached value depends on. */
export function cacheKey(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 32);
}

/** A cache file's JSON, or undefined when there is none or it cannot be read. */
export function readCacheFile(dir: string, name: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, name), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Writes a cache file whole (temp file, then rename), so no reader sees half of it; failures are ignored. */
export function writeCacheFile(dir: string, name: string, value: unknown): void {
  const file = join(dir, name);
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, JSON.stringify(value));
    renameSync(temp, file);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // the folder itself is unusable: nothing was written
    }
  }
}

const savers = new Set<() => void>();

/** Registers what a cache writes when a build is done. */
export function onCacheSave(save: () => void): void {
  savers.add(save);
}

/** Writes what the caches learned in this process; called after a build's output is safe. */
export function saveCaches(): void {
  for (const save of savers) save();
}

interface ValuesFile<V> {
  key: string;
  /** Most recently set first. */
  entries: [string, V][];
}

/**
 * A map kept in one cache file: read on first use, written by saveCaches() when something
 * was added (merged with what another process wrote meanwhile), holding at most
 * `max` entries, the most recently added first. Only a file written for the same `key`
 * (what every value depends on) is read, and only if every value passes `valid`.
 */
export class CachedValues<V> {
  private values: Map<string, V> | undefined;
  private readonly added = new Map<string, V>();
  private readonly dir = cacheDir();

  constructor(
    private readonly name: string,
    private readonly key: string,
    private readonly options: { max: number; valid: (value: unknown) => boolean },
  ) {
    onCacheSave(() => this.save());
  }

  get(name: string): V | undefined {
    this.values ??= this.read();
    return this.values.get(name);
  }

  set(name: string, value: V): void {
    this.values ??= this.read();
    if (this.values.size >= this.options.max) this.values.clear(); // a bound for long-running processes
    this.values.set(name, value);
    this.added.set(name, value);
  }

  private read(): Map<string, V> {
    const body = this.dir ? (readCacheFile(this.dir, this.name) as Partial<ValuesFile<V>> | undefined) : undefined;
    if (body?.key !== this.key || !Array.isArray(body.entries)) return new Map();
    const entries = body.entries;
    const valid = entries.every((entry) => Array.isArray(entry) && typeof entry[0] === 'string' && this.options.valid(entry[1]));
    return valid ? new Map(entries) : new Map(); // damaged: written anew on save
  }

  private save(): void {
    if (!this.dir || this.added.size === 0) return;
    const entries = [...this.added];
    for (const entry of this.read()) if (!this.added.has(entry[0])) entries.push(entry);
    writeCacheFile(this.dir, this.name, { key: this.key, entries: entries.slice(0, this.options.max) } satisfies ValuesFile<V>);
    this.added.clear();
  }
}
