// The drawn example beside the marking rule of a paper test: a box with an X ("this is an
// answer") and a filled box next to a box with an X ("this is a corrected answer"), at the
// size of the test's own tick boxes, so the rule a scan is read by is shown, not only said.
import type { MarkExampleBlock } from '../../layout/schema.js';
import { addText, drawArtifact, textHeight, type Ctx, type TextStyle } from '../context.js';
import type { BlockDrawer } from './block.js';

const gap = (ctx: Ctx) => ctx.style.body * 0.6;
const textStyle = (ctx: Ctx): TextStyle => ({ font: 'regular', size: ctx.style.body });

/** Each example's width: its boxes, a gap, its label. */
function parts(block: MarkExampleBlock, ctx: Ctx) {
  const s = ctx.style.box;
  ctx.doc.font('regular').fontSize(ctx.style.body);
  return block.items.map((item) => {
    const boxes = item.marks.length * s + (item.marks.length - 1) * (s * 0.35);
    return { item, boxes, label: ctx.doc.widthOfString(item.label) };
  });
}

function height(_block: MarkExampleBlock, ctx: Ctx): number {
  const line = Math.max(ctx.style.box, textHeight(ctx.doc, 'X', textStyle(ctx), 1000, 0));
  return line + gap(ctx);
}

function drawBox(ctx: Ctx, x: number, y: number, mark: 'x' | 'filled' | 'empty'): void {
  const s = ctx.style.box;
  const { doc } = ctx;
  doc
    .lineWidth(1.25)
    .strokeColor('#000000')
    .rect(x + 0.625, y + 0.625, s - 1.25, s - 1.25)
    .stroke();
  if (mark === 'filled') doc.rect(x + 0.625, y + 0.625, s - 1.25, s - 1.25).fill('#000000');
  if (mark === 'x') {
    const inset = s * 0.2;
    doc
      .lineWidth(1.6)
      .lineCap('round')
      .moveTo(x + inset, y + inset)
      .lineTo(x + s - inset, y + s - inset)
      .moveTo(x + s - inset, y + inset)
      .lineTo(x + inset, y + s - inset)
      .stroke();
  }
}

export const markExample: BlockDrawer<MarkExampleBlock> = {
  measure: height,
  draw(block, ctx) {
    const s = ctx.style.box;
    const h = height(block, ctx);
    const y = ctx.y;
    const element = ctx.doc.struct('P');
    ctx.root.add(element);
    let x = ctx.frame.left;
    const style = textStyle(ctx);
    const textH = textHeight(ctx.doc, 'X', style, 1000, 0);
    for (const { item, boxes, label } of parts(block, ctx)) {
      drawArtifact(ctx, () =>
        item.marks.forEach((mark, i) => {
          drawBox(ctx, x + i * s * 1.35, y + (h - gap(ctx) - s) / 2, mark);
        }),
      );
      x += boxes + s * 0.4;
      addText(ctx, element, item.label, style, x, y + (h - gap(ctx) - textH) / 2, label + 2);
      x += label + s * 1.6;
    }
    element.end();
    ctx.y += h;
  },
};
