// Tables: the statement grids of the tests, the RESULTAT box, the band table and the
// statement × category matrix of the posters. Rows are never split; in flow documents a
// table continues on the next page with its header repeated.
// Tagged Table > TR > TH/TD: header cells have Scope Column, a theme row spans the table,
// and a column marked rowHeader (the statement) is tagged TH with Scope Row.
import type { Cell, SourceRef, TableBlock, TableRow, TableSection } from '../../layout/schema.js';
import {
  addText,
  drawArtifact,
  longestWordWidth,
  tooLong,
  noteSize,
  textHeight,
  width,
  type Ctx,
  type StructElement,
  type TextStyle,
} from '../context.js';
import type { BlockDrawer } from './block.js';
import {
  cellElement,
  cellText,
  cellTextAt,
  cellTextHeight,
  fillRect,
  gridColor,
  headerFill,
  headerText,
  heavyFrame,
  markFrame,
  sectionFill,
  sectionText,
} from './cells.js';
import { geometry, type Geometry } from './table-columns.js';

const countText = (ctx: Ctx): TextStyle => ({ font: 'bold', size: ctx.style.count });
/** A count; a zero recedes (regular weight, mid grey that still reads at 4.5:1) so the answers stand out. */
const countStyle = (ctx: Ctx, count: number): TextStyle =>
  count === 0 ? { font: 'regular', size: ctx.style.count, color: '#767676' } : countText(ctx);

/** Room kept at the right of the last column for a mark label such as "TENDENS". */
function markRoom(block: TableBlock, ctx: Ctx): number {
  const label = block.sections.flatMap((s) => s.rows).find((r) => r.mark)?.mark;
  if (!label) return 0;
  ctx.doc.font('bold').fontSize(ctx.style.tableHeader);
  return ctx.doc.widthOfString(label) + ctx.style.cellPadding * 3 + markFrame;
}

/** Words may shrink this far below the cell's type size to fit a narrow column... */
const smallestWordScale = 0.7;

/** ...but never below the sheet's smallest table text (statements on A3 stay ≥ 14 pt). */
function smallestSize(ctx: Ctx, style: TextStyle): number {
  const floor = style.size >= ctx.style.tableText ? ctx.style.minTableText : ctx.style.minTableText * 0.85;
  return Math.min(style.size, Math.max(style.size * smallestWordScale, floor));
}

/**
 * The style a text cell is drawn in: its own size, or smaller when a single word would not
 * fit the column (pdfkit would break it mid-word); null when even the smallest is too wide.
 */
function fittedStyle(ctx: Ctx, text: string, style: TextStyle, w: number): TextStyle | null {
  const room = w - 2 * ctx.style.cellPadding;
  const widest = longestWordWidth(ctx.doc, text, style);
  if (widest <= room) return style;
  const size = Math.floor(((style.size * room) / widest) * 4) / 4;
  return size >= smallestSize(ctx, style) ? { ...style, size } : null;
}

function textCellHeight(ctx: Ctx, text: string, style: TextStyle, w: number, source?: SourceRef): number {
  const fitted = fittedStyle(ctx, text, style, w);
  if (!fitted) {
    noteSize(ctx, text, source, Number.POSITIVE_INFINITY);
    return Number.POSITIVE_INFINITY;
  }
  const h = cellTextHeight(ctx, text, fitted, w);
  noteSize(ctx, text, source, h);
  return h;
}

/** The PDF object number of a structure element. */
const objectNumber = (element: StructElement): number =>
  (element as unknown as { dictionary: { id: number } }).dictionary.id;

/** The style a text cell is drawn in: fitted to its column where it can be. */
const drawnStyle = (ctx: Ctx, text: string, style: TextStyle, w: number): TextStyle =>
  fittedStyle(ctx, text, style, w) ?? style;

function naturalRowHeight(block: TableBlock, row: TableRow, geo: Geometry, ctx: Ctx): number {
  let h = ctx.style.rowHeights[block.rows];
  // Equally tall rows give the shorter texts room anyway: the tallest text needs only half the padding above and below.
  const tighter = block.evenRows ? ctx.style.cellPadding : 0;
  row.cells.forEach((cell, i) => {
    if ('text' in cell)
      h = Math.max(h, textCellHeight(ctx, cell.text, cellText(ctx, cell.bold), geo.widths[i], cell.source) - tighter);
    if ('box' in cell) h = Math.max(h, ctx.style.box + 2 * ctx.style.cellPadding);
    if ('count' in cell || 'bar' in cell) h = Math.max(h, ctx.style.count * 1.3 + 2 * ctx.style.cellPadding);
  });
  return h;
}

