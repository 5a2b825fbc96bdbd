// What a scanned page is measured against: where the test draws its tick boxes, page by page
// and statement by statement. The reader does not render: the application renders the test
// from the content in this process, or finds what an earlier rendering stored (app/scans.ts,
// app/geometry-cache.ts: a file per test in node_modules/.cache/mus-materialer or
// MUS_CACHE_DIR, named by a hash of the view, templates, fonts, code and renderer versions),
// and hands it in as plain data, with the drawer of the review sheet.
import type { Group } from '../../../content/model.js';
import type { GrayImage } from './image.js';

export interface BoxRect {
  x: number;
  y: number;
  size: number;
}

export interface StatementBoxes {
  /** 1-based statement number. */
  n: number;
  /** One box per category, in the scale's order. */
  boxes: BoxRect[];
}

export interface TestGeometry {
  group: Group;
  fingerprint: string;
  width: number;
  height: number;
  /** The statements on each page (index 0 = page 1). */
  pages: StatementBoxes[][];
}

/** A picture of a row's boxes, with where each box's centre is (a share of the picture's width). */
export type RowPicture = GrayImage & { boxes: number[] };

/**
 * The review sheet (gennemgang.pdf) as plain data: its texts, and each row's line, the
 * statement as printed, its picture and the category names to print under the boxes.
 */
export interface ReviewSheet {
  title: string;
  intro: readonly string[];
  rows: { line: string; statement: string; labels: readonly string[]; picture?: RowPicture }[];
}

/** What reading scans needs from the printing side. */
export interface ScanPrinting {
  /** The test of `group` as the content prints it (asked for every page read: rendered once, then kept). */
  geometry: (group: Group) => Promise<TestGeometry>;
  /**
   * Looks up the tests (rendering one not stored yet): called when the page readers start, so
   * that it is done while their threads load, before the first page asks for a test.
   */
  prepare?: () => void;
  /** The review sheet as PDF bytes. */
  reviewSheet: (sheet: ReviewSheet) => Promise<Uint8Array>;
  /** Writes a file beside the scans (the review sheet, the corrections), whole or not at all. */
  writeBeside: (path: string, bytes: Uint8Array | string) => void;
}
