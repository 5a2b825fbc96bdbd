// Setting up a pdfkit document for a layout: the file's options and metadata, its pages,
// and the drawing context the block drawers work in.
import PDFDocument from 'pdfkit';
import type { LayoutDocument, TableBlock } from '../layout/schema.js';
import type { Ctx, Pdf } from './context.js';
import { registerFonts } from './fonts.js';
import { paperSizes, type TypeStyle } from './styles.js';
import { InternalError } from '../errors.js';
import { registration } from '../sheet/page-code.js';

/** What a PDF says about itself beyond its layout (made by app/pdf-meta.ts). */
export interface PdfMeta {
  language: string;
  author: string;
  /** Fixed, so the same input gives byte-identical files. */
  date: Date;
  /** The output file name, used in messages. */
  name: string;
}

/** A tagged PDF/UA document with its fonts, no page yet. */
export function createPdf(layout: LayoutDocument, meta: PdfMeta): Pdf {
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

/** The document information dictionary (pdfkit copies title, author and subject into the XMP too). */
export function infoOf(layout: LayoutDocument, meta: PdfMeta) {
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

/**
 * The drawing context. `root` is the tagged Document element; measuring passes none, as
 * every structure element becomes a PDF object that must be ended before the file closes.
 */
export function makeCtx(doc: Pdf, style: TypeStyle, layout: LayoutDocument, meta: PdfMeta, root?: Ctx['root']): Ctx {
  const { width, height } = paperSizes[layout.paper];
  // A coded page (a paper test to scan) keeps its side margins wide for the corner marks.
  const coded = layout.blocks.some((b) => b.kind === 'registration');
  const side = coded ? Math.max(style.margin, registration.sideMargin) : style.margin;
  const frame = { left: side, right: width - side, top: style.margin, bottom: height - style.margin };
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
    tail: 0,
    evenTables: layout.blocks.filter((b): b is TableBlock => b.kind === 'table' && b.evenRows === true),
    newPage: () => {
      // A fixed page was measured to fit: running over is a renderer bug, not a user error.
      if (fixed) throw new InternalError('layout: a fixed page overflowed after it was measured to fit');
      addPage(ctx, layout);
    },
  };
  return ctx;
}

export function addPage(ctx: Ctx, layout: LayoutDocument): void {
  ctx.doc.addPage({ size: layout.paper, margin: 0 });
  ctx.page += 1;
  ctx.y = ctx.frame.top;
}
