// One place for paper sizes, margins and type sizes. A4 is read at arm's length;
// A3 posters must be legible from across a meeting room (≥ 14 pt statements, ≥ 20 pt counts).
import type { PaperSize } from '../layout/types.js';

export const mm = (value: number): number => (value * 72) / 25.4;

export const paperSizes: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: 595.28, height: 841.89 },
  A3: { width: 841.89, height: 1190.55 },
};

export interface TypeStyle {
  margin: number;
  h1: number;
  h2: number;
  h3: number;
  body: number;
  lead: number;
  note: number;
  big: number;
  tableText: number;
  tableHeader: number;
  count: number;
  /** The smallest body/table size text may be shrunk to before the build gives up. */
  minTableText: number;
  box: number;
  rowHeights: { compact: number; boxes: number; poster: number; posterLarge: number };
  cellPadding: number;
  lineGap: number;
}

export const typeStyles: Record<PaperSize, TypeStyle> = {
  A4: {
    margin: mm(15),
    h1: 22,
    h2: 14,
    h3: 14,
    body: 10.5,
    lead: 12,
    note: 9,
    big: 14,
    tableText: 10.5,
    tableHeader: 9,
    count: 12,
    minTableText: 8.5,
    box: mm(5.5),
    rowHeights: { compact: 18, boxes: mm(9), poster: 40, posterLarge: 70 },
    cellPadding: 5,
    lineGap: 1.5,
  },
  A3: {
    margin: mm(15),
    h1: 40,
    h2: 28,
    h3: 22,
    body: 17,
    lead: 20,
    note: 15,
    big: 26,
    tableText: 17,
    tableHeader: 15,
    count: 24,
    minTableText: 14,
    box: mm(8),
    rowHeights: { compact: 30, boxes: mm(12), poster: 42, posterLarge: 120 },
    cellPadding: 7,
    lineGap: 2,
  },
};

/** Scales every size of a style by `factor` (used to fit a fixed page), keeping the box size. */
export function scaledStyle(style: TypeStyle, factor: number): TypeStyle {
  const s = (v: number) => v * factor;
  return {
    ...style,
    h1: s(style.h1), h2: s(style.h2), h3: s(style.h3), body: s(style.body), lead: s(style.lead),
    note: s(style.note), big: s(style.big), tableText: s(style.tableText), tableHeader: s(style.tableHeader),
    count: s(style.count),
    rowHeights: {
      compact: s(style.rowHeights.compact), boxes: Math.max(style.box + 4, s(style.rowHeights.boxes)),
      poster: s(style.rowHeights.poster), posterLarge: s(style.rowHeights.posterLarge),
    },
    cellPadding: s(style.cellPadding),
  };
}
