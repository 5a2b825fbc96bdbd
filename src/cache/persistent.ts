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
