// The review sheet (gennemgang.pdf): every row the scan could not read for sure, as a picture
// of its boxes with the sheet, statement, file and page, so the facilitator can decide it
// and write the answer into the corrections file beside it.
import { createCanvas } from '@napi-rs/canvas';
import PDFDocument from 'pdfkit';
import type { TestTexts } from '../../../content/model.js';
import { buildDate } from '../../../output.js';
import { loadFonts } from '../../../render/fonts.js';
import { mm } from '../../../render/styles.js';
import { fillPlaceholders } from '../../../text.js';
import type { FlagReason } from './decide.js';
import type { GrayImage } from './image.js';

export { reviewFiles } from './detect.js';
export const reviewFileName = 'gennemgang.pdf';

export interface ReviewRow {
  sheet: string;
  statement: number;
  file: string;
  page: number;
  reason: FlagReason;
  picture?: GrayImage;
}

export type ReviewTexts = NonNullable<TestTexts['review']>;

function png(image: GrayImage): Buffer {
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  const data = ctx.createImageData(image.width, image.height);
  for (let i = 0; i < image.data.length; i++) {
    data.data[i * 4] = data.data[i * 4 + 1] = data.data[i * 4 + 2] = image.data[i];
    data.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(data, 0, 0);
  return canvas.toBuffer('image/png');
}

export function rowLine(texts: ReviewTexts, row: ReviewRow): string {
  return fillPlaceholders(texts.row, { sheet: row.sheet, statement: row.statement, file: row.file, page: row.page, reason: texts.reasons[row.reason] });
}

/** The review sheet as PDF bytes (A4, the rows one under the other). */
export async function reviewPdf(texts: ReviewTexts, rows: ReviewRow[], meta: { author: string; language: string }): Promise<Buffer> {
  const date = buildDate();
  const doc = new PDFDocument({ size: 'A4', margin: mm(15), lang: meta.language, info: { Title: texts.title, Author: meta.author, CreationDate: date, ModDate: date } } as PDFKit.PDFDocumentOptions);
  for (const [name, font] of Object.entries(loadFonts())) doc.registerFont(name, font as never);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const left = mm(15);
  const width = doc.page.width - 2 * left;
  doc.font('bold').fontSize(16).text(texts.title, left, mm(15), { width });
  doc.moveDown(0.5);
  for (const line of texts.intro) doc.font('regular').fontSize(10).text(line, { width }).moveDown(0.3);
  doc.moveDown(0.5);
  for (const row of rows) {
    const pictureHeight = mm(14);
    if (doc.y + pictureHeight + 30 > doc.page.height - mm(15)) doc.addPage();
    doc.font('semibold').fontSize(10).text(rowLine(texts, row), left, doc.y, { width });
    const top = doc.y + 3;
    if (row.picture) {
      const w = Math.min(width, (pictureHeight * row.picture.width) / row.picture.height);
      doc.image(png(row.picture), left, top, { width: w, height: pictureHeight });
    }
    doc.y = top + pictureHeight + 10;
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
