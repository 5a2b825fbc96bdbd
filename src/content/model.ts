// The validated content as the rest of the program sees it: one object, built by load.ts.
import type {
  Band,
  Category,
  ComparisonTexts,
  DialogueTexts,
  Meta,
  ProcessGuide,
  ResultSheetTexts,
  Scoring,
  Statements,
  TestTexts,
  Workshop,
} from './schema.js';

import type { ContentKey } from './files.js';

export type {
  Band,
  Category,
  ComparisonTexts,
  DialogueTexts,
  Meta,
  ProcessGuide,
  ResultSheetTexts,
  Scoring,
  Statements,
  TestTexts,
  Workshop,
};

/** A place in a content file: the file as messages name it, and the line when known. */
export interface Place {
  file: string;
  line?: number;
}

/** The two groups that take the test and get their own result poster. */
export type Group = 'leader' | 'employee';
export const groups: readonly Group[] = ['leader', 'employee'];

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

export interface Content {
  /** The folder the content was read from (for messages). */
  dir: string;
  meta: Meta;
  scoring: Scoring;
  statements: Statements;
  test: TestTexts;
  resultSheet: ResultSheetTexts;
  processGuide: ProcessGuide;
  comparison: ComparisonTexts;
  dialogue: DialogueTexts;
  /** All statements in test order, numbered 1..N. */
  numbered: NumberedStatement[];
  /** Where each band's sentence is, for messages. */
  bandSources: Place[];
  /** Where a text of the content is (file part, field path), for messages; absent for content made in code. */
  placeOf?: (part: ContentKey, path: (string | number)[]) => Place;
  /** The facilitator's workshop (workshop.yaml), when there is one: printed where it would be written by hand. */
  workshop?: Workshop;
}
