// The content as it was loaded before from exactly the same files, from the cache folder
// (cache/persistent.ts). Reading and checking six YAML files, with the YAML parser and the
// validator to load first, is a large part of a command's start; content changes seldom.
// Only content that passed every check is kept, so every problem is still reported by
// load.ts, which this falls back to whenever the files differ.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CachedValues, cacheKey } from '../cache/persistent.js';
import { contentFileNames, workshopFileName } from './files.js';
import type { Content } from './model.js';

/** Bumped when the way content is kept changes. */
const version = 'content v1';
let loaded: CachedValues<Content> | undefined;

/**
 * The modules that turn the files into a Content: an edit to any of them (a new field, a
 * changed rule) must not be answered from content checked by the old code.
 */
const loaderModules = ['load', 'schema', 'rules', 'source', 'files'].map((name) =>
  new URL(`./${name}${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url),
);

export async function loadContentCached(dir: string): Promise<Content> {
  const key = filesKey(dir);
  loaded ??= new CachedValues<Content>('content.json', version, { max: 4, valid: (c) => typeof c === 'object' && c !== null });
  const known = key === undefined ? undefined : loaded.get(key);
  if (known) return known;
  const { loadContent } = await import('./load.js');
  const content = loadContent(dir);
  if (key !== undefined) loaded.set(key, content);
  return content;
}

/**
 * What the loaded content depends on: the files' texts, the folder, the working directory
 * (messages name files relative to it) and the loader's code. Undefined when a file cannot
 * be read: load.ts then says so.
 */
function filesKey(dir: string): string | undefined {
  const parts = [resolve(dir), process.cwd()];
  for (const module of loaderModules) {
    try {
      parts.push(readFileSync(module, 'utf8'));
    } catch {
      return undefined; // the loader cannot be identified: no cache
    }
  }
  for (const name of Object.values(contentFileNames)) {
    try {
      parts.push(name, readFileSync(resolve(dir, name), 'utf8'));
    } catch {
      return undefined;
    }
  }
  // Optional: its absence is part of the key too, so adding or removing it is seen.
  const workshop = resolve(dir, workshopFileName);
  if (existsSync(workshop)) {
    try {
      parts.push(workshopFileName, readFileSync(workshop, 'utf8'));
    } catch {
      return undefined;
    }
  } else {
    parts.push(`${workshopFileName} (none)`);
  }
  return cacheKey(...parts);
}
