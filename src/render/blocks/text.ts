// Headings, paragraphs and vertical space.
import type { HeadingBlock, ParagraphBlock, SpacerBlock } from '../../layout/types.js';
import { drawTaggedText, textHeight, width, type Ctx, type TextStyle } from '../context.js';
import type { BlockDrawer } from './block.js';

function headingStyle(block: HeadingBlock, ctx: Ctx): TextStyle {
  const size = [ctx.style.h1, ctx.style.h2, ctx.style.h3][block.level - 1];
  return { font: block.level === 3 ? 'semibold' : 'bold', size };
}

/** Space above a heading, in proportion to its size; none at the top of a page. */
const spaceBefore = (size: number, ctx: Ctx) => (ctx.y <= ctx.frame.top + 0.5 ? 0 : size * 0.6);
const spaceAfter = (size: number) => size * 0.3;

export const heading: BlockDrawer<HeadingBlock> = {
  measure(block, ctx) {
    const style = headingStyle(block, ctx);
    return spaceBefore(style.size, ctx) + textHeight(ctx.doc, block.text, style, width(ctx.frame), ctx.style.lineGap) + spaceAfter(style.size);
  },
  draw(block, ctx) {
    const style = headingStyle(block, ctx);
    ctx.y += spaceBefore(style.size, ctx);
    drawTaggedText(ctx, ctx.root, `H${block.level}`, block.text, style, ctx.frame.left, ctx.y, width(ctx.frame));
    ctx.y += textHeight(ctx.doc, block.text, style, width(ctx.frame), ctx.style.lineGap) + spaceAfter(style.size);
  },
};

function paragraphStyle(block: ParagraphBlock, ctx: Ctx): TextStyle {
  switch (block.style) {
    case 'lead': return { font: 'semibold', size: ctx.style.lead };
    case 'note': return { font: 'regular', size: ctx.style.note, color: '#333333' };
    case 'big': return { font: 'bold', size: ctx.style.big };
    default: return { font: 'regular', size: ctx.style.body };
  }
}

export const paragraph: BlockDrawer<ParagraphBlock> = {
  measure(block, ctx) {
    const style = paragraphStyle(block, ctx);
    return textHeight(ctx.doc, block.text, style, width(ctx.frame), ctx.style.lineGap) + style.size * 0.5;
  },
  draw(block, ctx) {
    const style = paragraphStyle(block, ctx);
    drawTaggedText(ctx, ctx.root, 'P', block.text, style, ctx.frame.left, ctx.y, width(ctx.frame));
    ctx.y += textHeight(ctx.doc, block.text, style, width(ctx.frame), ctx.style.lineGap) + style.size * 0.5;
  },
};

export const spacer: BlockDrawer<SpacerBlock> = {
  measure: (block, ctx) => block.lines * ctx.style.body,
  draw(block, ctx) {
    ctx.y += block.lines * ctx.style.body;
  },
};
