// Looking at generated PDFs the way a reader or a printer does: pages rendered to pixels
// (pdfjs + @napi-rs/canvas, through pdf-parse), text runs with their size and position
// (pdfjs), and the objects and content streams of the file (pdf-lib + zlib).
import { inflateSync } from 'node:zlib';
import { PDFParse } from 'pdf-parse';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { PNG } from 'pngjs';

/** A rendered page: RGBA pixels, grey (r = g = b) when `gray` was asked for. */
export interface PageImage {
  width: number;
  height: number;
  data: Buffer;
}

/** Renders every page of a PDF at `scale` (1 = 72 dpi), composited on white. */
export async function renderPages(
  bytes: Uint8Array,
  scale: number,
  options: { gray?: boolean } = {},
): Promise<PageImage[]> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const shots = await parser.getScreenshot({ scale, imageBuffer: true, imageDataUrl: false });
    return shots.pages.map((shot) => {
      const png = PNG.sync.read(Buffer.from(shot.data));
      const { data } = png;
      for (let i = 0; i < data.length; i += 4) {
        const a = data[i + 3] / 255;
        for (let c = 0; c < 3; c++) data[i + c] = Math.round(data[i + c] * a + 255 * (1 - a));
        data[i + 3] = 255;
        if (options.gray) {
          const luma = Math.round(0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]);
          data[i] = data[i + 1] = data[i + 2] = luma;
        }
      }
      return { width: png.width, height: png.height, data };
    });
  } finally {
    await parser.destroy();
  }
}

/** Encodes a grey page image as a small 8-bit greyscale PNG. */
export function encodeGray(image: PageImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  image.data.copy(png.data);
  return PNG.sync.write(png, { colorType: 0, deflateLevel: 9 });
}

export function decodePng(bytes: Buffer): PageImage {
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height, data: png.data };
}

/** A run of text as drawn: its string, type size (pt) and top-left position (pt, from the top). */
export interface TextRun {
  str: string;
  size: number;
  x: number;
  y: number;
  font: string;
}

/** The text runs of each page, in content order. */
export async function textRuns(bytes: Uint8Array): Promise<TextRun[][]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const pages: TextRun[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { height } = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [, , c, d, e, f] = item.transform as number[];
        runs.push({ str: item.str, size: Math.hypot(c, d), x: e, y: height - f, font: item.fontName });
      }
      pages.push(runs);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** The decoded content stream(s) of each page, as text. */
export async function pageContents(bytes: Uint8Array): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  return pdf.getPages().map((page) => {
    const contents = page.node.Contents();
    const refs = contents && 'asArray' in contents ? contents.asArray() : [page.node.get(PDFName.of('Contents'))];
    return refs
      .map((ref) => {
        const stream = pdf.context.lookup(ref);
        if (!(stream instanceof PDFRawStream)) return '';
        const filter = stream.dict.get(PDFName.of('Filter'));
        const raw = Buffer.from(stream.contents);
        return (filter === PDFName.of('FlateDecode') ? inflateSync(raw) : raw).toString('latin1');
      })
      .join('\n');
  });
}

/** A stroked rectangle: its top-left corner and size in pt from the page's top-left, and its line width. */
export interface StrokedRect {
  x: number;
  y: number;
  width: number;
  height: number;
  lineWidth: number;
}

/**
 * The rectangles stroked on each page. pdfkit starts every page by flipping it
 * (`1 0 0 -1 0 H cm`), so a rectangle drawn with no further transform is in the same
 * top-down space as a text run's position.
 */
export async function strokedRects(bytes: Uint8Array): Promise<StrokedRect[][]> {
  return (await pageContents(bytes)).map((content) => {
    const found: StrokedRect[] = [];
    const saved: { lineWidth: number; transforms: number }[] = [];
    let [lineWidth, transforms] = [1, 0];
    let path: Omit<StrokedRect, 'lineWidth'>[] = [];
    const operands: number[] = [];
    for (const token of content.split(/\s+/)) {
      if (/^-?[\d.]+$/.test(token)) {
        operands.push(Number(token));
        continue;
      }
      if (token === 'q') saved.push({ lineWidth, transforms });
      else if (token === 'Q') ({ lineWidth, transforms } = saved.pop() ?? { lineWidth, transforms });
      else if (token === 'cm') transforms++;
      else if (token === 'w') lineWidth = operands[operands.length - 1];
      else if (token === 're' && transforms === 1) {
        const [x, y, width, height] = operands.slice(-4);
        path.push({ x, y, width, height });
      } else if (token === 'S') {
        found.push(...path.map((r) => ({ ...r, lineWidth })));
        path = [];
      } else if (['f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n', 's'].includes(token)) path = [];
      operands.length = 0;
    }
    return found;
  });
}

/** Whether a text run's baseline start lies inside a rectangle. */
export const inside = (run: TextRun, rect: StrokedRect) =>
  run.x >= rect.x && run.x <= rect.x + rect.width && run.y >= rect.y && run.y <= rect.y + rect.height;
