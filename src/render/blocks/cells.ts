// Table cells, shared by the tables of the tests and group posters (table.ts) and the two
// tables of the comparison poster (compare-bands.ts, compare-statements.ts): the grid's
// colours, the cells' type, their tagged structure elements, and text set in a cell.
import { addText, drawArtifact, textHeight, type Ctx, type StructElement, type TextStyle } from '../context.js';

export const gridColor = '#000000';
export const headerFill = '#e4e4e4';
export const sectionFill = '#c8c8c8';
/** Line width of the heavy frame around a marked cell or row (the tendency, a dialogue starter). */
export const markFrame = 4;

export const cellText = (ctx: Ctx, bold = false): TextStyle => ({
  font: bold ? 'bold' : 'regular',
  size: ctx.style.tableText,
});

/** Header cells of the tests' and group posters' tables: they shrink with the page, as everything else. */
export const headerText = (ctx: Ctx): TextStyle => ({ font: 'bold', size: ctx.style.tableHeader });

/**
 * Header cells and labels of the comparison poster keep to the sheet's smallest text too
 * (≥ 14 pt on A3) when a page is shrunk. The tests' headers do not: their pages shrink
 * below that floor, and giving it to them would change the printed tests.
 */
export const compareHeaderText = (ctx: Ctx): TextStyle => ({
  font: 'bold',
  size: Math.max(ctx.style.minTableText, ctx.style.tableHeader),
});

export const sectionText = (ctx: Ctx): TextStyle => ({ font: 'bold', size: ctx.style.h3 });

/**
 * A table cell's structure element; header cells get their scope. Row and column spans go
 * into the element's attributes (pdfkit has no option for them).
 */
export function cellElement(
  ctx: Ctx,
  tr: StructElement,
  type: 'TD' | 'TH',
  options: { scope?: 'Column' | 'Row'; rowSpan?: number; colSpan?: number } = {},
): StructElement {
  const element = ctx.doc.struct(type, (options.scope ? { scope: options.scope } : {}) as never);
  const spans = {
    ...(options.rowSpan && options.rowSpan > 1 ? { RowSpan: options.rowSpan } : {}),
    ...(options.colSpan && options.colSpan > 1 ? { ColSpan: options.colSpan } : {}),
  };
  if (Object.keys(spans).length > 0) {
    const dictionary = (element as unknown as { dictionary: { data: { A?: Record<string, unknown> } } }).dictionary;
    dictionary.data.A = { ...dictionary.data.A, O: 'Table', ...spans };
  }
  tr.add(element);
  return element;
}

/** The height of a text set in a cell `w` wide, padding included. */
export function cellTextHeight(ctx: Ctx, text: string, style: TextStyle, w: number): number {
  return textHeight(ctx.doc, text, style, w - 2 * ctx.style.cellPadding, ctx.style.lineGap) + 2 * ctx.style.cellPadding;
}

/** Adds a text to a cell, padded, and centred vertically in the height `h`. */
export function cellTextAt(
  ctx: Ctx,
  element: StructElement,
  text: string,
  style: TextStyle,
  x: number,
  y: number,
  w: number,
  h: number,
): void {
  const pad = ctx.style.cellPadding;
  const textH = textHeight(ctx.doc, text, style, w - 2 * pad, ctx.style.lineGap);
  addText(ctx, element, text, style, x + pad, y + (h - textH) / 2, w - 2 * pad);
}

/** A rectangle's outline in the grid's colour, as decoration. */
export function strokeRect(ctx: Ctx, x: number, y: number, w: number, h: number, lineWidth = 0.75): void {
  drawArtifact(ctx, () => ctx.doc.lineWidth(lineWidth).strokeColor(gridColor).rect(x, y, w, h).stroke());
}

/** A filled rectangle, as decoration. */
export function fillRect(ctx: Ctx, x: number, y: number, w: number, h: number, color: string): void {
  drawArtifact(ctx, () => ctx.doc.rect(x, y, w, h).fill(color));
}

/**
 * A theme's row across a table of statements (a TH spanning `columns`). `tight` halves the
 * padding, for the pre-filled poster whose twenty statements share one sheet with step 1.
 */
export function themeRowHeight(ctx: Ctx, title: string, tight = false): number {
  const h = cellTextHeight(ctx, title, sectionText(ctx), ctx.frame.right - ctx.frame.left);
  return tight ? h - ctx.style.cellPadding : h;
}

export function drawThemeRow(ctx: Ctx, table: StructElement, title: string, columns: number, tight = false): void {
  const h = themeRowHeight(ctx, title, tight);
  const y = ctx.y;
  const w = ctx.frame.right - ctx.frame.left;
  fillRect(ctx, ctx.frame.left, y, w, h, sectionFill);
  strokeRect(ctx, ctx.frame.left, y, w, h);
  const tr = ctx.doc.struct('TR');
  table.add(tr);
  const th = cellElement(ctx, tr, 'TH', { scope: 'Column', colSpan: columns });
  const pad = ctx.style.cellPadding;
  addText(ctx, th, title, sectionText(ctx), ctx.frame.left + pad, y + (tight ? pad / 2 : pad), w - 2 * pad);
  th.end();
  tr.end();
  ctx.y += h;
}

/** The heavy frame of a marked area (a tendency, a dialogue starter), drawn inside it. */
export function heavyFrame(ctx: Ctx, x: number, y: number, w: number, h: number): void {
  const inset = markFrame / 2;
  drawArtifact(ctx, () =>
    ctx.doc
      .lineWidth(markFrame)
      .strokeColor('#000000')
      .rect(x + inset, y + inset, w - markFrame, h - markFrame)
      .stroke(),
  );
}
