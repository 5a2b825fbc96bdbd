// The drawing context shared by the block drawers: the pdfkit document, the current
// style and cursor, the structure element to tag content into, and small text helpers.
import LineBreaker from 'linebreak';
import type PDFDocument from 'pdfkit';
import type { PaperSize, SourceRef, TableBlock } from '../layout/schema.js';
import { UserError } from '../errors.js';
import { excerpt } from '../text.js';
import type { FontName } from './fonts.js';
import type { TypeStyle } from './styles.js';

export type Pdf = InstanceType<typeof PDFDocument>;
export type StructElement = ReturnType<Pdf['struct']>;

export interface Frame {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface Ctx {
  doc: Pdf;
  style: TypeStyle;
  frame: Frame;
  /** The y where the next block starts. */
  y: number;
  /** The structure element that tagged content is added to (the Document element). */
  root: StructElement;
  /** Index of the current page (0-based). */
  page: number;
  /** Tick boxes drawn so far, with their form-field name and value where the layout gave one. */
  boxes: BoxPosition[];
  /** Starts a new page (flow documents); resets y. */
  newPage: () => void;
  /** The document, paper and (fixed documents) page, for messages. */
  where: Where;
  /** Tables on the current page whose rows grow to fill it: the height added to each row. */
  grow: Map<TableBlock, number>;
  /**
   * Flow pages: the height of the paragraph that closes the section after the block being
   * drawn (a checklist step's tools line): a list takes it into account for its last item,
   * so that the line never opens a page alone.
   */
  tail: number;
  /** The document's tables whose rows are all equally tall (TableBlock.evenRows). */
  evenTables: readonly TableBlock[];
  /**
   * While measuring: the text (and where it is in the content) that needs the most room,
   * so a page that cannot fit can name what to shorten.
   */
  largest?: { text: string; source?: SourceRef; height: number };
  /** While measuring: a word that made its table column far wider than the layout gave it. */
  widened?: { text: string; source?: SourceRef; factor: number };
}

/** Remembers the item needing the most room while measuring (see Ctx.largest). */
export function noteSize(ctx: Ctx, text: string, source: SourceRef | undefined, height: number): void {
  if (!text.trim()) return;
  // An item located in the content wins over an unlocated one of about the same size.
  const weight = (item: { source?: SourceRef; height: number }) => item.height * (item.source ? 1.1 : 1);
  if (!ctx.largest || weight({ source, height }) > weight(ctx.largest)) ctx.largest = { text, source, height };
}

/** A drawn tick box: page index, top-left corner and size in points (pdfkit's top-down y). */
export interface BoxPosition {
  page: number;
  x: number;
  y: number;
  size: number;
  name?: string;
  value?: string;
  /** Object number of the structure element (table cell) the box is tagged in, for tagging its form field. */
  cell?: number;
}

export const width = (frame: Frame): number => frame.right - frame.left;

export interface TextStyle {
  font: FontName;
  size: number;
  align?: 'left' | 'center' | 'right';
  color?: string;
}

// Measuring is a pure function of font, size, width and text (the fonts are shared by every
// document), and fitting a page measures the same cells again and again: 2 500 measurements,
// 700 different, in a build. So each result is kept (per process, bounded), in maps nested by
// font, size, width and line gap, then text: a key joined into one string had to be built
// (and hashed) for every lookup.
type Measures = Map<FontName, Map<number, Map<number, Map<number, Map<string, number>>>>>;
const heights: Measures = new Map();
const wordWidths: Measures = new Map();
let remembered = 0;

/** The texts measured with these settings. */
function measures(cache: Measures, font: FontName, size: number, w: number, lineGap: number): Map<string, number> {
  if (remembered >= 50_000) {
    // a bound for long-running processes
    heights.clear();
    wordWidths.clear();
    remembered = 0;
  }
  let bySize = cache.get(font);
  if (!bySize) cache.set(font, (bySize = new Map()));
  let byWidth = bySize.get(size);
  if (!byWidth) bySize.set(size, (byWidth = new Map()));
  let byGap = byWidth.get(w);
  if (!byGap) byWidth.set(w, (byGap = new Map()));
  let texts = byGap.get(lineGap);
  if (!texts) byGap.set(lineGap, (texts = new Map()));
  return texts;
}

export function textHeight(doc: Pdf, text: string, style: TextStyle, w: number, lineGap: number): number {
  doc.font(style.font).fontSize(style.size); // callers rely on the font being set
  const known = measures(heights, style.font, style.size, w, lineGap);
  let h = known.get(text);
  if (h === undefined) {
    h = doc.heightOfString(text, { width: w, lineGap });
    known.set(text, h);
    remembered++;
  }
  return h;
}

/**
 * Width of the widest piece pdfkit wraps by: it breaks a piece wider than its column
 * mid-word. The pieces are cut where pdfkit cuts them (its line breaker, linebreak: a word
 * with the spaces after it, "MUS-" before "testen"), and measured as pdfkit measures them,
 * so its check and ours agree and each piece is shaped once for both.
 */
export function longestWordWidth(doc: Pdf, text: string, style: TextStyle): number {
  doc.font(style.font).fontSize(style.size);
  const known = measures(wordWidths, style.font, style.size, 0, 0);
  let w = known.get(text);
  if (w === undefined) {
    w = 0;
    const breaker = new LineBreaker(text);
    for (let from = 0, piece = breaker.nextBreak(); piece; from = piece.position, piece = breaker.nextBreak()) {
      w = Math.max(w, doc.widthOfString(text.slice(from, piece.position)));
    }
    known.set(text, w);
    remembered++;
  }
  return w;
}

/** Adds text drawn at (x, y) as content of a structure element. */
export function addText(
  ctx: Ctx,
  element: StructElement,
  text: string,
  style: TextStyle,
  x: number,
  y: number,
  w: number,
): void {
  const { doc } = ctx;
  element.add(() => {
    doc
      .font(style.font)
      .fontSize(style.size)
      .fillColor(style.color ?? '#000000');
    doc.text(text, x, y, { width: w, align: style.align ?? 'left', lineGap: ctx.style.lineGap });
  });
}

/** Which page of which document is being drawn, for messages. */
export interface Where {
  file: string;
  paper: PaperSize;
  /** 1-based; given for fixed pages (the sheets of the tests and posters). */
  page?: number;
}

/**
 * Makes room for something `h` high that cannot be split (a paragraph, list item or table
 * row of a flow document): a new page when it does not fit below ctx.y, and a clear error
 * naming the text when it would not fit on an empty page either.
 */
export function ensureRoom(ctx: Ctx, h: number, text: string, source?: SourceRef): void {
  if (ctx.y + h <= ctx.frame.bottom + 0.01) return;
  if (h > ctx.frame.bottom - ctx.frame.top + 0.01) throw tooLong(ctx.where, text, source);
  if (ctx.y > ctx.frame.top + 0.5) ctx.newPage();
}

/**
 * The error for a text that cannot fit: it names the content item to shorten, by file,
 * line and item when its source is known, else by the document and the start of the text.
 */
export function tooLong(where: Where, text: string | undefined, source?: SourceRef, detail = ''): UserError {
  const page = where.page
    ? `the ${where.paper} sheet (page ${where.page} of ${where.file})`
    : `one ${where.paper} page`;
  if (source?.line !== undefined) {
    return new UserError({
      file: source.file,
      line: source.line,
      field: source.label,
      message: `is too long for ${page}${detail}; shorten it`,
    });
  }
  const what = text ? `the text "${excerpt(text, 50)}"` : 'the content';
  const sheet = where.page ? `the ${where.paper} sheet (page ${where.page})` : page;
  return new UserError({ file: where.file, message: `${what} is too long for ${sheet}${detail}; shorten it` });
}

/** Draws decoration (lines, frames, shading) marked as an artifact, so screen readers skip it. */
export function drawArtifact(ctx: Ctx, draw: () => void): void {
  ctx.doc.markContent('Artifact', { type: 'Layout' });
  ctx.doc.save();
  draw();
  ctx.doc.restore();
  ctx.doc.endMarkedContent();
}
