// What a reading of scans tells beyond the answers, for `--json` and the summary line: which
// pages were read and how (from three corner marks, photographed), how many rows were
// flagged or corrected by hand, and how sure each reading is (its margin, decide.ts), so that
// a review can look at the least sure first.
import { basename } from 'node:path';
import type { Turn } from './photo.js';

export interface PageRef {
  file: string;
  page: number;
}

/**
 * A page read as a photo: how far it lay turned, clockwise (0, 90, 180, 270), and how far its
 * corner marks were from a rectangle in the picture (photo.ts photoShape): the corner angle
 * furthest from 90°, as degrees off, and the larger ratio of opposite sides.
 */
export interface PhotoRef extends PageRef {
  turn: Turn;
  cornerAngle: number;
  sideRatio: number;
}

export interface Reading {
  sheet: string;
  statement: number;
  /** The answer's label; null for no answer (or a row flagged or a side missing). */
  answer: string | null;
  /** How it was decided: read from the boxes, corrected by hand, flagged, or its side missing. */
  how: 'read' | 'corrected' | 'flagged' | 'missing';
  margin: number;
}

export interface ScanReport {
  /** Test pages read. */
  pages: number;
  /** Pages mapped by three corner marks (the fourth off the image, or not ours). */
  fromThreeMarks: PageRef[];
  /** Pages that were photographs (mapped by a perspective transform), with their turn and perspective. */
  photos: PhotoRef[];
  /** Rows listed for review, and rows answered in the corrections file. */
  rowsFlagged: number;
  rowsCorrected: number;
  /** Every statement of every sheet, least sure first among those read. */
  readings: Reading[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The summary line: "scans: 24 pages read (2 from three corner marks, 0 photos); 1 row flagged, 1 row corrected". */
export function summaryLine(report: ScanReport): string {
  return `scans: ${plural(report.pages, 'page')} read (${report.fromThreeMarks.length} from three corner marks, ${plural(report.photos.length, 'photo')}); ${plural(report.rowsFlagged, 'row')} flagged, ${plural(report.rowsCorrected, 'row')} corrected`;
}

export const pageRef = (file: string, page: number): PageRef => ({ file: basename(file), page });

/** Readings in the order a spot check takes them: the rows read, least sure first, then the rest as they are. */
export function spotCheckOrder(readings: Reading[]): Reading[] {
  const read = readings.filter((r) => r.how === 'read').sort((a, b) => a.margin - b.margin);
  return [...readings.filter((r) => r.how !== 'read'), ...read];
}

/**
 * The `n` least sure rows read (not flagged, corrected or missing), one line each, least sure
 * first: `spot check: sheet scan.pdf:3, statement 7 read "Af og til" (margin 0.21)`.
 */
export function spotCheckLines(report: ScanReport, n: number): string[] {
  const read = spotCheckOrder(report.readings).filter((r) => r.how === 'read');
  return read
    .slice(0, n)
    .map(
      (r) =>
        `spot check: sheet ${r.sheet}, statement ${r.statement} read ${r.answer === null ? 'as not answered' : `"${r.answer}"`} (margin ${r.margin.toFixed(2)})`,
    );
}
