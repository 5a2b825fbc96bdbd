// Draws a layout document with pdfkit into a tagged, font-embedded PDF held in memory.
// Fixed documents (tests, posters) are measured first and shrunk within limits so every
// page fits; if a page still cannot fit, the build stops naming the content to shorten.
import PDFDocument from 'pdfkit';
import type { Block, LayoutDocument, TableBlock } from '../layout/schema.js';
import { tooLong, type BoxPosition, type Ctx, type Pdf } from './context.js';
import { registerFonts } from './fonts.js';
import { numberPages } from './page-numbers.js';
import { escapeXmpValues } from './xmp.js';
import { paperSizes, scaledStyle, typeStyles, type TypeStyle } from './styles.js';
import type { BlockDrawer } from './blocks/block.js';
import { heading, paragraph, spacer } from './blocks/text.js';
import { list } from './blocks/list.js';
import { rowCount, table } from './blocks/table.js';
import { compareBands } from './blocks/compare-bands.js';
import { compareStatements } from './blocks/compare-statements.js';
import { registration } from './registration.js';

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
  registration,
  pageBreak: null, // handled by the page loop
  compareBands,
  compareStatements,
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
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: layout.paper,
    margin: 0,
    // No default font: pdfkit would load Helvetica and write it into the file, unused;
    // every document sets its own fonts before drawing text.
    font: null,
    // PDF/UA-1: tagged, with the title shown in the window title and the language set.
    subset: 'PDF/UA',
    tagged: true,
    lang: meta.language,
    displayTitle: true,
    pdfVersion: '1.7',
    bufferPages: true, // page numbers are drawn once the page count is known (page-numbers.ts)
    info: infoOf(layout, meta),
  } as unknown as PDFKit.PDFDocumentOptions);
  registerFonts(doc);
  return doc;
}

function infoOf(layout: LayoutDocument, meta: PdfMeta) {
  return {
    Title: layout.title,
    Author: meta.author,
    Subject: layout.subject ?? layout.title,
    Creator: 'mus-materialer',
    Producer: 'mus-materialer (pdfkit)',
    CreationDate: meta.date,
    ModDate: meta.date,
  };
}

/** The whole file pdfkit writes, once the document is ended. */
export function bytesOf(doc: Pdf): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/**
 * The drawing context. `root` is the tagged Document element; measuring passes none, as
 * every structure element becomes a PDF object that must be ended before the file closes.
 */