/** The tallest row of the document's evenRows tables, per type style (a page is measured many times). */
const tallestEven = new WeakMap<readonly TableBlock[], Map<object, number>>();
function evenRowHeight(ctx: Ctx): number {
  let byStyle = tallestEven.get(ctx.evenTables);
  if (!byStyle) tallestEven.set(ctx.evenTables, (byStyle = new Map()));
  let h = byStyle.get(ctx.style);
  if (h === undefined) {
    h = 0;
    for (const block of ctx.evenTables) {
      const geo = geometry(block, ctx);
      for (const row of block.sections.flatMap((s) => s.rows)) h = Math.max(h, naturalRowHeight(block, row, geo, ctx));
    }
    byStyle.set(ctx.style, h);
  }
  return h;
}

function rowHeight(block: TableBlock, row: TableRow, geo: Geometry, ctx: Ctx): number {
  const h = naturalRowHeight(block, row, geo, ctx);
  return (block.evenRows ? Math.max(h, evenRowHeight(ctx)) : h) + (ctx.grow.get(block) ?? 0);
}

function headerHeight(cells: string[] | undefined, geo: Geometry, ctx: Ctx): number {
  if (!cells) return 0;
  return Math.max(...cells.map((text, i) => textCellHeight(ctx, text, headerText(ctx), geo.widths[i])));
}

function sectionTitleHeight(section: TableSection, ctx: Ctx): number {
  return section.title ? textCellHeight(ctx, section.title, sectionText(ctx), width(ctx.frame)) : 0;
}

/** The first rows of a section are kept with its title and header. */
function sectionLeadHeight(block: TableBlock, section: TableSection, geo: Geometry, ctx: Ctx): number {
  const first = section.rows[0] ? rowHeight(block, section.rows[0], geo, ctx) : 0;
  return sectionTitleHeight(section, ctx) + headerHeight(section.header, geo, ctx) + first;
}

/** How many rows a table has (a growing table shares the room left among them). */
export const rowCount = (block: TableBlock): number => block.sections.reduce((n, s) => n + s.rows.length, 0);

function strokeCellGrid(ctx: Ctx, geo: Geometry, y: number, h: number): void {
  drawArtifact(ctx, () => {
    const { doc } = ctx;
    doc.lineWidth(0.75).strokeColor(gridColor);
    geo.xs.forEach((x, i) => doc.rect(x, y, geo.widths[i], h).stroke());
  });
}

function drawHeaderRow(ctx: Ctx, table: StructElement, cells: string[], geo: Geometry, block: TableBlock): void {
  const h = headerHeight(cells, geo, ctx);
  const y = ctx.y;
  fillRect(ctx, ctx.frame.left, y, width(ctx.frame), h, headerFill);
  strokeCellGrid(ctx, geo, y, h);
  const tr = ctx.doc.struct('TR');
  table.add(tr);
  cells.forEach((text, i) => {
    const style = { ...headerText(ctx), align: block.columns[i].align ?? 'left' };
    const th = cellElement(ctx, tr, 'TH', { scope: 'Column' });
    cellTextAt(ctx, th, text, drawnStyle(ctx, text, style, geo.widths[i]), geo.xs[i], y, geo.widths[i], h);
    th.end();
  });
  tr.end();
  ctx.y += h;
}

function drawSectionTitle(ctx: Ctx, table: StructElement, title: string, columns: number): void {
  const h = textCellHeight(ctx, title, sectionText(ctx), width(ctx.frame));
  const y = ctx.y;
  drawArtifact(ctx, () => {
    ctx.doc.rect(ctx.frame.left, y, width(ctx.frame), h).fill(sectionFill);
    ctx.doc.lineWidth(0.75).rect(ctx.frame.left, y, width(ctx.frame), h).stroke(gridColor);
  });
  const tr = ctx.doc.struct('TR');
  table.add(tr);
  const th = cellElement(ctx, tr, 'TH', { scope: 'Column', colSpan: columns });
  const pad = ctx.style.cellPadding;
  addText(ctx, th, title, sectionText(ctx), ctx.frame.left + pad, y + pad, width(ctx.frame) - 2 * pad);
  th.end();
  tr.end();
  ctx.y += h;
}

