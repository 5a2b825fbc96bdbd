// The columns of a table: their widths in proportion to the layout's, widened where a word,
// header, tick box or count would not fit, and the word to blame when one widens too far.
import type { SourceRef, TableBlock } from '../../layout/schema.js';
import { longestWordWidth, width, type Ctx } from '../context.js';
import { cellText, headerText } from './cells.js';

export interface Geometry {
  xs: number[]; // left edge of each column
  widths: number[];
  /** The word that widened its column the most, when it is more than `widenedTooFar` times. */
  widened?: Ctx['widened'];
}

/** How wide a column must be, and the text (with where it is) whose widest word asks for it. */
interface Need {
  width: number;
  text?: string;
  source?: SourceRef;
}

/** The narrowest a column can be: its widest header word, word, tick box or count must fit. */
function minimumWidths(block: TableBlock, ctx: Ctx): Need[] {
  const pad = 2 * ctx.style.cellPadding;
  const needs: Need[] = block.columns.map(() => ({ width: 0 }));
  const need = (i: number, w: number, text?: string, source?: SourceRef) => {
    if (w + pad > needs[i].width) needs[i] = { width: w + pad, text, source };
  };
  const headers = [block.header, ...block.sections.map((s) => s.header)];
  for (const cells of headers)
    cells?.forEach((text, i) =>
      need(i, longestWordWidth(ctx.doc, text, headerText(ctx)), text, block.columns[i].source),
    );
  ctx.doc.font('bold').fontSize(ctx.style.count);
  const countWidth = ctx.doc.widthOfString('000');
  for (const row of block.sections.flatMap((s) => s.rows)) {
    row.cells.forEach((cell, i) => {
      if ('text' in cell)
        need(i, longestWordWidth(ctx.doc, cell.text, cellText(ctx, cell.bold)), cell.text, cell.source);
      else if ('box' in cell) need(i, ctx.style.box);
      else if ('count' in cell) need(i, countWidth);
    });
  }
  return needs;
}

/**
 * A word that needs its column this many times as wide as the layout made it takes the room
 * the other columns' text needed: when the page then cannot fit, that word is to blame, not
 * the text that grew tall beside it.
 */
const widenedTooFar = 2;

// A table's geometry depends only on the table, the style and the frame, and a fixed page
// asks for it at every scale tried and again to draw: it is kept per document, table and
// style. Not across documents: measuring sets fonts, and the order in which a document first
// uses its fonts numbers them in the file.
const geometries = new WeakMap<
  Ctx['doc'],
  WeakMap<TableBlock, Map<Ctx['style'], Geometry & { left: number; right: number }>>
>();

export function geometry(block: TableBlock, ctx: Ctx): Geometry {
  let byBlock = geometries.get(ctx.doc);
  if (!byBlock) {
    byBlock = new WeakMap();
    geometries.set(ctx.doc, byBlock);
  }
  let byStyle = byBlock.get(block);
  if (!byStyle) {
    byStyle = new Map();
    byBlock.set(block, byStyle);
  }
  let geo = byStyle.get(ctx.style);
  if (!geo || geo.left !== ctx.frame.left || geo.right !== ctx.frame.right) {
    geo = { ...columnGeometry(block, ctx), left: ctx.frame.left, right: ctx.frame.right };
    byStyle.set(ctx.style, geo);
  }
  if (geo.widened && (!ctx.widened || geo.widened.factor > ctx.widened.factor)) ctx.widened = geo.widened;
  return geo;
}

/**
 * Column widths: in proportion to the layout's relative widths, except that a column too
 * narrow for its content is widened, taking the room from columns that have some to spare.
 */
function columnGeometry(block: TableBlock, ctx: Ctx): Geometry {
  const available = width(ctx.frame);
  const total = block.columns.reduce((sum, c) => sum + c.width, 0);
  let widths = block.columns.map((c) => (available * c.width) / total);
  const minimum = minimumWidths(block, ctx);
  const needs = minimum.map((n) => n.width);
  let widened: Geometry['widened'];
  minimum.forEach((n, i) => {
    const factor = n.width / widths[i];
    if (n.text && factor > widenedTooFar && (!widened || factor > widened.factor))
      widened = { text: n.text, source: n.source, factor };
  });
  const deficit = widths.reduce((sum, w, i) => sum + Math.max(0, needs[i] - w), 0);
  const spare = widths.map((w, i) => Math.max(0, w - needs[i]));
  const totalSpare = spare.reduce((a, b) => a + b, 0);
  if (deficit > 0 && totalSpare >= deficit) {
    widths = widths.map((w, i) => (w < needs[i] ? needs[i] : w - (deficit * spare[i]) / totalSpare));
  }
  const xs = widths.map((_, i) => ctx.frame.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  return { xs, widths, widened };
}
