// The validated content as the rest of the program sees it: one object, built by load.ts.
import type {
  Band,
  Category,
  Meta,
  ProcessGuide,
  ResultSheetTexts,
  Scoring,
  Statements,
  TestTexts,
} from './schema.js';

export type { Band, Category, Meta, ProcessGuide, ResultSheetTexts, Scoring, Statements, TestTexts };

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
  /** Where each version's text is, for messages. */
  source: Record<Group, Place>;
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
  /** All statements in test order, numbered 1..N. */
  numbered: NumberedStatement[];
  /** Where each band's sentence is, for messages. */
  bandSources: Place[];
}
