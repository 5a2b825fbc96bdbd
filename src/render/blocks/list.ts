// Lists: bullets, numbers, or a tick box per item (the facilitation checklist).
// Tagged L > LI > (Lbl) LBody; a tick box is decoration (an artifact), as on paper.
import type { ListBlock } from '../../layout/schema.js';
import {
  addText,
  drawArtifact,
  ensureRoom,
  noteSize,
  textHeight,
  width,
  type Ctx,
  type StructElement,
  type TextStyle,
} from '../context.js';
import type { BlockDrawer } from './block.js';

const itemStyle = (ctx: Ctx): TextStyle => ({ font: 'regular', size: ctx.style.body });

function labelWidth(block: ListBlock, ctx: Ctx): number {
  return block.style === 'check' ? ctx.style.box + ctx.style.body * 0.9 : ctx.style.body * 1.6;
}

/** Where the first line of an item's text starts: centred on the tick box when there is one. */
function textOffset(block: ListBlock, ctx: Ctx): number {
  return block.style === 'check' ? Math.max(0, (ctx.style.box - ctx.style.body * 1.2) / 2) : 0;
}

function itemHeight(block: ListBlock, item: string, ctx: Ctx): number {
  const text =
    textOffset(block, ctx) +
    textHeight(ctx.doc, item, itemStyle(ctx), width(ctx.frame) - labelWidth(block, ctx), ctx.style.lineGap);
  const minimum = block.style === 'check' ? ctx.style.box + 1 : 0;
  return Math.max(text, minimum) + ctx.style.body * (block.style === 'check' ? 0.55 : 0.45);
}

function measureItems(block: ListBlock, items: string[], ctx: Ctx): number {
  return items.reduce((sum, item) => {
    const h = itemHeight(block, item, ctx);
    noteSize(ctx, item, undefined, h);
    return sum + h;
  }, 0);
}

/**
 * The two columns of a two-column list: the items in order, split where the taller column is
 * lowest (long items and short ones balance by height, not by count).
 */
function halves(block: ListBlock, ctx: Ctx): [string[], string[]] {
  const heights = inColumn(ctx, 0, () => block.items.map((item) => itemHeight(block, item, ctx)));
  const total = heights.reduce((a, b) => a + b, 0);
  let best = Math.ceil(block.items.length / 2);
  let bestHeight = Number.POSITIVE_INFINITY;
  let left = 0;
  for (let split = 0; split <= heights.length; split++) {
    const taller = Math.max(left, total - left);
    if (taller < bestHeight) [best, bestHeight] = [split, taller];
    left += heights[split] ?? 0;
  }
  return [block.items.slice(0, best), block.items.slice(best)];
}

/** Runs `f` with the frame narrowed to one column (items measure and draw within the frame). */
function inColumn<T>(ctx: Ctx, column: 0 | 1, f: () => T): T {
  const full = ctx.frame;
  const gap = ctx.style.body * 1.5;
  const half = (width(full) - gap) / 2;
  ctx.frame = column === 0 ? { ...full, right: full.left + half } : { ...full, left: full.left + half + gap };
  try {
    return f();
  } finally {
    ctx.frame = full;
  }
}

function measure(block: ListBlock, ctx: Ctx): number {
  const items =
    block.columns === 2
      ? Math.max(
          ...halves(block, ctx).map((items, c) => inColumn(ctx, c as 0 | 1, () => measureItems(block, items, ctx))),
        )
      : measureItems(block, block.items, ctx);
  return items + ctx.style.body * 0.3;
}

export const list: BlockDrawer<ListBlock> = {
  measure,
  splits: true,
  lead: (block, ctx) => measure({ ...block, items: block.items.slice(0, 1) }, ctx),
  draw(block, ctx) {
    const listElement = ctx.doc.struct('L');
    ctx.root.add(listElement);
    if (block.columns === 2) {
      // Both columns on one page: the left column's items, then the right's, from the same top.
      ensureRoom(ctx, measure(block, ctx), block.items[0] ?? '');
      const top = ctx.y;
      const [left, right] = halves(block, ctx);
      inColumn(ctx, 0, () => drawItems(block, left, 0, ctx, listElement));
      const leftEnd = ctx.y;
      ctx.y = top;
      inColumn(ctx, 1, () => drawItems(block, right, left.length, ctx, listElement));
      ctx.y = Math.max(leftEnd, ctx.y);
    } else drawItems(block, block.items, 0, ctx, listElement);
    listElement.end();
    ctx.y += ctx.style.body * 0.3;
  },
};

function drawItems(block: ListBlock, items: string[], first: number, ctx: Ctx, listElement: StructElement): void {
  const { doc } = ctx;
  const indent = labelWidth(block, ctx);
  const textWidth = width(ctx.frame) - indent;
  items.forEach((item, j) => {
    const i = first + j;
    const h = itemHeight(block, item, ctx);
    ensureRoom(ctx, h + (i === block.items.length - 1 ? ctx.tail : 0), item);
    const y = ctx.y;
    const li = doc.struct('LI');
    listElement.add(li);
    if (block.style === 'check') {
      const box = ctx.style.box;
      drawArtifact(ctx, () =>
        doc
          .lineWidth(1)
          .rect(ctx.frame.left + 0.5, y + 0.5, box - 1, box - 1)
          .stroke('#000000'),
      );
    } else {
      const label = block.style === 'number' ? `${i + 1}.` : '•';
      const lbl = doc.struct('Lbl');
      li.add(lbl);
      lbl.add(() =>
        doc
          .font('bold')
          .fontSize(ctx.style.body)
          .fillColor('#000000')
          .text(label, ctx.frame.left, y, { width: indent, lineBreak: false }),
      );
      lbl.end();
    }
    const body = doc.struct('LBody');
    li.add(body);
    addText(ctx, body, item, itemStyle(ctx), ctx.frame.left + indent, y + textOffset(block, ctx), textWidth);
    body.end();
    li.end();
    ctx.y += h;
  });
}
