// Tables: the statement grids of the tests, the RESULTAT box, the band table and the
// statement × category matrix of the posters. Rows are never split; in flow documents a
// table continues on the next page with its header repeated.
import type { Cell, TableBlock, TableRow, TableSection } from '../../layout/types.js';
import {
  drawArtifact, drawTaggedText, longestWordWidth, noteSize, textHeight, width,
  type Ctx, type StructElement, type TextStyle,
} from '../context.js';
import type { BlockDrawer } from './block.js';

const gridColor = '#000000';
const headerFill = '#e4e4e4';
const sectionFill = '#c8c8c8';

interface Geometry {
  xs: number[]; // left edge of each column
  widths: number[];
}

function geometry(block: TableBlock, ctx: Ctx): Geometry {
  const total = block.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = block.columns.map((c) => (width(ctx.frame) * c.width) / total);
  const xs = widths.map((_, i) => ctx.frame.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  return { xs, widths };
}

const cellText = (ctx: Ctx, bold = false): TextStyle => ({ font: bold ? 'semibold' : 'regular', size: ctx.style.tableText });
const headerText = (ctx: Ctx): TextStyle => ({ font: 'bold', size: ctx.style.tableHeader });
const sectionText = (ctx: Ctx): TextStyle => ({ font: 'bold', size: ctx.style.h3 });
const countText = (ctx: Ctx): TextStyle => ({ font: 'bold', size: ctx.style.count });

/** Room kept at the right of the last column for a mark label such as "TENDENS". */
function markRoom(block: TableBlock, ctx: Ctx): number {
  const label = block.sections.flatMap((s) => s.rows).find((r) => r.mark)?.mark;
  if (!label) return 0;
  ctx.doc.font('bold').fontSize(ctx.style.tableHeader);
  return ctx.doc.widthOfString(label) + ctx.style.cellPadding * 3;
}

/** Words may shrink this far below the cell's type size to fit a narrow column. */
const smallestWordScale = 0.7;

/**
 * The style a text cell is drawn in: its own size, or smaller when a single word would not
 * fit the column (pdfkit would break it mid-word); null when even the smallest is too wide.
 */
function fittedStyle(ctx: Ctx, text: string, style: TextStyle, w: number): TextStyle | null {
  const room = w - 2 * ctx.style.cellPadding;
  const widest = longestWordWidth(ctx.doc, text, style);
  if (widest <= room) return style;
  const size = (style.size * room) / widest;
  return size >= style.size * smallestWordScale ? { ...style, size: Math.floor(size * 4) / 4 } : null;
}

function textCellHeight(ctx: Ctx, text: string, style: TextStyle, w: number, source = `"${text}"`): number {
  const pad = ctx.style.cellPadding;
  const fitted = fittedStyle(ctx, text, style, w);
  if (!fitted) {
    noteSize(ctx, source, Number.POSITIVE_INFINITY);
    return Number.POSITIVE_INFINITY;
  }
  const h = textHeight(ctx.doc, text, fitted, w - 2 * pad, ctx.style.lineGap) + 2 * pad;
  noteSize(ctx, source, h);
  return h;
}

/** Draws a text cell vertically centred, in the style fitted to its column. */
function drawTextCell(ctx: Ctx, tr: StructElement, type: 'TD' | 'TH', text: string, style: TextStyle, x: number, y: number, w: number, h: number): void {
  const pad = ctx.style.cellPadding;
  const fitted = fittedStyle(ctx, text, style, w) ?? style;
  const th = textHeight(ctx.doc, text, fitted, w - 2 * pad, ctx.style.lineGap);
  drawTaggedText(ctx, tr, type, text, fitted, x + pad, y + (h - th) / 2, w - 2 * pad);
}

function rowHeight(block: TableBlock, row: TableRow, geo: Geometry, ctx: Ctx): number {
  let h = ctx.style.rowHeights[block.rows];
  row.cells.forEach((cell, i) => {
    if ('text' in cell) h = Math.max(h, textCellHeight(ctx, cell.text, cellText(ctx, cell.bold), geo.widths[i], cell.source));
    if ('box' in cell) h = Math.max(h, ctx.style.box + 2 * ctx.style.cellPadding);
    if ('count' in cell || 'bar' in cell) h = Math.max(h, ctx.style.count * 1.3 + 2 * ctx.style.cellPadding);
  });
  return h;
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
  drawArtifact(ctx, () => ctx.doc.rect(ctx.frame.left, y, width(ctx.frame), h).fill(headerFill));
  strokeCellGrid(ctx, geo, y, h);
  const tr = ctx.doc.struct('TR');
  table.add(tr);
  cells.forEach((text, i) => {
    const style = { ...headerText(ctx), align: block.columns[i].align ?? 'left' };
    drawTextCell(ctx, tr, 'TH', text, style, geo.xs[i], y, geo.widths[i], h);
  });
  tr.end();
  ctx.y += h;
}

function drawSectionTitle(ctx: Ctx, table: StructElement, title: string): void {
  const h = textCellHeight(ctx, title, sectionText(ctx), width(ctx.frame));
  const y = ctx.y;
  drawArtifact(ctx, () => {
    ctx.doc.rect(ctx.frame.left, y, width(ctx.frame), h).fill(sectionFill);
    ctx.doc.lineWidth(0.75).rect(ctx.frame.left, y, width(ctx.frame), h).stroke(gridColor);
  });
  const tr = ctx.doc.struct('TR');
  table.add(tr);
  const pad = ctx.style.cellPadding;
  drawTaggedText(ctx, tr, 'TH', title, sectionText(ctx), ctx.frame.left + pad, y + pad, width(ctx.frame) - 2 * pad);
  tr.end();
  ctx.y += h;
}

/** Grey for a share of the answers: 0 → white, 1 → dark grey (black text stays readable). */
const shadeFor = (share: number) => {
  const level = Math.round(255 - 150 * Math.min(1, Math.max(0, share)));
  return `#${level.toString(16).padStart(2, '0').repeat(3)}`;
};

function drawCell(ctx: Ctx, tr: StructElement, cell: Cell, x: number, y: number, w: number, h: number, align: TextStyle['align'], reserve: number): void {
  const { doc } = ctx;
  const pad = ctx.style.cellPadding;
  if ('text' in cell) {
    drawTextCell(ctx, tr, 'TD', cell.text, { ...cellText(ctx, cell.bold), align: cell.align ?? align }, x, y, w, h);
    return;
  }
  const td = doc.struct('TD');
  tr.add(td);
  if ('box' in cell) {
    const s = ctx.style.box;
    const bx = x + (w - s) / 2;
    const by = y + (h - s) / 2;
    td.add(() => doc.lineWidth(1.25).strokeColor('#000000').rect(bx, by, s, s).stroke());
    ctx.boxes.push({ page: ctx.page, x: bx, y: by, size: s, name: cell.name, value: cell.value });
  } else if ('count' in cell) {
    drawArtifact(ctx, () => doc.rect(x, y, w, h).fill(shadeFor(cell.shade)));
    const style = countText(ctx);
    const th = textHeight(doc, String(cell.count), style, w, ctx.style.lineGap);
    td.add(() => doc.font(style.font).fontSize(style.size).fillColor(cell.count === 0 ? '#6b6b6b' : '#000000')
      .text(String(cell.count), x, y + (h - th) / 2, { width: w, align: 'center' }));
  } else if ('bar' in cell) {
    const style = countText(ctx);
    doc.font(style.font).fontSize(style.size);
    const numberWidth = doc.widthOfString('0000');
    const room = w - 2 * pad - numberWidth - reserve;
    const barLength = Math.max(0, room * cell.share);
    const barHeight = h * 0.5;
    if (barLength > 0) drawArtifact(ctx, () => doc.rect(x + pad, y + (h - barHeight) / 2, barLength, barHeight).fill('#3a3a3a'));
    const th = textHeight(doc, String(cell.bar), style, numberWidth, ctx.style.lineGap);
    td.add(() => doc.font(style.font).fontSize(style.size).fillColor('#000000')
      .text(String(cell.bar), x + pad + barLength + pad, y + (h - th) / 2, { width: numberWidth, lineBreak: false }));
  } else {
    td.add(() => undefined); // an empty field to write in
  }
  td.end();
}

function drawMark(ctx: Ctx, label: string, y: number, h: number): void {
  const { doc } = ctx;
  const pad = ctx.style.cellPadding;
  doc.font('bold').fontSize(ctx.style.tableHeader);
  const labelWidth = doc.widthOfString(label) + 2 * pad;
  const labelHeight = ctx.style.tableHeader * 1.6;
  const x = ctx.frame.right - labelWidth - pad;
  const ly = y + (h - labelHeight) / 2;
  drawArtifact(ctx, () => {
    doc.lineWidth(4).rect(ctx.frame.left + 2, y + 2, width(ctx.frame) - 4, h - 4).stroke('#000000');
    doc.rect(x, ly, labelWidth, labelHeight).fill('#000000');
  });
  const span = doc.struct('Span');
  ctx.root.add(span);
  span.add(() => doc.font('bold').fontSize(ctx.style.tableHeader).fillColor('#ffffff')
    .text(label, x, ly + (labelHeight - ctx.style.tableHeader * 1.2) / 2, { width: labelWidth, align: 'center', lineBreak: false }));
  span.end();
}

function drawRow(ctx: Ctx, table: StructElement, block: TableBlock, row: TableRow, geo: Geometry, reserve: number): void {
  const h = rowHeight(block, row, geo, ctx);
  const y = ctx.y;
  const tr = ctx.doc.struct('TR');
  table.add(tr);
  row.cells.forEach((cell, i) => {
    const align = block.columns[i].align ?? 'left';
    const lastReserve = i === row.cells.length - 1 ? reserve : 0;
    drawCell(ctx, tr, cell, geo.xs[i], y, geo.widths[i], h, align, lastReserve);
  });
  tr.end();
  strokeCellGrid(ctx, geo, y, h);
  if (row.mark) drawMark(ctx, row.mark, y, h);
  ctx.y += h;
}

export const table: BlockDrawer<TableBlock> = {
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
    const startPageIfNeeded = (needed: number) => {
      if (ctx.y + needed <= ctx.frame.bottom) return;
      ctx.newPage();
      if (block.header) drawHeaderRow(ctx, element, block.header, geo, block);
    };
    if (block.header) {
      startPageIfNeeded(headerHeight(block.header, geo, ctx) + sectionLeadHeight(block, block.sections[0], geo, ctx));
      drawHeaderRow(ctx, element, block.header, geo, block);
    }
    for (const section of block.sections) {
      startPageIfNeeded(sectionLeadHeight(block, section, geo, ctx));
      if (section.title) drawSectionTitle(ctx, element, section.title);
      if (section.header) drawHeaderRow(ctx, element, section.header, geo, block);
      for (const row of section.rows) {
        startPageIfNeeded(rowHeight(block, row, geo, ctx));
        drawRow(ctx, element, block, row, geo, reserve);
      }
    }
    element.end();
    ctx.y += ctx.style.body * 0.8;
  },
};
