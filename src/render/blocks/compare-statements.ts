// Step 2 of the comparison poster: per statement a line for each group — its stacked bar
// of the answer categories (grey steps, counts printed), how many answered and the mean —
// and the difference; the largest differences framed heavily and labelled.
// Above the table, a key to the bars' greys. Tagged Table: per statement two TR, the
// statement (TH, Scope Row) and the difference spanning both; theme rows span the table.
import type { CompareStatementRow, CompareStatementsBlock } from '../../layout/schema.js';
import {
  addText,
  drawArtifact,
  longestWordWidth,
  noteSize,
  textHeight,
  type Ctx,
  type StructElement,
} from '../context.js';
import type { BlockDrawer } from './block.js';
import type { FontName } from '../fonts.js';
import {
  cellElement,
  cellText,
  cellTextAt,
  cellTextHeight,
  compareHeaderText,
  gridColor,
  drawThemeRow,
  markFrame,
  themeRowHeight,
  strokeRect,
} from './cells.js';
import { heavyFrame } from './cells.js';
import {
  bigNumberText,
  categoryGreys,
  drawHeaderRow,
  drawLabel,
  type HeaderCell,
  headerRowHeight,
  labelSize,
  numberText,
  stackedBar,
} from './compare-parts.js';

interface Geometry {
  /** n, statement, group label, bar (with how many answered), mean, difference. */
  xs: number[];
  widths: number[];
  answeredWidth: number;
}

const textWidth = (ctx: Ctx, text: string, font: FontName, size: number) => {
  ctx.doc.font(font).fontSize(size);
  return ctx.doc.widthOfString(text);
};

/**
 * Columns sized to what they hold (numbers, group names, means, the label), the rest
 * shared by the statement text and the bars.
 */
