// One place for paper sizes, margins and type sizes. A4 is read at arm's length;
// A3 posters must be legible from across a meeting room (≥ 14 pt statements, ≥ 20 pt counts).
import type { PaperSize } from '../layout/schema.js';
import { deepFreeze } from '../freeze.js';
import { mm } from '../sheet/paper.js';

// The paper itself is shared with the scan reader (sheet/paper.ts).
export { mm, paperSizes } from '../sheet/paper.js';

/** Office printers cannot print to the edge: nothing is drawn closer to it than this. */
export const minMargin = mm(10);

/** The smallest tick box a pen can hit comfortably. */
export const minBox = mm(5);

export interface TypeStyle {
  /** Distance from every paper edge to the type area (≥ minMargin). */
  margin: number;
  h1: number;
  h2: number;
  h3: number;
  /** Step titles in the checklist. */
  h4: number;
  body: number;
  lead: number;
  note: number;
  big: number;
  tableText: number;
  tableHeader: number;
  count: number;
  /** The smallest body/table size text may be shrunk to before the build gives up. */
  minTableText: number;
  /** Counts on a pre-filled sheet never shrink below this. */
  minCount: number;
  box: number;
  rowHeights: { compact: number; write: number; boxes: number; poster: number; posterLarge: number; postIts: number };
  cellPadding: number;
  lineGap: number;
}

export const typeStyles: Record<PaperSize, TypeStyle> = {
  A4: {
    margin: mm(15),
    h1: 22,
    h2: 15,
    h3: 12.5,
    h4: 11,
    body: 10.5,
    lead: 12,
    note: 9,
    big: 14,
    tableText: 10.5,
    tableHeader: 9,
    count: 12,
    minTableText: 8.5,
    minCount: 10,
    box: mm(5.5),
    rowHeights: { compact: 18, write: mm(7.5), boxes: mm(9), poster: 40, posterLarge: 70, postIts: mm(153) },
    cellPadding: 5,
    lineGap: 1.5,
  },
  A3: {
    margin: mm(15),
    h1: 40,
    h2: 28,
    h3: 22,
    h4: 20,
    body: 17,
    lead: 20,
    note: 15,
    big: 26,
    tableText: 17,
    tableHeader: 16,
    count: 26,
    minTableText: 14,
    minCount: 20,
    box: mm(8),
    rowHeights: { compact: 30, write: mm(10), boxes: mm(12), poster: 42, posterLarge: 120, postIts: mm(153) },
    cellPadding: 7,
    lineGap: 2,
  },
};

const scaled = new WeakMap<TypeStyle, Map<number, TypeStyle>>();

/**
 * Scales every size of a style by `factor` (used to fit a fixed page). Tick boxes keep
 * their size, and statements and counts never go below their minimums.
 */
export function scaledStyle(style: TypeStyle, factor: number): TypeStyle {
  // One object per style and factor: fitting a page asks for the same few again and again,
  // and measurements (table geometry) are kept per style object.
  let byFactor = scaled.get(style);
  if (!byFactor) {
    byFactor = new Map();
    scaled.set(style, byFactor);
  }
  let result = byFactor.get(factor);
  if (!result) {
    result = deepFreeze(scale(style, factor));
    byFactor.set(factor, result);
  }
  return result;
}

function scale(style: TypeStyle, factor: number): TypeStyle {
  const s = (v: number) => v * factor;
  return {
    ...style,
    h1: s(style.h1),
    h2: s(style.h2),
    h3: s(style.h3),
    h4: s(style.h4),
    body: s(style.body),
    lead: s(style.lead),
    note: s(style.note),
    big: s(style.big),
    tableText: Math.max(style.minTableText, s(style.tableText)),
    tableHeader: s(style.tableHeader),
    count: Math.max(style.minCount, s(style.count)),
    rowHeights: {
      compact: s(style.rowHeights.compact),
      write: s(style.rowHeights.write),
      boxes: Math.max(style.box + 4, s(style.rowHeights.boxes)),
      poster: s(style.rowHeights.poster),
      posterLarge: s(style.rowHeights.posterLarge),
      postIts: style.rowHeights.postIts, // two rows of 76 mm post-its, whatever the type
    },
    cellPadding: s(style.cellPadding),
  };
}
