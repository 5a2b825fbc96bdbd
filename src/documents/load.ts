// Loads a content folder for the registered documents (or the ones given): the shared files,
// then each document's part, with meta.yaml naming a file for each document.
import { loadContentParts, type LoadOptions } from '../content/load.js';
import type { Content } from '../content/model.js';
import { contentPartsOf, documentIdsOf, registry } from './registry.js';
import type { DocumentKind } from './types.js';

export interface ContentOptions extends LoadOptions {
  /** The document kinds to load the content of: the registry's when absent. */
  kinds?: readonly DocumentKind[];
}

/** Loads and validates the content folder; throws UserError listing every problem found. */
export function loadContent(dir: string, options: ContentOptions = {}): Content {
  const kinds = options.kinds ?? registry;
  return loadContentParts(dir, contentPartsOf(kinds), documentIdsOf(kinds), { workshopFile: options.workshopFile });
}

export type { LoadOptions };
