// Draws a layout document with pdfkit into a tagged, font-embedded PDF held in memory.
// Fixed documents (tests, posters) are measured first and shrunk within limits so every
// page fits; if a page still cannot fit, the build stops naming the content to shorten.
import PDFDocument from 'pdfkit';
import type { Block, LayoutDocument } from '../layout/types.js';
import { UserError } from '../errors.js';
import type { BoxPosition, Ctx, Pdf } from './context.js';
import { loadFonts } from './fonts.js';
import { paperSizes, scaledStyle, typeStyles, type TypeStyle } from './styles.js';
import type { BlockDrawer } from './blocks/block.js';
import { heading, paragraph, spacer } from './blocks/text.js';
import { list } from './blocks/list.js';
import { table } from './blocks/table.js';

export interface PdfMeta {
  language: string;
  author: string;
  /** Fixed, so the same input gives byte-identical files. */
  date: Date;
  /** The output file name, used in messages. */
  name: string;
}

/** The drawer for each block kind: adding a kind is one entry here and one file. */
const drawers: { [K in Block['kind']]: BlockDrawer<Extract<Block, { kind: K }>> | null } = {
  heading,
  paragraph,
  list,
  table,
  spacer,
  pageBreak: null, // handled by the page loop
};

function drawerFor(block: Block): BlockDrawer<Block> {
  const drawer = drawers[block.kind] as BlockDrawer<Block> | null | undefined;
  if (!drawer) throw new Error(`layout: unknown block kind "${block.kind}"`);
  return drawer;
}

/** Splits the blocks at page breaks. */
function splitPages(blocks: Block[]): Block[][] {
  const pages: Block[][] = [[]];
  for (const block of blocks) {
    if (block.kind === 'pageBreak') pages.push([]);
    else pages[pages.length - 1].push(block);
  }
  return pages;
}

function createPdf(layout: LayoutDocument, meta: PdfMeta): Pdf {
  const fonts = loadFonts();
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: layout.paper,
    margin: 0,
    tagged: true,
    lang: meta.language,
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: layout.title,
      Author: meta.author,
      Subject: layout.subject ?? layout.title,
      Creator: 'mus-materialer',
      Producer: 'mus-materialer (pdfkit)',
      CreationDate: meta.date,
      ModDate: meta.date,
    },
  } as PDFKit.PDFDocumentOptions);
  for (const [name, font] of Object.entries(fonts)) doc.registerFont(name, font as never);
  return doc;
}

/**
 * The drawing context. `root` is the tagged Document element; measuring passes none, as
 * every structure element becomes a PDF object that must be ended before the file closes.
 */
function makeCtx(doc: Pdf, style: TypeStyle, layout: LayoutDocument, fixed: boolean, root?: Ctx['root']): Ctx {
  const { width, height } = paperSizes[layout.paper];
  const frame = { left: style.margin, right: width - style.margin, top: style.margin, bottom: height - style.margin };
  const ctx: Ctx = {
    doc, style, frame, y: frame.top, root: root as Ctx['root'],
    page: -1,
    boxes: [],
    newPage: () => {
      // A fixed page was measured to fit: running over is a renderer bug, not a user error.
      if (fixed) throw new Error('layout: a fixed page overflowed after it was measured to fit');
      addPage(ctx, layout);
    },
  };
  return ctx;
}

function addPage(ctx: Ctx, layout: LayoutDocument): void {
  ctx.doc.addPage({ size: layout.paper, margin: 0 });
  ctx.page += 1;
  ctx.y = ctx.frame.top;
}

function pageHeight(blocks: Block[], ctx: Ctx): number {
  ctx.y = ctx.frame.top;
  let total = 0;
  for (const block of blocks) {
    const h = drawerFor(block).measure(block, ctx);
    total += h;
    ctx.y += h; // measurement of headings depends on being at the top of the page
  }
  ctx.y = ctx.frame.top;
  return total;
}

/** The largest scale (1 or less, down to the style's minimum) at which one fixed page fits. */
function fitScale(blocks: Block[], pageNumber: number, layout: LayoutDocument, meta: PdfMeta, doc: Pdf): number {
  const base = typeStyles[layout.paper];
  const minimum = base.minTableText / base.tableText;
  let last: Ctx | undefined;
  for (let scale = 1; scale >= minimum - 1e-9; scale -= 0.025) {
    const ctx = makeCtx(doc, scaledStyle(base, scale), layout, true);
    if (pageHeight(blocks, ctx) <= ctx.frame.bottom - ctx.frame.top) return scale;
    last = ctx;
  }
  const where = `page ${pageNumber} of ${meta.name} (${layout.paper})`;
  // Sources read "content/da/udsagn.yaml:24 statement 8 …": file, line, then the item.
  const culprit = /^(.*?):(\d+) (.*)$/s.exec(last?.largest?.source ?? '');
  if (!culprit) {
    const what = last?.largest?.source ? `${last.largest.source} ` : 'the content ';
    throw new UserError({ file: meta.name, message: `${what}does not fit on ${where}` });
  }
  throw new UserError({ file: culprit[1], line: Number(culprit[2]), field: culprit[3], message: `is too long for ${where}; shorten it` });
}

export interface RenderedPdf {
  bytes: Buffer;
  /** Where the tick boxes are, for adding form fields (fillable tests). */
  boxes: BoxPosition[];
}

/** Renders the layout to PDF bytes. Each fixed page gets the largest type that fits it. */
export async function renderPdf(layout: LayoutDocument, meta: PdfMeta): Promise<RenderedPdf> {
  const doc = createPdf(layout, meta);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const fixed = layout.pages === 'fixed';
  const pages = splitPages(layout.blocks);
  const scales = pages.map((blocks, i) => (fixed ? fitScale(blocks, i + 1, layout, meta, doc) : 1));
  const ctx = makeCtx(doc, typeStyles[layout.paper], layout, fixed, doc.struct('Document'));
  doc.addStructure(ctx.root);
  pages.forEach((blocks, i) => {
    ctx.style = scaledStyle(typeStyles[layout.paper], scales[i]);
    addPage(ctx, layout);
    for (const block of blocks) {
      const drawer = drawerFor(block);
      // Flow documents keep a block together, and a heading with what follows it.
      if (!fixed && ctx.y > ctx.frame.top && block.kind !== 'table' && block.kind !== 'list') {
        const keepWithNext = block.kind === 'heading' ? ctx.style.body * 4 : 0;
        if (ctx.y + drawer.measure(block, ctx) + keepWithNext > ctx.frame.bottom) ctx.newPage();
      }
      drawer.draw(block, ctx);
    }
  });
  ctx.root.end();
  doc.end();
  return { bytes: await done, boxes: ctx.boxes };
}
