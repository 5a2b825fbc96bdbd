// Where pages end. A fixed document (tests, posters) has its pages given by the template
// (pageBreak blocks): each is measured and its type shrunk within limits until it fits, and
// a page that cannot fit stops the build naming the content to shorten. A flow document
// (the checklist) runs onto new pages as needed: before each block, what must go onto the
// page with it is measured, so a paragraph is never split and a heading the template keeps
// with what follows (keepWithNext) is not left alone at the foot of a page.
import type { Block, HeadingBlock, LayoutDocument, TableBlock } from '../layout/schema.js';
import { tooLong, type Ctx, type Pdf } from './context.js';
import { makeCtx, type PdfMeta } from './document.js';
import { drawerFor } from './drawers.js';
import { rowCount } from './blocks/table.js';
import { scaledStyle, typeStyles } from './styles.js';

/** Splits the blocks at page breaks. */
export function splitPages(blocks: Block[]): Block[][] {
  const pages: Block[][] = [[]];
  for (const block of blocks) {
    if (block.kind === 'pageBreak') pages.push([]);
    else pages[pages.length - 1].push(block);
  }
  return pages;
}

/** How a page is drawn: the type scale, and how much growing tables' rows grow. */
export interface PageFit {
  scale: number;
  grow: Map<TableBlock, number>;
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
 * How each page is drawn. Flow pages at full size. All fixed pages of a document share one
 * type scale (the sheets of a test or poster look alike); tables that may grow take up the
 * room left on their page.
 */
export function fitPages(pages: Block[][], layout: LayoutDocument, meta: PdfMeta, doc: Pdf): PageFit[] {
  if (layout.pages !== 'fixed') return pages.map(() => ({ scale: 1, grow: new Map<TableBlock, number>() }));
  const scale = Math.min(...pages.map((blocks, i) => fitScale(blocks, i + 1, layout, meta, doc)));
  const fits = pages.map((blocks) => {
    const ctx = makeCtx(doc, scaledStyle(typeStyles[layout.paper], scale), layout, meta);
    const room = ctx.frame.bottom - ctx.frame.top - pageHeight(blocks, ctx);
    return { scale, grow: growth(blocks, room, ctx) };
  });
  // Rows that are all equally tall grow alike on every page: as much as the fullest page allows.
  const even = fits.flatMap((fit) => [...fit.grow].filter(([b]) => b.evenRows).map(([, g]) => g));
  if (even.length > 0) {
    const least = Math.min(...even);
    for (const fit of fits) for (const [b] of fit.grow) if (b.evenRows) fit.grow.set(b, least);
  }
  return fits;
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

/** The template keeps this heading with what follows it (layout schema: keepWithNext). */
const keptWithNext = (block: Block): block is HeadingBlock => block.kind === 'heading' && block.keepWithNext === true;

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
 * The room a flow block needs at the bottom of a page before it is started there: none for
 * a block that splits (a table, a list: it breaks between its rows or items), all of any
 * other, and for a heading kept with what follows, its whole section when that is short (a
 * checklist step stays together), else the heading with the start of what follows: the next
 * kept heading's own need, a short introduction up to one (a title, its summary and the
 * first phase go onto the page together), the first piece of a block that splits, or up to
 * four lines of anything else.
 */
function keepHeight(blocks: Block[], i: number, ctx: Ctx): number {
  const block = blocks[i];
  const drawer = drawerFor(block);
  if (drawer.splits) return 0;
  if (!keptWithNext(block)) return drawer.measure(block, ctx);
  // The section: up to the next kept heading of the same or a higher level.
  let end = i + 1;
  while (end < blocks.length) {
    const next = blocks[end];
    if (keptWithNext(next) && next.level <= block.level) break;
    end++;
  }
  const section = runHeight(blocks, i, end, ctx);
  const page = ctx.frame.bottom - ctx.frame.top;
  if (section <= (block.keepSection ? page : keepWhole * page)) return section;
  const own = drawer.measure(block, ctx);
  const next = blocks[i + 1];
  if (!next) return own;
  if (keptWithNext(next)) return own + keepHeight(blocks, i + 1, ctx);
  // An introduction: blocks kept whole, up to the next kept heading.
  let after = i + 1;
  while (after < blocks.length && !drawerFor(blocks[after]).splits && !keptWithNext(blocks[after])) after++;
  if (after > i + 1 && after < blocks.length && keptWithNext(blocks[after])) {
    const intro = runHeight(blocks, i + 1, after, ctx);
    if (intro <= keepWhole * (ctx.frame.bottom - ctx.frame.top)) return own + intro + keepHeight(blocks, after, ctx);
  }
  const { lead } = drawerFor(next);
  if (lead) return own + lead(next, ctx);
  return own + Math.min(drawerFor(next).measure(next, ctx), ctx.style.body * 4);
}

/**
 * The closing paragraph that must not open a page alone after block `i` (see Ctx.tail): a
 * paragraph right after a block that splits, ending its section (a kept heading or the end
 * follows).
 */
export function tailHeight(blocks: Block[], i: number, ctx: Ctx): number {
  const next = blocks[i + 1];
  if (!drawerFor(blocks[i]).splits || next?.kind !== 'paragraph') return 0;
  const after = blocks[i + 2];
  if (after && !keptWithNext(after)) return 0;
  return drawerFor(next).measure(next, ctx);
}

/**
 * Before drawing block `i` of a flow page: starts a new page when what must go with it does
 * not fit below ctx.y, and stops the build when the block alone would not fit on a page.
 */
export function breakBefore(blocks: Block[], i: number, ctx: Ctx): void {
  const block = blocks[i];
  const needed = keepHeight(blocks, i, ctx);
  if (needed > 0 && ctx.y + needed > ctx.frame.bottom) {
    const own = 'text' in block ? block : undefined;
    if (drawerFor(block).measure(block, ctx) > ctx.frame.bottom - ctx.frame.top) {
      throw tooLong(ctx.where, own?.text, own?.source);
    }
    if (ctx.y > ctx.frame.top + 0.5) ctx.newPage();
  }
}