/**
 * Grey levels for a count's share of the answers, in clearly separate steps so they stay
 * distinguishable on a black-and-white office printer (and black numbers stay readable).
 * The count itself is always printed too: the grey is a help, never the only cue.
 */
export const shadeSteps = [
  { from: 0, level: 255 },
  { from: 0.0001, level: 230 },
  { from: 0.2, level: 204 },
  { from: 0.4, level: 174 },
  { from: 0.6, level: 142 },
] as const;

export function shadeFor(share: number): string {
  const step = [...shadeSteps].reverse().find((s) => share >= s.from) ?? shadeSteps[0];
  return `#${step.level.toString(16).padStart(2, '0').repeat(3)}`;
}

/** Adds a count as a cell's content, `w` wide from x and centred vertically in the row's height `h`. */
function addCount(
  ctx: Ctx,
  element: StructElement,
  count: number,
  x: number,
  y: number,
  w: number,
  h: number,
  options: PDFKit.Mixins.TextOptions,
): void {
  const style = countStyle(ctx, count);
  const textH = textHeight(ctx.doc, String(count), style, w, ctx.style.lineGap);
  element.add(() =>
    ctx.doc
      .font(style.font)
      .fontSize(style.size)
      .fillColor(style.color ?? '#000000')
      .text(String(count), x, y + (h - textH) / 2, { width: w, ...options }),
  );
}

/** Draws a row's cell; `extra` adds more tagged content to it (a mark label). */
function drawCell(
  ctx: Ctx,
  tr: StructElement,
  cell: Cell,
  x: number,
  y: number,
  w: number,
  h: number,
  column: TableBlock['columns'][number],
  reserve: number,
  extra?: (element: StructElement) => void,
): void {
  const { doc } = ctx;
  const pad = ctx.style.cellPadding;
  const isRowHeader = 'text' in cell && column.rowHeader;
  const element = cellElement(ctx, tr, isRowHeader ? 'TH' : 'TD', { scope: isRowHeader ? 'Row' : undefined });
  if ('text' in cell) {
    const style = { ...cellText(ctx, cell.bold), align: cell.align ?? column.align ?? 'left' };
    cellTextAt(ctx, element, cell.text, drawnStyle(ctx, cell.text, style, w), x, y, w, h);
  } else if ('box' in cell) {
    // The tick box is a drawing (an artifact); the cell itself stays in the table.
    const s = ctx.style.box;
    const bx = x + (w - s) / 2;
    const by = y + (h - s) / 2;
    drawArtifact(ctx, () =>
      doc
        .lineWidth(1.25)
        .strokeColor('#000000')
        .rect(bx + 0.625, by + 0.625, s - 1.25, s - 1.25)
        .stroke(),
    );
    element.add(() => undefined);
    ctx.boxes.push({
      page: ctx.page,
      x: bx,
      y: by,
      size: s,
      name: cell.name,
      value: cell.value,
      cell: objectNumber(element),
    });
  } else if ('count' in cell) {
    drawArtifact(ctx, () => doc.rect(x, y, w, h).fill(shadeFor(cell.shade)));
    addCount(ctx, element, cell.count, x, y, w, h, { align: 'center' });
  } else if ('bar' in cell) {
    const style = countStyle(ctx, cell.bar);
    doc.font(style.font).fontSize(style.size);
    const numberWidth = doc.widthOfString('0000');
    const room = w - 3 * pad - numberWidth - reserve;
    const barLength = Math.max(0, room * cell.share);
    const barHeight = h * 0.42;
    if (barLength > 0)
      drawArtifact(ctx, () => doc.rect(x + pad, y + (h - barHeight) / 2, barLength, barHeight).fill('#3a3a3a'));
    addCount(ctx, element, cell.bar, x + pad + barLength + (barLength > 0 ? pad : 0), y, numberWidth, h, {
      lineBreak: false,
    });
  } else {
    element.add(() => undefined); // an empty field to write in
  }
  extra?.(element);
  element.end();
}