function geometry(block: CompareStatementsBlock, ctx: Ctx): Geometry {
  const pad = 2 * ctx.style.cellPadding;
  const rows = block.sections.flatMap((s) => s.rows);
  const lines = rows.flatMap((r) => r.groups);
  const text = cellText(ctx);
  const header = compareHeaderText(ctx);
  const number = bigNumberText(ctx);
  const n = textWidth(ctx, `${Math.max(...rows.map((r) => r.n), 0)}.`, text.font, text.size) + pad + markFrame;
  const label = Math.max(0, ...lines.map((l) => textWidth(ctx, l.label, 'bold', text.size))) + pad;
  const mean =
    Math.max(
      longestWordWidth(ctx.doc, block.header.mean, header),
      ...lines.map((l) => textWidth(ctx, l.mean, 'bold', number.size)),
    ) + pad;
  const marks = rows.map((r) => (r.mark ? labelSize(ctx, r.mark).width : 0));
  const difference =
    Math.max(
      longestWordWidth(ctx.doc, block.header.difference, header),
      ...rows.map((r) => textWidth(ctx, r.difference, 'bold', number.size)),
      ...marks,
    ) + pad;
  const answeredWidth = Math.max(0, ...lines.map((l) => textWidth(ctx, l.answered, 'regular', text.size)));
  const rest = ctx.frame.right - ctx.frame.left - n - label - mean - difference;
  const widths = [n, rest * 0.5, label, rest * 0.5, mean, difference];
  const xs = widths.map((_, i) => ctx.frame.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  return { xs, widths, answeredWidth };
}

/** The height of one group's line. */
const lineHeight = (ctx: Ctx) => ctx.style.tableText * 1.35 + ctx.style.cellPadding;

function differenceHeight(row: CompareStatementRow, ctx: Ctx): number {
  const number = bigNumberText(ctx).size * 1.25;
  return 2 * ctx.style.cellPadding + number + (row.mark ? labelSize(ctx, row.mark).height + ctx.style.cellPadding : 0);
}

function rowHeight(row: CompareStatementRow, geo: Geometry, ctx: Ctx, note = false): number {
  const text = cellTextHeight(ctx, row.text, cellText(ctx), geo.widths[1]);
  if (note) noteSize(ctx, row.text, row.source, text);
  return Math.max(row.groups.length * lineHeight(ctx) + ctx.style.cellPadding, text, differenceHeight(row, ctx));
}

/** The header cells: statement over n and text, answers over group and bar, mean, difference. */
function headerCells(block: CompareStatementsBlock, geo: Geometry): HeaderCell[] {
  const { xs, widths } = geo;
  return [
    { text: block.header.statement, x: xs[0], w: widths[0] + widths[1], align: 'left' },
    { text: block.header.answers, x: xs[2], w: widths[2] + widths[3], align: 'left' },
    { text: block.header.mean, x: xs[4], w: widths[4], align: 'center' },
    { text: block.header.difference, x: xs[5], w: widths[5], align: 'center' },
  ];
}

const keyHeight = (ctx: Ctx) => lineHeight(ctx) + ctx.style.cellPadding;
const gap = (ctx: Ctx) => ctx.style.body * 0.8;

/** The key: the categories in their greys, in the bars' order, as one bar of equal parts. */
function drawKey(block: CompareStatementsBlock, ctx: Ctx): void {
  const { doc } = ctx;
  const h = lineHeight(ctx) - ctx.style.cellPadding;
  const y = ctx.y;
  const w = (ctx.frame.right - ctx.frame.left) / block.categories.length;
  const greys = categoryGreys(block.categories.length);
  const style = { ...numberText(ctx), font: 'bold' as const };
  const p = doc.struct('P');
  ctx.root.add(p);
  block.categories.forEach((category, c) => {
    const x = ctx.frame.left + c * w;
    drawArtifact(ctx, () => {
      doc.rect(x, y, w, h).fill(greys[c]);
      if (c > 0)
        doc
          .lineWidth(1.5)
          .strokeColor('#ffffff')
          .moveTo(x, y)
          .lineTo(x, y + h)
          .stroke();
    });
    const color = parseInt(greys[c].slice(1, 3), 16) < 128 ? '#ffffff' : '#000000';
    const textH = textHeight(doc, category, style, w, ctx.style.lineGap);
    addText(
      ctx,
      p,
      c < block.categories.length - 1 ? `${category} ` : category,
      { ...style, color, align: 'center' },
      x,
      y + (h - textH) / 2,
      w,
    );
  });
  p.end();
  strokeRect(ctx, ctx.frame.left, y, ctx.frame.right - ctx.frame.left, h);
  ctx.y += keyHeight(ctx);
}

function drawRow(row: CompareStatementRow, geo: Geometry, ctx: Ctx, table: StructElement): void {
  const { doc } = ctx;
  const { xs, widths } = geo;
  const pad = ctx.style.cellPadding;
  const h = rowHeight(row, geo, ctx);
  const y = ctx.y;
  const line = lineHeight(ctx);
  // The group lines sit together in the middle of the row.
  const linesTop = y + (h - row.groups.length * line) / 2;
  const number = bigNumberText(ctx);
  const text = cellText(ctx);

  row.groups.forEach((group, g) => {
    const tr = doc.struct('TR');
    table.add(tr);
    const ly = linesTop + g * line;
    if (g === 0) {
      const th = cellElement(ctx, tr, 'TH', { scope: 'Row', rowSpan: row.groups.length });
      cellTextAt(ctx, th, `${row.n}.`, { ...text, align: 'right' }, xs[0], y, widths[0], h);
      cellTextAt(ctx, th, row.text, text, xs[1], y, widths[1], h);
      th.end();
    }
    const td = cellElement(ctx, tr, 'TD');
    cellTextAt(ctx, td, group.label, { ...text, font: 'bold' }, xs[2], ly, widths[2], line);
    const barWidth = widths[3] - 3 * pad - geo.answeredWidth;
    stackedBar(ctx, td, group.counts, xs[3] + pad, ly + pad / 2, barWidth, line - pad);
    const answered = textHeight(doc, group.answered, text, geo.answeredWidth + pad, ctx.style.lineGap);
    addText(
      ctx,
      td,
      group.answered,
      text,
      xs[3] + 2 * pad + barWidth,
      ly + (line - answered) / 2,
      geo.answeredWidth + pad,
    );
    td.end();
    const mean = cellElement(ctx, tr, 'TD');
    const noMean = group.counts.every((c) => c === 0);
    cellTextAt(ctx, mean, group.mean, { ...(noMean ? text : number), align: 'center' }, xs[4], ly, widths[4], line);
    mean.end();
    if (g === 0) {
      const diff = cellElement(ctx, tr, 'TD', { rowSpan: row.groups.length });
      const content = differenceHeight(row, ctx) - 2 * pad;
      const top = y + (h - content) / 2;
      if (row.difference)
        cellTextAt(
          ctx,
          diff,
          row.difference,
          { ...number, align: 'center' },
          xs[5],
          top - pad,
          widths[5],
          number.size * 1.25 + 2 * pad,
        );
      if (row.mark) {
        const size = labelSize(ctx, row.mark);
        drawLabel(ctx, diff, row.mark, xs[5] + (widths[5] - size.width) / 2, top + number.size * 1.25 + pad);
      }
      if (!row.difference && !row.mark) diff.add(() => undefined);
      diff.end();
    }
    tr.end();
  });

  drawArtifact(ctx, () => {
    doc.lineWidth(0.75).strokeColor(gridColor);
    const cells = [
      [xs[0], widths[0] + widths[1]],
      [xs[2], widths[2] + widths[3]],
      [xs[4], widths[4]],
      [xs[5], widths[5]],
    ];
    for (const [x, w] of cells) doc.rect(x, y, w, h).stroke();
    // A hairline between the groups' lines.
    doc
      .lineWidth(0.5)
      .strokeColor('#767676')
      .moveTo(xs[2], linesTop + line)
      .lineTo(xs[5], linesTop + line)
      .stroke();
  });
  if (row.mark) heavyFrame(ctx, ctx.frame.left, y, ctx.frame.right - ctx.frame.left, h);
  ctx.y += h;
}

export const compareStatements: BlockDrawer<CompareStatementsBlock> = {
  measure(block, ctx) {
    const geo = geometry(block, ctx);
    let h = keyHeight(ctx) + headerRowHeight(ctx, headerCells(block, geo)) + gap(ctx);
    for (const section of block.sections) {
      h += themeRowHeight(ctx, section.title);
      for (const row of section.rows) h += rowHeight(row, geo, ctx, true);
    }
    return h;
  },
  draw(block, ctx) {
    const geo = geometry(block, ctx);
    drawKey(block, ctx);
    const table = ctx.doc.struct('Table', block.summary ? { title: block.summary } : {});
    ctx.root.add(table);
    drawHeaderRow(ctx, table, headerCells(block, geo));
    for (const section of block.sections) {
      drawThemeRow(ctx, table, section.title, 4);
      for (const row of section.rows) drawRow(row, geo, ctx, table);
    }
    table.end();
    ctx.y += gap(ctx);
  },
};
