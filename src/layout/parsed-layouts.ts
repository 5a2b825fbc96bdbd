// Layout trees parsed in earlier processes, per template, keyed by a hash of the layout
// text they were parsed from: the same text always gives the same tree, so an entry can
// only be used for exactly the text it came from. A few recent texts per template are
// kept (leader and employee versions, blank and pre-filled posters).
import { cacheDir, cacheKey, onCacheSave, readCacheFile, writeCacheFile } from '../cache/persistent.js';
import type { LayoutDocument } from './types.js';

interface Entry {
  key: string;
  tree: LayoutDocument;
}

/** Entries kept per template. */
const keep = 8;
/** Bumped when the tree's form or its parser changes. */
const version = 'layout v1';

export class ParsedLayouts {
  private readonly dir = cacheDir();
  private readonly entries = new Map<string, Entry[]>();
  private readonly changed = new Set<string>();

  constructor() {
    onCacheSave(() => this.save());
  }

  get(template: string, text: string): LayoutDocument | undefined {
    if (!this.dir) return undefined;
    const key = cacheKey(text, version);
    return this.load(template).find((entry) => entry.key === key)?.tree;
  }

  set(template: string, text: string, tree: LayoutDocument): void {
    if (!this.dir) return;
    const key = cacheKey(text, version);
    const entries = [{ key, tree: structuredClone(tree) }, ...this.load(template).filter((entry) => entry.key !== key)];
    this.entries.set(template, entries.slice(0, keep));
    this.changed.add(template);
  }

  private load(template: string): Entry[] {
    let entries = this.entries.get(template);
    if (!entries) {
      const body = this.dir ? readCacheFile(this.dir, fileName(template)) : undefined;
      entries = Array.isArray(body) ? (body as Entry[]).filter((e) => typeof e?.key === 'string' && e.tree && typeof e.tree === 'object') : [];
      this.entries.set(template, entries);
    }
    return entries;
  }

  private save(): void {
    if (!this.dir) return;
    for (const template of this.changed) writeCacheFile(this.dir, fileName(template), this.entries.get(template));
    this.changed.clear();
  }
}

const fileName = (template: string) => `layout-${template.replace(/[^\w-]/g, '_')}.json`;