function makeCtx(doc: Pdf, style: TypeStyle, layout: LayoutDocument, meta: PdfMeta, root?: Ctx['root']): Ctx {
  const { width, height } = paperSizes[layout.paper];
  const frame = { left: style.margin, right: width - style.margin, top: style.margin, bottom: height - style.margin };
  const fixed = layout.pages === 'fixed';
  const ctx: Ctx = {
    doc,
    style,
    frame,
    y: frame.top,
    root: root as Ctx['root'],
    page: -1,
    boxes: [],
    where: { file: meta.name, paper: layout.paper },
    grow: new Map(),
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

/** How a fixed page is drawn: the type scale, and how much growing tables' rows grow. */
interface PageFit {
  scale: number;
  grow: Map<TableBlock, number>;
}

/**
 * The largest scale (1 or less, down to the style's minimum) at which one fixed page fits.
 * A page that does not fit even at the minimum stops the build, naming the content item
 * that needs the most room.
 */
function fitScale(blocks: Block[], pageNumber: number, layout: LayoutDocument, meta: PdfMeta, doc: Pdf): number {
  const base = typeStyles[layout.paper];
  const minimum = base.minTableText / base.tableText;
  let last: Ctx | undefined;
  for (let scale = 1; scale >= minimum - 1e-9; scale -= 0.025) {
    const ctx = makeCtx(doc, scaledStyle(base, scale), layout, meta);
    if (pageHeight(blocks, ctx) <= ctx.frame.bottom - ctx.frame.top) return scale;
    last = ctx;
  }
  const where = { file: meta.name, paper: layout.paper, page: pageNumber };
  // A word that widened its column took the room the tallest text lacked: it is the one to shorten.
  const culprit = last?.widened ?? last?.largest;
  const detail = last?.widened
    ? `: a word in it needs its column ${last.widened.factor.toFixed(1)} times as wide, even at the smallest type (${base.minTableText} pt)`
    : ` even at the smallest type (${base.minTableText} pt)`;
  throw tooLong(where, culprit?.text, culprit?.source, detail);
}

/**
 * How each fixed page is drawn. All pages of a document share one type scale (the sheets of
 * a test or poster look alike); tables that may grow take up the room left on their page.
 */
function fitPages(pages: Block[][], layout: LayoutDocument, meta: PdfMeta, doc: Pdf): PageFit[] {
  const scale = Math.min(...pages.map((blocks, i) => fitScale(blocks, i + 1, layout, meta, doc)));
  return pages.map((blocks) => {
    const ctx = makeCtx(doc, scaledStyle(typeStyles[layout.paper], scale), layout, meta);
    const room = ctx.frame.bottom - ctx.frame.top - pageHeight(blocks, ctx);
    return { scale, grow: growth(blocks, room, ctx) };
  });
}

/**
 * Shares out the room left on a page among the rows of tables that may grow: the same
 * extra height for every row, up to `grow` times the table's normal row height.
 */
function growth(blocks: Block[], room: number, ctx: Ctx): Map<TableBlock, number> {
  const growing = blocks.filter((b): b is TableBlock => b.kind === 'table' && (b.grow ?? 0) > 0);
  const rows = growing.reduce((sum, b) => sum + rowCount(b), 0);
  const each = rows > 0 ? Math.max(0, room) / rows : 0;
  return new Map(growing.map((b) => [b, Math.min(each, (b.grow ?? 0) * ctx.style.rowHeights[b.rows])]));
}

/** A section that is at most this share of a page is never split across pages. */
const keepWhole = 0.25;

/** The height of blocks[from..to) drawn one after the other from the current y. */
function runHeight(blocks: Block[], from: number, to: number, ctx: Ctx): number {
  const start = ctx.y;
  let total = 0;
  for (let i = from; i < to; i++) {
    const h = drawerFor(blocks[i]).measure(blocks[i], ctx);
    total += h;
    ctx.y += h;
  }
  ctx.y = start;
  return total;
}

/**
 * The room a flow block needs at the bottom of a page before it is started there: all of a
 * paragraph; for a heading, its whole section when that is short (a checklist step stays
 * together), else the heading with the start of what follows, so no heading is left alone
 * at the foot of a page. Tables and lists break between rows and items.
 */
function keepHeight(blocks: Block[], i: number, ctx: Ctx): number {
  const block = blocks[i];
  if (block.kind === 'table' || block.kind === 'list') return 0;
  if (block.kind !== 'heading') return drawerFor(block).measure(block, ctx);
  let end = i + 1;
  while (end < blocks.length && blocks[end].kind !== 'pageBreak') {
    const next = blocks[end];
    if (next.kind === 'heading' && next.level <= block.level) break;
    end++;
  }
  const section = runHeight(blocks, i, end, ctx);
  if (section <= keepWhole * (ctx.frame.bottom - ctx.frame.top)) return section;
  const own = drawerFor(block).measure(block, ctx);
  const next = blocks[i + 1];
  if (!next || next.kind === 'pageBreak') return own;
  if (next.kind === 'heading') return own + keepHeight(blocks, i + 1, ctx);
  // A section's introduction (paragraphs up to the next heading) stays with that heading too:
  // a title, its summary and the first phase go onto the page together.
  let after = i + 1;
  while (blocks[after]?.kind === 'paragraph') after++;
  if (after > i + 1 && blocks[after]?.kind === 'heading') {
    const intro = runHeight(blocks, i + 1, after, ctx);
    if (intro <= keepWhole * (ctx.frame.bottom - ctx.frame.top)) return own + intro + keepHeight(blocks, after, ctx);
  }
  if (next.kind === 'list') return own + drawerFor(next).measure({ ...next, items: next.items.slice(0, 1) }, ctx);
  return own + Math.min(drawerFor(next).measure(next, ctx), ctx.style.body * 4);
}

export interface RenderedPdf {
  bytes: Buffer;
  /** Where the tick boxes are, for adding form fields (fillable tests). */
  boxes: BoxPosition[];
}

/** Renders the layout to PDF bytes. Each fixed page gets the largest type that fits it. */
export async function renderPdf(layout: LayoutDocument, meta: PdfMeta): Promise<RenderedPdf> {
  const doc = createPdf(layout, meta);
  const bytes = bytesOf(doc);
  const fixed = layout.pages === 'fixed';
  const pages = splitPages(layout.blocks);
  const fits = fixed
    ? fitPages(pages, layout, meta, doc)
    : pages.map(() => ({ scale: 1, grow: new Map<TableBlock, number>() }));
  const ctx = makeCtx(doc, typeStyles[layout.paper], layout, meta, doc.struct('Document'));
  doc.addStructure(ctx.root);
  pages.forEach((blocks, i) => {
    ctx.style = scaledStyle(typeStyles[layout.paper], fits[i].scale);
    ctx.grow = fits[i].grow;
    addPage(ctx, layout);
    blocks.forEach((block, b) => {
      if (!fixed) {
        const needed = keepHeight(blocks, b, ctx);
        if (needed > 0 && ctx.y + needed > ctx.frame.bottom) {
          const own = block.kind === 'heading' || block.kind === 'paragraph' ? block : undefined;
          if (drawerFor(block).measure(block, ctx) > ctx.frame.bottom - ctx.frame.top) {
            throw tooLong(ctx.where, own?.text, own?.source);
          }
          if (ctx.y > ctx.frame.top + 0.5) ctx.newPage();
        }
      }
      drawerFor(block).draw(block, ctx);
    });
  });
  // A page with a page code (bottom centre) has its number at the left, clear of the code.
  const coded = layout.blocks.some((b) => b.kind === 'registration');
  if (layout.pageLabel) numberPages(doc, layout.pageLabel, layout.paper, coded ? 'left' : 'center');
  ctx.root.end();
  doc.end();
  const { Title, Author, Subject } = infoOf(layout, meta);
  return { bytes: escapeXmpValues(await bytes, [Title, Author, Subject]), boxes: ctx.boxes };
}
