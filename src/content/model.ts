// The validated content as the rest of the program sees it: one object, built by load.ts.
import type { Band, Category, Meta, Scoring, Statements, Workshop } from './schema.js';
import type { sharedContentFiles } from './files.js';

export type { Band, Category, Meta, Scoring, Statements, Workshop };

/** A place in a content file: the file as messages name it, and the line when known. */
export interface Place {
  file: string;
  line?: number;
}

import type { Group } from './groups.js';

export { groups, type Group } from './groups.js';

/** A statement with its place in the test: n is 1-based and the same in both versions. */
export interface NumberedStatement {
  n: number;
  theme: string;
  leader: string;
  employee: string;
  /** A label both versions share (udsagn.yaml `short:`), for the comparison poster. */
  short?: string;
  /** Where each version's text is, for messages. */
  source: Record<Group, Place>;
  /** Where the short label is, when there is one. */
  shortSource?: Place;
}

/**
 * The documents' own texts, one content part per document kind, each the parsed shape of its
 * schema: declared by src/documents/registry.ts from the registry (declaration merging), as
 * the documents build on the content and not the other way round.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by src/documents/registry.ts
export interface DocumentTexts {}

/** The texts of the tests (test.yaml), which the scan reader's review sheet also prints. */
export type TestTexts = DocumentTexts extends { test: infer T } ? T : never;

/** A part of the content, as placeOf names it: a shared file's, or a document's. */
export type ContentKey = keyof typeof sharedContentFiles | keyof DocumentTexts;

export interface Content extends DocumentTexts {
  /** The folder the content was read from (for messages). */
  dir: string;
  meta: Meta;
  scoring: Scoring;
  statements: Statements;
  /** All statements in test order, numbered 1..N. */
  numbered: NumberedStatement[];
  /** Where each band's sentence is, for messages. */
  bandSources: Place[];
  /** Where a text of the content is (file part, field path), for messages; absent for content made in code. */
  placeOf?: (part: ContentKey, path: (string | number)[]) => Place;
  /** The facilitator's workshop (workshop.yaml), when there is one: printed where it would be written by hand. */
  workshop?: Workshop;
}
