// The documents of the material set, in the order they are built: one line per document kind,
// each registered by its own folder. Content loading, the build, the tests and the browser app
// all go through this list. How to add a document: docs/architecture.md.
import type { z } from 'zod';
import type { ContentPart } from '../content/load.js';
import { actionPlan } from './action-plan/action-plan.js';
import { checklist } from './checklist/checklist.js';
import { comparison } from './comparison/comparison.js';
import { dialogue } from './dialogue/dialogue.js';
import { poster } from './poster/poster.js';
import { test } from './test/test.js';
import type { DocumentKind } from './types.js';

export const registry = [test, poster, checklist, comparison, dialogue, actionPlan] as const;

/** Content's document texts: each registered part, by its key, in the shape its schema parses to. */
type RegisteredTexts = {
  [Part in NonNullable<(typeof registry)[number]['content']> as Part['key']]: z.output<Part['schema']>;
};

declare module '../content/model.js' {
  interface DocumentTexts extends RegisteredTexts {}
}

/** The keys of meta.yaml `files`: every file the kinds make, printed and fillable alike, in build order. */
export function documentIdsOf(kinds: readonly DocumentKind[]): string[] {
  return kinds.flatMap((kind) => kind.documents.flatMap((d) => (d.fillable ? [d.id, d.fillable.id] : [d.id])));
}

/** The kinds' parts of the content: which file holds each, and its schema. */
export function contentPartsOf(kinds: readonly DocumentKind[]): ContentPart[] {
  return kinds.flatMap((kind) => (kind.content ? [kind.content] : []));
}
