// Step 1 of the comparison poster: a row per point band with a bar and count for each
// group, and each group's tendency marked in its own column by a heavy frame and a label.
// Tagged Table > TR > TH/TD, the band's points as the row header.
import type { CompareBandsBlock } from '../../layout/schema.js';
import { noteSize, type Ctx } from '../context.js';
import type { BlockDrawer } from './block.js';
import { cellElement, cellText, cellTextAt, cellTextHeight, fillRect, heavyFrame, strokeRect } from './cells.js';
import { columns, drawHeaderRow, type HeaderCell, headerRowHeight } from './compare-parts.js';
import { bigNumberText, drawLabel, labelSize } from './compare-parts.js';

type Row = CompareBandsBlock['rows'][number];

/** Points, sentence, then the groups. */
const relativeWidths = (groups: number) => [1.0, 3.0, ...Array.from({ length: groups }, () => 2.5)];

const geometry = (block: CompareBandsBlock, ctx: Ctx) => columns(ctx, relativeWidths(block.header.length - 2));

function headerCells(block: CompareBandsBlock, ctx: Ctx): HeaderCell[] {
  const { xs, widths } = geometry(block, ctx);
  return block.header.map((text, i) => ({ text, x: xs[i], w: widths[i], align: i === 0 ? 'center' : 'left' }));
}

function rowHeight(block: CompareBandsBlock, row: Row, ctx: Ctx, note = false): number {
  const { widths } = geometry(block, ctx);
  const sentence = cellTextHeight(ctx, row.sentence, cellText(ctx), widths[1]);
  if (note) noteSize(ctx, row.sentence, row.source, sentence);
  const label = labelSize(ctx, block.tendencyLabel).height + 2 * ctx.style.cellPadding;
  return Math.max(
    ctx.style.rowHeights.poster * 1.3,
    sentence,
    label,
    bigNumberText(ctx).size * 1.3 + 2 * ctx.style.cellPadding,
  );
}

const gap = (ctx: Ctx) => ctx.style.body * 0.8;

export const compareBands: BlockDrawer<CompareBandsBlock> = {
  measure(block, ctx) {
    return (
      headerRowHeight(ctx, headerCells(block, ctx)) +
      block.rows.reduce((sum, row) => sum + rowHeight(block, row, ctx, true), 0) +
      gap(ctx)
    );
  },
  draw(block, ctx) {
    const { doc } = ctx;
    const { xs, widths } = geometry(block, ctx);
    const pad = ctx.style.cellPadding;
    const table = doc.struct('Table', block.summary ? { title: block.summary } : {});
    ctx.root.add(table);

    drawHeaderRow(ctx, table, headerCells(block, ctx));

    const label = labelSize(ctx, block.tendencyLabel);
    const number = bigNumberText(ctx);
    doc.font(number.font).fontSize(number.size);
    const numberWidth = doc.widthOfString('0000');
    for (const row of block.rows) {
      const h = rowHeight(block, row, ctx);
      const y = ctx.y;
      const tr = doc.struct('TR');
      table.add(tr);
      const points = cellElement(ctx, tr, 'TH', { scope: 'Row' });
      cellTextAt(ctx, points, row.range, { ...cellText(ctx, true), align: 'center' }, xs[0], y, widths[0], h);
      points.end();
      const sentence = cellElement(ctx, tr, 'TD');
      cellTextAt(ctx, sentence, row.sentence, cellText(ctx), xs[1], y, widths[1], h);
      sentence.end();
      row.groups.forEach((group, g) => {
        const x = xs[2 + g];
        const w = widths[2 + g];
        const td = cellElement(ctx, tr, 'TD');
        // Every bar leaves room for the label, so bars of the same count are equally long.
        const room = w - 4 * pad - numberWidth - label.width;
        const length = Math.max(0, room * group.share);
        const barHeight = h * 0.42;
        if (length > 0) fillRect(ctx, x + pad, y + (h - barHeight) / 2, length, barHeight, '#3a3a3a');
        const numberX = x + pad + length + (length > 0 ? pad : 0);
        const style = group.count === 0 ? { ...number, font: 'regular' as const, color: '#767676' } : number;
        td.add(() =>
          doc
            .font(style.font)
            .fontSize(style.size)
            .fillColor(style.color ?? '#000000')
            .text(String(group.count), numberX, y + (h - style.size * 1.2) / 2, {
              width: numberWidth,
              lineBreak: false,
            }),
        );
        if (group.tendency)
          drawLabel(ctx, td, block.tendencyLabel, x + w - label.width - pad - 2, y + (h - label.height) / 2);
        td.end();
      });
      tr.end();
      xs.forEach((x, i) => strokeRect(ctx, x, y, widths[i], h));
      row.groups.forEach((group, g) => {
        if (group.tendency) heavyFrame(ctx, xs[2 + g], y, widths[2 + g], h);
      });
      ctx.y += h;
    }
    table.end();
    ctx.y += gap(ctx);
  },
};
