// Headings, paragraphs and vertical space.
import type { HeadingBlock, ParagraphBlock, SpacerBlock } from '../../layout/schema.js';
import { addText, drawArtifact, noteSize, textHeight, width, type Ctx, type TextStyle } from '../context.js';
import type { BlockDrawer } from './block.js';

function headingStyle(block: HeadingBlock, ctx: Ctx): TextStyle {
  const size = [ctx.style.h1, ctx.style.h2, ctx.style.h3, ctx.style.h4][block.level - 1];
  return { font: 'bold', size };
}

/** Space above a heading, in proportion to its size; none at the top of a page. */
const spaceBefore = (block: HeadingBlock, size: number, ctx: Ctx) => {
  if (ctx.y <= ctx.frame.top + 0.5) return 0;
  return size * (block.level === 4 ? 0.45 : block.style === 'band' ? 0.9 : 0.6);
};
const spaceAfter = (block: HeadingBlock, size: number) => size * (block.style === 'band' ? 0.55 : 0.3);

/** A band heading: letter-spaced capitals on a full-width grey band. */
const bandSpacing = (size: number) => size * 0.08;
const bandPadding = (size: number) => size * 0.4;

function textBlockHeight(block: HeadingBlock, style: TextStyle, ctx: Ctx): number {
  const w = width(ctx.frame);
  if (block.style !== 'band') return textHeight(ctx.doc, block.text, style, w, ctx.style.lineGap);
  const pad = bandPadding(style.size);
  ctx.doc.font(style.font).fontSize(style.size);
  return (
    ctx.doc.heightOfString(block.text, { width: w - 2 * pad, characterSpacing: bandSpacing(style.size) }) + 2 * pad
  );
}

export const heading: BlockDrawer<HeadingBlock> = {
  measure(block, ctx) {
    const style = headingStyle(block, ctx);
    const h = textBlockHeight(block, style, ctx);
    noteSize(ctx, block.text, block.source, h);
    return spaceBefore(block, style.size, ctx) + h + spaceAfter(block, style.size);
  },
  draw(block, ctx) {
    const { doc } = ctx;
    const style = headingStyle(block, ctx);
    ctx.y += spaceBefore(block, style.size, ctx);
    const h = textBlockHeight(block, style, ctx);
    const element = doc.struct(`H${block.level}`);
    ctx.root.add(element);
    if (block.style === 'band') {
      const y = ctx.y;
      const pad = bandPadding(style.size);
      drawArtifact(ctx, () => {
        doc.rect(ctx.frame.left, y, width(ctx.frame), h).fill('#e4e4e4');
        doc.rect(ctx.frame.left, y, pad * 0.6, h).fill('#000000');
      });
      element.add(() =>
        doc
          .font(style.font)
          .fontSize(style.size)
          .fillColor('#000000')
          .text(block.text, ctx.frame.left + pad * 1.6, y + pad, {
            width: width(ctx.frame) - 2.6 * pad,
            characterSpacing: bandSpacing(style.size),
          }),
      );
    } else {
      addText(ctx, element, block.text, style, ctx.frame.left, ctx.y, width(ctx.frame));
    }
    element.end();
    ctx.y += h + spaceAfter(block, style.size);
  },
};

function paragraphStyle(block: ParagraphBlock, ctx: Ctx): TextStyle {
  const align = block.align ?? 'left';
  switch (block.style) {
    case 'lead':
      return { font: 'bold', size: ctx.style.lead, align };
    case 'note':
      return { font: 'regular', size: ctx.style.note, color: '#333333', align };
    case 'big':
      return { font: 'bold', size: ctx.style.big, align };
    default:
      return { font: 'regular', size: ctx.style.body, align };
  }
}

export const paragraph: BlockDrawer<ParagraphBlock> = {
  measure(block, ctx) {
    const style = paragraphStyle(block, ctx);
    const h = textHeight(ctx.doc, block.text, style, width(ctx.frame), ctx.style.lineGap);
    noteSize(ctx, block.text, block.source, h);
    return h + style.size * 0.5;
  },
  draw(block, ctx) {
    const style = paragraphStyle(block, ctx);
    const element = ctx.doc.struct('P');
    ctx.root.add(element);
    addText(ctx, element, block.text, style, ctx.frame.left, ctx.y, width(ctx.frame));
    element.end();
    ctx.y += textHeight(ctx.doc, block.text, style, width(ctx.frame), ctx.style.lineGap) + style.size * 0.5;
  },
};

export const spacer: BlockDrawer<SpacerBlock> = {
  measure: (block, ctx) => block.lines * ctx.style.body,
  draw(block, ctx) {
    ctx.y += block.lines * ctx.style.body;
  },
};
