// Draws a layout document with pdfkit into a tagged, font-embedded PDF held in memory:
// the document is set up (document.ts), its pages fitted or broken (pagination.ts), each
// block drawn by its kind's drawer (drawers.ts), and the finished file's XMP mended (xmp.ts).
import type { LayoutDocument } from '../layout/schema.js';
import { bytesOf } from './bytes.js';
import type { BoxPosition } from './context.js';
import { addPage, createPdf, infoOf, makeCtx, type PdfMeta } from './document.js';
import { drawerFor } from './drawers.js';
import { numberPages } from './page-numbers.js';
import { breakBefore, fitPages, splitPages, tailHeight } from './pagination.js';
import { scaledStyle, typeStyles } from './styles.js';
import { escapeXmpValues } from './xmp.js';

export interface RenderedPdf {
  bytes: Buffer;
  /** Where the tick boxes are, for adding form fields (fillable tests). */
  boxes: BoxPosition[];
}

/**
 * Renders the layout to PDF bytes. Each fixed page gets the largest type that fits it.
 * `boxesOnly`: where the boxes are, and no file (the scan reader's geometry): the fonts are
 * not subset and embedded, a quarter of a test's rendering; `bytes` is then empty.
 */
export async function renderPdf(
  layout: LayoutDocument,
  meta: PdfMeta,
  options: { boxesOnly?: boolean } = {},
): Promise<RenderedPdf> {
  const doc = createPdf(layout, meta);
  const bytes = bytesOf(doc);
  const flow = layout.pages === 'flow';
  const pages = splitPages(layout.blocks);
  const fits = fitPages(pages, layout, meta, doc);
  const ctx = makeCtx(doc, typeStyles[layout.paper], layout, meta, doc.struct('Document'));
  doc.addStructure(ctx.root);
  pages.forEach((blocks, i) => {
    ctx.style = scaledStyle(typeStyles[layout.paper], fits[i].scale);
    ctx.grow = fits[i].grow;
    addPage(ctx, layout);
    blocks.forEach((block, b) => {
      if (flow) {
        breakBefore(blocks, b, ctx);
        ctx.tail = tailHeight(blocks, b, ctx);
      }
      drawerFor(block).draw(block, ctx);
    });
  });
  // A page with a page code (bottom centre) has its number at the left, clear of the code.
  const coded = layout.blocks.some((b) => b.kind === 'registration');
  if (layout.pageLabel)
    numberPages(doc, layout.pageLabel, layout.paper, coded ? 'left' : 'center', layout.pagesPerCopy);
  if (options.boxesOnly) return { bytes: Buffer.alloc(0), boxes: ctx.boxes };
  ctx.root.end();
  doc.end();
  const { Title, Author, Subject } = infoOf(layout, meta);
  return { bytes: escapeXmpValues(await bytes, [Title, Author, Subject]), boxes: ctx.boxes };
}
