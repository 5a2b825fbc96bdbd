// Lists: bullets, numbers, or a tick box per item (the facilitation checklist).
import type { ListBlock } from '../../layout/types.js';
import { drawArtifact, textHeight, width, type Ctx, type TextStyle } from '../context.js';
import type { BlockDrawer } from './block.js';

const itemStyle = (ctx: Ctx): TextStyle => ({ font: 'regular', size: ctx.style.body });

function labelWidth(block: ListBlock, ctx: Ctx): number {
  return block.style === 'check' ? ctx.style.box + ctx.style.body * 0.8 : ctx.style.body * 1.6;
}

function itemHeight(block: ListBlock, item: string, ctx: Ctx): number {
  const text = textHeight(ctx.doc, item, itemStyle(ctx), width(ctx.frame) - labelWidth(block, ctx), ctx.style.lineGap);
  const minimum = block.style === 'check' ? ctx.style.box + 2 : 0;
  return Math.max(text, minimum) + ctx.style.body * 0.45;
}

export const list: BlockDrawer<ListBlock> = {
  measure(block, ctx) {
    return block.items.reduce((sum, item) => sum + itemHeight(block, item, ctx), 0) + ctx.style.body * 0.3;
  },
  draw(block, ctx) {
    const { doc } = ctx;
    const indent = labelWidth(block, ctx);
    const textWidth = width(ctx.frame) - indent;
    const listElement = doc.struct('L');
    ctx.root.add(listElement);
    block.items.forEach((item, i) => {
      const h = itemHeight(block, item, ctx);
      if (ctx.y + h > ctx.frame.bottom) ctx.newPage();
      const y = ctx.y;
      const li = doc.struct('LI');
      listElement.add(li);
      if (block.style === 'check') {
        const box = ctx.style.box;
        drawArtifact(ctx, () => doc.lineWidth(1).rect(ctx.frame.left, y, box, box).stroke('#000000'));
      } else {
        const label = block.style === 'number' ? `${i + 1}.` : '•';
        const lbl = doc.struct('Lbl');
        li.add(lbl);
        lbl.add(() => doc.font('bold').fontSize(ctx.style.body).fillColor('#000000').text(label, ctx.frame.left, y, { width: indent, lineBreak: false }));
        lbl.end();
      }
      const body = doc.struct('LBody');
      li.add(body);
      const textTop = block.style === 'check' ? y + Math.max(0, (ctx.style.box - ctx.style.body * 1.2) / 2) : y;
      body.add(() => doc.font('regular').fontSize(ctx.style.body).fillColor('#000000').text(item, ctx.frame.left + indent, textTop, { width: textWidth, lineGap: ctx.style.lineGap }));
      body.end();
      li.end();
      ctx.y += h;
    });
    listElement.end();
    ctx.y += ctx.style.body * 0.3;
  },
};
