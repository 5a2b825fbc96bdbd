// Step 2 of a pre-filled group poster: per statement one 100 % stacked bar of the answer
// categories with the counts in it (counts at the sheet's count size, ≥ 20 pt on A3), so all
// 20 statements go on the one sheet with step 1. The most-answered category of each
// statement is framed heavily, so the tendency reads without colour; a category nobody
// chose has no segment. Tagged Table: per statement a TR with the statement (TH, Scope Row)
// and its answers (TD, the counts in category order); theme rows span the table.
import type { StatementBarsBlock } from '../../layout/schema.js';
import { addText, drawArtifact, noteSize, textHeight, type Ctx, type StructElement } from '../context.js';
import type { BlockDrawer } from './block.js';
import {
  cellElement,
  cellText,
  cellTextAt,
  cellTextHeight,
  compareHeaderText as headerText,
  fillRect,
  headerFill,
  drawThemeRow,
  markFrame,
  themeRowHeight,
  strokeRect,
} from './cells.js';
import { categoryGreys, stackedBar, textOn } from './compare-parts.js';

type Row = StatementBarsBlock['sections'][number]['rows'][number];

const countText = (ctx: Ctx) => ({ font: 'bold' as const, size: ctx.style.count });

/** n, statement, bar, unanswered: the statement gets what the others do not need. */
function geometry(ctx: Ctx, block?: StatementBarsBlock) {
  const total = ctx.frame.right - ctx.frame.left;
  ctx.doc.font('regular').fontSize(cellText(ctx).size);
  const n = ctx.doc.widthOfString('20.') + 2 * ctx.style.cellPadding;
  // Rows that are not statements (the dialogue poster's groups) have short labels: the bars get most of the width.
  const labelsOnly = block?.sections.every((s) => s.rows.every((r) => r.n === undefined)) ?? false;
  const bar = total * (labelsOnly ? 0.62 : 0.38);
  ctx.doc.font(headerText(ctx).font).fontSize(headerText(ctx).size);
  const unanswered = (block ? ctx.doc.widthOfString(block.header.unanswered) : 0) + 2 * ctx.style.cellPadding;
  const widths = [n, total - n - bar - unanswered, bar, unanswered];
  const xs = widths.map((_, i) => ctx.frame.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  return { xs, widths };
}

const barHeight = (ctx: Ctx) => countText(ctx).size;

function rowHeight(block: StatementBarsBlock, row: Row, ctx: Ctx, note = false): number {
  const { widths } = geometry(ctx, block);
  // Half the usual padding above and below: twenty statements share the sheet with step 1.
  const text = cellTextHeight(ctx, row.text, cellText(ctx), widths[1]) - ctx.style.cellPadding;
  if (note) noteSize(ctx, row.text, row.source, text);
  return Math.max(text, barHeight(ctx) + markFrame + ctx.style.cellPadding * 0.4);
}

const headerHeight = (block: StatementBarsBlock, ctx: Ctx) => {
  const { widths } = geometry(ctx, block);
  const w = widths[2] / block.categories.length;
  return Math.max(
    cellTextHeight(ctx, block.header.statement, headerText(ctx), widths[0] + widths[1]),
    ...block.categories.map(
      (c) => textHeight(ctx.doc, c, headerText(ctx), w, ctx.style.lineGap) + ctx.style.cellPadding,
    ),
  );
};

/** The header row: the statement column's header, and over the bars the categories in their greys (the key). */
function drawHeader(block: StatementBarsBlock, ctx: Ctx, table: StructElement): void {
  const { xs, widths } = geometry(ctx, block);
  const h = headerHeight(block, ctx);
  const y = ctx.y;
  const tr = ctx.doc.struct('TR');
  table.add(tr);
  fillRect(ctx, xs[0], y, widths[0] + widths[1], h, headerFill);
  strokeRect(ctx, xs[0], y, widths[0] + widths[1], h);
  const th = cellElement(ctx, tr, 'TH', { scope: 'Column' });
  cellTextAt(ctx, th, block.header.statement, headerText(ctx), xs[0], y, widths[0] + widths[1], h);
  th.end();
  const answers = cellElement(ctx, tr, 'TH', { scope: 'Column' });
  const greys = categoryGreys(block.categories.length);
  const w = widths[2] / block.categories.length;
  block.categories.forEach((category, c) => {
    const x = xs[2] + c * w;
    fillRect(ctx, x, y, w, h, greys[c]);
    const text = c < block.categories.length - 1 ? `${category} ` : category;
    // The full width of its part, unpadded: a label as long as "Sjældent" stays on one line.
    const style = { ...headerText(ctx), font: 'regular' as const, color: textOn(greys[c]), align: 'center' as const };
    const th = textHeight(ctx.doc, text, style, w, ctx.style.lineGap);
    addText(ctx, answers, text, style, x, y + (h - th) / 2, w);
  });
  answers.end();
  strokeRect(ctx, xs[2], y, widths[2], h);
  fillRect(ctx, xs[3], y, widths[3], h, headerFill);
  strokeRect(ctx, xs[3], y, widths[3], h);
  const none = cellElement(ctx, tr, 'TH', { scope: 'Column' });
  cellTextAt(ctx, none, block.header.unanswered, { ...headerText(ctx), align: 'center' }, xs[3], y, widths[3], h);
  none.end();
  tr.end();
  ctx.y += h;
}

/** The bar: a segment per chosen category with its count; the most-answered framed heavily. */
function drawBar(
  ctx: Ctx,
  element: StructElement,
  counts: readonly number[],
  x: number,
  y: number,
  w: number,
  h: number,
) {
  // Room for the frame inside a segment as narrow as its count.
  const room = 2 * ctx.style.cellPadding + markFrame;
  const widths = stackedBar(ctx, element, counts, x, y, w, h, { style: countText(ctx), room });
  const most = Math.max(...counts);
  if (most === 0) return;
  // The most-answered category (each, when tied): a heavy black frame, readable without grey.
  let left = x;
  counts.forEach((count, c) => {
    if (count === most) {
      const at = left;
      // Around the segment, half of it on the white of the row: it stands out on the
      // lightest and the darkest grey alike.
      drawArtifact(ctx, () =>
        ctx.doc
          .lineWidth(markFrame)
          .strokeColor('#000000')
          .rect(at - 1, y - markFrame / 2, widths[c] + 2, h + markFrame)
          .stroke(),
      );
    }
    left += widths[c];
  });
}

function drawRow(block: StatementBarsBlock, row: Row, ctx: Ctx, table: StructElement): void {
  const { xs, widths } = geometry(ctx, block);
  const h = rowHeight(block, row, ctx);
  const y = ctx.y;
  const pad = ctx.style.cellPadding;
  const tr = ctx.doc.struct('TR');
  table.add(tr);
  const th = cellElement(ctx, tr, 'TH', { scope: 'Row' });
  cellTextAt(
    ctx,
    th,
    row.n === undefined ? '' : `${row.n}.`,
    { ...cellText(ctx), align: 'right' },
    xs[0],
    y,
    widths[0],
    h,
  );
  cellTextAt(ctx, th, row.text, cellText(ctx), xs[1], y, widths[1], h);
  th.end();
  const td = cellElement(ctx, tr, 'TD');
  const bh = barHeight(ctx);
  drawBar(ctx, td, row.counts, xs[2] + pad, y + (h - bh) / 2, widths[2] - 2 * pad, bh);
  td.end();
  // Unanswered: quiet (regular, grey) when none, like a zero elsewhere.
  const none = cellElement(ctx, tr, 'TD');
  const quiet = row.unanswered === 0;
  cellTextAt(
    ctx,
    none,
    String(row.unanswered),
    { ...cellText(ctx, !quiet), align: 'center', ...(quiet ? { color: '#767676' } : {}) },
    xs[3],
    y,
    widths[3],
    h,
  );
  none.end();
  tr.end();
  drawArtifact(ctx, () => {
    ctx.doc.lineWidth(0.75).strokeColor('#000000');
    ctx.doc.rect(xs[0], y, widths[0] + widths[1], h).stroke();
    ctx.doc.rect(xs[2], y, widths[2], h).stroke();
    ctx.doc.rect(xs[3], y, widths[3], h).stroke();
  });
  ctx.y += h;
}

export const statementBars: BlockDrawer<StatementBarsBlock> = {
  measure(block, ctx) {
    let h = headerHeight(block, ctx);
    for (const section of block.sections) {
      h += themeRowHeight(ctx, section.title, true);
      for (const row of section.rows) h += rowHeight(block, row, ctx, true);
    }
    return h;
  },
  draw(block, ctx) {
    const table = ctx.doc.struct('Table', block.summary ? { title: block.summary } : {});
    ctx.root.add(table);
    drawHeader(block, ctx, table);
    for (const section of block.sections) {
      drawThemeRow(ctx, table, section.title, 3, true);
      for (const row of section.rows) drawRow(block, row, ctx, table);
    }
    table.end();
  },
};