/** The label of the tendency row, at the right end of its last cell: white on black. */
function drawMarkLabel(ctx: Ctx, element: StructElement, label: string, y: number, h: number): void {
  const { doc } = ctx;
  const pad = ctx.style.cellPadding;
  const size = ctx.style.tableHeader;
  doc.font('bold').fontSize(size);
  const labelWidth = doc.widthOfString(label) + 2 * pad;
  const labelHeight = size * 1.6;
  const x = ctx.frame.right - labelWidth - pad - markFrame;
  const ly = y + (h - labelHeight) / 2;
  drawArtifact(ctx, () => doc.rect(x, ly, labelWidth, labelHeight).fill('#000000'));
  element.add(() =>
    doc
      .font('bold')
      .fontSize(size)
      .fillColor('#ffffff')
      .text(label, x, ly + (labelHeight - size * 1.2) / 2, { width: labelWidth, align: 'center', lineBreak: false }),
  );
}

function drawRow(
  ctx: Ctx,
  table: StructElement,
  block: TableBlock,
  row: TableRow,
  geo: Geometry,
  reserve: number,
): void {
  const h = rowHeight(block, row, geo, ctx);
  const y = ctx.y;
  const tr = ctx.doc.struct('TR');
  table.add(tr);
  const last = row.cells.length - 1;
  const { mark } = row;
  row.cells.forEach((cell, i) => {
    const label = i === last && mark ? (element: StructElement) => drawMarkLabel(ctx, element, mark, y, h) : undefined;
    drawCell(ctx, tr, cell, geo.xs[i], y, geo.widths[i], h, block.columns[i], i === last ? reserve : 0, label);
  });
  tr.end();
  strokeCellGrid(ctx, geo, y, h);
  // The tendency row: a heavy frame, drawn inside the table's outline over the grid.
  if (mark) heavyFrame(ctx, ctx.frame.left, y, width(ctx.frame), h);
  ctx.y += h;
}

/** A row's text, for messages about a row that cannot fit a page. */
const rowText = (row: TableRow) =>
  row.cells
    .map((c) => ('text' in c ? c.text : ''))
    .join(' ')
    .trim();
const rowSource = (row: TableRow) => row.cells.map((c) => ('text' in c ? c.source : undefined)).find(Boolean);

export const table: BlockDrawer<TableBlock> = {
  splits: true,
  measure(block, ctx) {
    const geo = geometry(block, ctx);
    let h = headerHeight(block.header, geo, ctx) + ctx.style.body * 0.8;
    for (const section of block.sections) {
      h += sectionTitleHeight(section, ctx) + headerHeight(section.header, geo, ctx);
      for (const row of section.rows) h += rowHeight(block, row, geo, ctx);
    }
    return h;
  },
  draw(block, ctx) {
    const geo = geometry(block, ctx);
    const reserve = markRoom(block, ctx);
    const element = ctx.doc.struct('Table', block.summary ? { title: block.summary } : {});
    ctx.root.add(element);
    let top = ctx.y;
    const startPageIfNeeded = (needed: number, text = '', source?: SourceRef) => {
      if (ctx.y + needed <= ctx.frame.bottom + 0.01) return;
      const repeated = block.header ? headerHeight(block.header, geo, ctx) : 0;
      if (needed + repeated > ctx.frame.bottom - ctx.frame.top) throw tooLong(ctx.where, text, source);
      drawColumnMark(ctx, block, geo, top);
      ctx.newPage();
      top = ctx.y;
      if (block.header) drawHeaderRow(ctx, element, block.header, geo, block);
    };
    if (block.header) {
      startPageIfNeeded(headerHeight(block.header, geo, ctx) + sectionLeadHeight(block, block.sections[0], geo, ctx));
      top = ctx.y;
      drawHeaderRow(ctx, element, block.header, geo, block);
    }
    for (const section of block.sections) {
      startPageIfNeeded(sectionLeadHeight(block, section, geo, ctx), section.title);
      if (section.title) drawSectionTitle(ctx, element, section.title, block.columns.length);
      if (section.header) drawHeaderRow(ctx, element, section.header, geo, block);
      for (const row of section.rows) {
        startPageIfNeeded(rowHeight(block, row, geo, ctx), rowText(row), rowSource(row));
        drawRow(ctx, element, block, row, geo, reserve);
      }
    }
    drawColumnMark(ctx, block, geo, top);
    element.end();
    ctx.y += ctx.style.body * 0.8;
  },
};

/** The marked columns' heavy frames on this page, from `top` to the last row drawn. */
function drawColumnMark(ctx: Ctx, block: TableBlock, geo: Geometry, top: number): void {
  if (ctx.y <= top) return;
  for (const c of block.markColumns ?? []) heavyFrame(ctx, geo.xs[c], top, geo.widths[c], ctx.y - top);
}
