// What goes on the review sheet (gennemgang.pdf): every row the scan could not read for sure,
// as a picture of its boxes with the sheet, statement, file and page, so the facilitator can
// decide it and write the answer into the corrections file beside it. The sheet is drawn on
// the printing side (ScanPrinting.reviewSheet); here it is only said what it holds.
import type { TestTexts } from '../../../content/model.js';
import { fillPlaceholders, visible } from '../../../text.js';
import type { ReviewReason } from './decide.js';
import type { ReviewSheet } from './geometry.js';
import type { GrayImage } from './image.js';

export { reviewFiles } from './detect.js';
export const reviewFileName = 'gennemgang.pdf';

export interface ReviewRow {
  sheet: string;
  statement: number;
  file: string;
  page: number;
  reason: ReviewReason;
  picture?: GrayImage;
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

/** The review sheet's texts and rows, one under the other. */
export function reviewSheet(texts: ReviewTexts, rows: ReviewRow[]): ReviewSheet {
  return {
    title: texts.title,
    intro: texts.intro,
    rows: rows.map((row) => ({ line: rowLine(texts, row), picture: row.picture })),
  };
}
