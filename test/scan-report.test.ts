// How sure each row is, for a spot check: the rows a reading did not settle come first, then
// the rows read, least sure first; `--spot-check N` lists the N least sure rows read. And the
// summary line. Hand-made readings with hand-computed order.
import { describe, expect, it } from 'vitest';
import {
  type Reading,
  type ScanReport,
  spotCheckLines,
  spotCheckOrder,
  summaryLine,
} from '../src/responses/readers/scan/report.js';

const r = (sheet: string, statement: number, answer: string | null, how: Reading['how'], margin: number): Reading => ({
  sheet,
  statement,
  answer,
  how,
  margin,
});

const readings = [
  r('s.pdf:1', 1, 'Ofte', 'read', 0.52),
  r('s.pdf:1', 2, null, 'flagged', 0),
  r('s.pdf:1', 3, 'Sjældent', 'read', 0.18),
  r('s.pdf:3', 1, null, 'read', 0.31),
  r('s.pdf:3', 2, 'Altid', 'corrected', 0.05),
  r('s.pdf:3', 3, 'Af og til', 'read', 0.27),
  r('s.pdf:5', 9, null, 'missing', 0),
];

const report: ScanReport = {
  pages: 5,
  fromThreeMarks: [{ file: 's.pdf', page: 4 }],
  photos: [],
  rowsFlagged: 2,
  rowsCorrected: 1,
  readings: spotCheckOrder(readings),
};

describe('how sure, per row', () => {
  it('the rows not read from the boxes first, as they came; then the rows read by margin, least sure first', () => {
    expect(report.readings.map((x) => `${x.sheet}#${x.statement}`)).toEqual([
      's.pdf:1#2',
      's.pdf:3#2',
      's.pdf:5#9',
      's.pdf:1#3', // 0.18
      's.pdf:3#3', // 0.27
      's.pdf:3#1', // 0.31
      's.pdf:1#1', // 0.52
    ]);
  });

  it('--spot-check 3: the three least sure rows read, a row read as not answered among them', () => {
    expect(spotCheckLines(report, 3)).toEqual([
      'spot check: sheet s.pdf:1, statement 3 read "Sjældent" (margin 0.18)',
      'spot check: sheet s.pdf:3, statement 3 read "Af og til" (margin 0.27)',
      'spot check: sheet s.pdf:3, statement 1 read as not answered (margin 0.31)',
    ]);
  });

  it('more than there are: every row read, and no flagged, corrected or missing one', () => {
    expect(spotCheckLines(report, 50)).toHaveLength(4);
  });

  it('the summary line counts pages, pages from three marks, photos, rows flagged and corrected', () => {
    expect(summaryLine(report)).toBe(
      'scans: 5 pages read (1 from three corner marks, 0 photos); 2 rows flagged, 1 row corrected',
    );
  });
});
