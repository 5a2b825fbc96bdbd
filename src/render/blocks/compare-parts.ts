// Pieces shared by the two tables of the poster with leaders and employees side by side
// (compare-bands.ts, compare-statements.ts), beyond the table cells (cells.ts): the heavy
// frame with its label, and the stacked bar of the answer categories in grey steps with the counts.
import { drawArtifact, type Ctx, type StructElement, type TextStyle } from '../context.js';
import {
  cellElement,
  cellTextAt,
  cellTextHeight,
  compareHeaderText,
  fillRect,
  headerFill,
  strokeRect,
} from './cells.js';

/** A mark label (TENDENS, DIALOG): white, at the header cells' size. */
export const labelText = (ctx: Ctx): TextStyle => ({ ...compareHeaderText(ctx), color: '#ffffff' });
/** A number in a bar or a mean: bold, at the table's text size (≥ 14 pt on A3). */
export const numberText = (ctx: Ctx): TextStyle => ({ font: 'bold', size: ctx.style.tableText });
export const bigNumberText = (ctx: Ctx): TextStyle => ({
  font: 'bold',
  size: Math.max(ctx.style.tableText, ctx.style.count * 0.8),
});

/** Left edges and widths of columns in proportion to `relative`, across the frame. */
export function columns(ctx: Ctx, relative: number[]): { xs: number[]; widths: number[] } {
  const total = relative.reduce((a, b) => a + b, 0);
  const widths = relative.map((r) => ((ctx.frame.right - ctx.frame.left) * r) / total);
  const xs = widths.map((_, i) => ctx.frame.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  return { xs, widths };
}

/** A header cell of a comparison table: its text, left edge, width and alignment. */
export interface HeaderCell {
  text: string;
  x: number;
  w: number;
  align: 'left' | 'center';
}

export const headerRowHeight = (ctx: Ctx, cells: readonly HeaderCell[]): number =>
  Math.max(...cells.map((c) => cellTextHeight(ctx, c.text, compareHeaderText(ctx), c.w)));

/** The header row at ctx.y: grey across the frame, each cell framed and tagged TH with Scope Column. */
export function drawHeaderRow(ctx: Ctx, table: StructElement, cells: readonly HeaderCell[]): void {
  const h = headerRowHeight(ctx, cells);
  const y = ctx.y;
  fillRect(ctx, ctx.frame.left, y, ctx.frame.right - ctx.frame.left, h, headerFill);
  const tr = ctx.doc.struct('TR');
  table.add(tr);
  for (const cell of cells) {
    strokeRect(ctx, cell.x, y, cell.w, h);
    const th = cellElement(ctx, tr, 'TH', { scope: 'Column' });
    cellTextAt(ctx, th, cell.text, { ...compareHeaderText(ctx), align: cell.align }, cell.x, y, cell.w, h);
    th.end();
  }
  tr.end();
  ctx.y += h;
}

/** The size of a mark label's black box, its text on one line. */
export function labelSize(ctx: Ctx, label: string): { width: number; height: number } {
  const style = labelText(ctx);
  ctx.doc.font(style.font).fontSize(style.size);
  return { width: ctx.doc.widthOfString(label) + 2 * ctx.style.cellPadding, height: style.size * 1.6 };
}

/** A mark label: white bold text on black, with its top-left corner at (x, y). */
export function drawLabel(ctx: Ctx, element: StructElement, label: string, x: number, y: number): void {
  const { width: w, height: h } = labelSize(ctx, label);
  const style = labelText(ctx);
  fillRect(ctx, x, y, w, h, '#000000');
  element.add(() =>
    ctx.doc
      .font(style.font)
      .fontSize(style.size)
      .fillColor('#ffffff')
      .text(label, x, y + (h - style.size * 1.2) / 2, { width: w, align: 'center', lineBreak: false }),
  );
}

/**
 * The grey of each answer category, light (Aldrig) to dark (Altid), in steps far enough
 * apart to tell apart on a black-and-white printer. The bars' order and the printed counts
 * say the same, so the grey is never the only cue.
 */
export function categoryGreys(count: number): string[] {
  const lightest = 242;
  const darkest = 64;
  return Array.from({ length: count }, (_, i) => {
    const level = Math.round(count === 1 ? lightest : lightest - (i * (lightest - darkest)) / (count - 1));
    return `#${level.toString(16).padStart(2, '0').repeat(3)}`;
  });
}

/** Black text on the light greys, white on the dark ones (both well above 4.5:1). */
export const textOn = (grey: string): string => (parseInt(grey.slice(1, 3), 16) < 128 ? '#ffffff' : '#000000');

/**
 * Segment widths for the counts in a bar `w` wide: in proportion to the counts, except
 * that each answered category keeps room for its number (`least`); zero counts get none.
 */
export function segmentWidths(counts: readonly number[], w: number, least: (count: number) => number): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => 0);
  const atLeast = new Set<number>();
  for (;;) {
    const fixed = [...atLeast].reduce((sum, i) => sum + least(counts[i]), 0);
    const rest = counts.reduce((sum, c, i) => (atLeast.has(i) ? sum : sum + c), 0);
    const widths = counts.map((c, i) =>
      c === 0 ? 0 : atLeast.has(i) ? least(c) : rest > 0 ? ((w - fixed) * c) / rest : 0,
    );
    const tooNarrow = counts.findIndex((c, i) => c > 0 && !atLeast.has(i) && widths[i] < least(c));
    if (tooNarrow === -1) return widths;
    atLeast.add(tooNarrow);
  }
}

/** Where a bar's segments fall, and in what type its counts are printed. */
export interface BarOptions {
  style: TextStyle;
  /** Room around a count beyond its digits (its segment is never narrower). */
  room: number;
}

/**
 * A stacked bar: one segment per answered category in its grey, its count printed in it.
 * The counts are the element's content, in category order; a bar without answers is an
 * empty outline. Returns each category's segment width (0 for a category nobody chose).
 */
export function stackedBar(
  ctx: Ctx,
  element: StructElement,
  counts: readonly number[],
  x: number,
  y: number,
  w: number,
  h: number,
  { style, room }: BarOptions = { style: numberText(ctx), room: ctx.style.cellPadding },
): number[] {
  const { doc } = ctx;
  doc.font(style.font).fontSize(style.size);
  const widths = segmentWidths(counts, w, (count) => doc.widthOfString(String(count)) + room);
  const greys = categoryGreys(counts.length);
  if (widths.every((s) => s === 0)) {
    strokeRect(ctx, x, y, w, h, 0.75);
    element.add(() => undefined);
    return widths;
  }
  let left = x;
  counts.forEach((count, c) => {
    const sw = widths[c];
    if (sw === 0) return;
    const at = left;
    drawArtifact(ctx, () => {
      doc.rect(at, y, sw, h).fill(greys[c]);
      // A white seam between segments: two greys side by side read as two.
      if (at > x)
        doc
          .lineWidth(1.5)
          .strokeColor('#ffffff')
          .moveTo(at, y)
          .lineTo(at, y + h)
          .stroke();
    });
    element.add(() =>
      doc
        .font(style.font)
        .fontSize(style.size)
        .fillColor(textOn(greys[c]))
        // Centred on the digits (their middle is about 0.62 of the size below the text's top).
        .text(String(count), at, y + h / 2 - style.size * 0.62, {
          width: sw,
          align: 'center',
          lineBreak: false,
        }),
    );
    left += sw;
  });
  strokeRect(ctx, x, y, w, h, 0.75);
  return widths;
}
