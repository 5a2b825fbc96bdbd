// The drawing context shared by the block drawers: the pdfkit document, the current
// style and cursor, the structure element to tag content into, and small text helpers.
import type PDFDocument from 'pdfkit';
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
  /**
   * While measuring: the content item (its source, e.g. "content/da/udsagn.yaml:41 …")
   * that needs the most room, so a page that cannot fit can name what to shorten.
   */
  largest?: { source: string; height: number };
}

/** Remembers the item needing the most room while measuring (see Ctx.largest). */
export function noteSize(ctx: Ctx, source: string | undefined, height: number): void {
  if (source && (!ctx.largest || height > ctx.largest.height)) ctx.largest = { source, height };
}

/** A drawn tick box: page index, top-left corner and size in points (pdfkit's top-down y). */
export interface BoxPosition {
  page: number;
  x: number;
  y: number;
  size: number;
  name?: string;
  value?: string;
}

export const width = (frame: Frame): number => frame.right - frame.left;

export interface TextStyle {
  font: FontName;
  size: number;
  align?: 'left' | 'center' | 'right';
  color?: string;
}

export function textHeight(doc: Pdf, text: string, style: TextStyle, w: number, lineGap: number): number {
  doc.font(style.font).fontSize(style.size);
  return doc.heightOfString(text, { width: w, lineGap });
}

/** Width of the longest word: pdfkit would break a word wider than its column mid-word. */
export function longestWordWidth(doc: Pdf, text: string, style: TextStyle): number {
  doc.font(style.font).fontSize(style.size);
  return Math.max(0, ...text.split(/\s+/).map((word) => doc.widthOfString(word)));
}

/** Draws text at (x, y) inside a tagged structure element of the given type (P, H1, TD…). */
export function drawTaggedText(
  ctx: Ctx, parent: StructElement, type: string, text: string, style: TextStyle,
  x: number, y: number, w: number, options: { title?: string } = {},
): void {
  const { doc } = ctx;
  const element = doc.struct(type, options);
  parent.add(element);
  element.add(() => {
    doc.font(style.font).fontSize(style.size).fillColor(style.color ?? '#000000');
    doc.text(text, x, y, { width: w, align: style.align ?? 'left', lineGap: ctx.style.lineGap });
  });
  element.end();
}

/** Draws decoration (lines, frames, shading) marked as an artifact, so screen readers skip it. */
export function drawArtifact(ctx: Ctx, draw: () => void): void {
  ctx.doc.markContent('Artifact', { type: 'Layout' });
  ctx.doc.save();
  draw();
  ctx.doc.restore();
  ctx.doc.endMarkedContent();
}
