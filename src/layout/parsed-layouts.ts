// Layout trees parsed in earlier processes, per template, keyed by a hash of the layout
// text they were parsed from: the same text always gives the same tree, so an entry can
// only be used for exactly the text it came from. A few recent texts per template are
// kept (leader and employee versions, blank and pre-filled posters).
import { CachedValues, cacheKey } from '../cache/persistent.js';
import type { LayoutDocument } from './types.js';

/** Bumped when the tree's form or its parser changes. */
const version = 'layout v1';

export class ParsedLayouts {
  private readonly files = new Map<string, CachedValues<LayoutDocument>>();

  get(template: string, text: string): LayoutDocument | undefined {
    return this.file(template).get(cacheKey(text));
  }

  set(template: string, text: string, tree: LayoutDocument): void {
    this.file(template).set(cacheKey(text), structuredClone(tree));
  }

  private file(template: string): CachedValues<LayoutDocument> {
    let file = this.files.get(template);
    if (!file) {
      const name = `layout-${template.replace(/[^\w-]/g, '_')}.json`;
      file = new CachedValues<LayoutDocument>(name, version, { max: 8, valid: (tree) => typeof tree === 'object' && tree !== null });
      this.files.set(template, file);
    }
    return file;
  }
}
