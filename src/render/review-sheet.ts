// Draws the review sheet (gennemgang.pdf) of scanned paper tests: the rows the scan reader
// could not read for sure, each a line of text over a picture of its boxes (what it holds:
// responses/readers/scan/review.ts). A4, the rows one under the other.
import { createCanvas } from '@napi-rs/canvas';
import PDFDocument from 'pdfkit';
import type { GrayImage } from '../sheet/gray-image.js';
import { registerFonts } from './fonts.js';
import { bytesOf } from './bytes.js';
import type { PdfMeta } from './document.js';
import { mm } from './styles.js';

export interface ReviewSheetContent {
  title: string;
  intro: readonly string[];
  rows: {
    line: string;
    /** The statement as the test prints it, with its number. */
    statement: string;
    /** The category names, one under each box. */
    labels: readonly string[];
    /** The row's boxes; `boxes` is each box's centre as a share of the picture's width. */
    picture?: GrayImage & { boxes: readonly number[] };
  }[];
}

/**
 * A picture as JPEG: pdfkit embeds a JPEG as it is, at once; a PNG from the canvas has an
 * alpha channel, which pdfkit splits off asynchronously, so the pictures' objects landed in
 * the file in whatever order those finished and the sheet was not the same twice.
 */
function jpeg(image: GrayImage): Buffer {
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  const data = ctx.createImageData(image.width, image.height);
  for (let i = 0; i < image.data.length; i++) {
    data.data[i * 4] = data.data[i * 4 + 1] = data.data[i * 4 + 2] = image.data[i];
    data.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(data, 0, 0);
  return canvas.toBuffer('image/jpeg', 90);
}

/** The review sheet as PDF bytes. */
export async function reviewSheetPdf(sheet: ReviewSheetContent, meta: PdfMeta): Promise<Buffer> {
  const { date } = meta;
  const doc = new PDFDocument({
    size: 'A4',
    margin: mm(15),
    lang: meta.language,
    info: { Title: sheet.title, Author: meta.author, CreationDate: date, ModDate: date },
  } as PDFKit.PDFDocumentOptions);
  registerFonts(doc);
  const bytes = bytesOf(doc);
  const left = mm(15);
  const width = doc.page.width - 2 * left;
  doc.font('bold').fontSize(16).text(sheet.title, left, mm(15), { width });
  doc.moveDown(0.5);
  for (const line of sheet.intro) doc.font('regular').fontSize(10).text(line, { width }).moveDown(0.3);
  doc.moveDown(0.5);
  const pictureHeight = mm(14);
  const labelSize = 9;
  for (const row of sheet.rows) {
    doc.font('regular').fontSize(10);
    const statementHeight = doc.heightOfString(row.statement, { width });
    // The row's text, statement, picture and category names stay together on one page.
    if (doc.y + 14 + statementHeight + pictureHeight + labelSize * 2 + 16 > doc.page.height - mm(15)) doc.addPage();
    doc.font('bold').fontSize(10).text(row.line, left, doc.y, { width });
    doc
      .font('regular')
      .fontSize(10)
      .text(row.statement, left, doc.y + 2, { width });
    const top = doc.y + 4;
    let bottom = top;
    if (row.picture) {
      const w = Math.min(width, (pictureHeight * row.picture.width) / row.picture.height);
      doc.image(jpeg(row.picture), left, top, { width: w, height: pictureHeight });
      // Each box's category name centred under it: the reader need not count boxes.
      const step = row.picture.boxes.length > 1 ? (row.picture.boxes[1] - row.picture.boxes[0]) * w : w;
      doc.font('regular').fontSize(labelSize);
      row.picture.boxes.forEach((share, i) => {
        const label = row.labels[i];
        if (label === undefined) return;
        const labelWidth = Math.max(step, doc.widthOfString(label) + 2);
        doc.text(label, left + share * w - labelWidth / 2, top + pictureHeight + 2, {
          width: labelWidth,
          align: 'center',
          lineBreak: false,
        });
      });
      bottom = top + pictureHeight + 2 + labelSize * 1.3;
    }
    doc.y = bottom + 12;
  }
  doc.end();
  return bytes;
}
