// What goes on the review sheet (gennemgang.pdf): every row the scan could not read for sure,
// as a picture of its boxes with the sheet, statement, file and page, so the facilitator can
// decide it and write the answer into the corrections file beside it. The sheet is drawn on
// the printing side (ScanPrinting.reviewSheet); here it is only said what it holds.
import type { Group, TestTexts } from '../../../content/model.js';
import { fillPlaceholders, visible } from '../../../text.js';
import type { ReviewReason } from './decide.js';
import type { ReviewSheet, RowPicture } from './geometry.js';

export { reviewFiles } from './detect.js';
export const reviewFileName = 'gennemgang.pdf';

export interface ReviewRow {
  sheet: string;
  statement: number;
  file: string;
  page: number;
  reason: ReviewReason;
  picture?: RowPicture;
}

export type ReviewTexts = NonNullable<TestTexts['review']>;

export function rowLine(texts: ReviewTexts, row: ReviewRow): string {
  return fillPlaceholders(texts.row, {
    sheet: visible(row.sheet),
    statement: row.statement,
    file: visible(row.file),
    page: row.page,
    reason: texts.reasons[row.reason],
  });
}

/** What the sheet shows besides the row: the category names, and statement n as the group's test prints it. */
export interface ReviewWords {
  labels: readonly string[];
  statement: (group: Group, n: number) => string;
}

/** The review sheet's texts and rows, one under the other. */
export function reviewSheet(
  texts: ReviewTexts,
  rows: (ReviewRow & { group: Group })[],
  words: ReviewWords,
): ReviewSheet {
  return {
    title: texts.title,
    intro: texts.intro,
    rows: rows.map((row) => ({
      line: rowLine(texts, row),
      statement: `${row.statement}. ${words.statement(row.group, row.statement)}`,
      labels: words.labels,
      picture: row.picture,
    })),
  };
}
