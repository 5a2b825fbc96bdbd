// Page images from the files a copier or a phone writes: PDFs (one image per page, JPEG,
// CCITT G4 or JBIG2), PNG, JPEG and TIFF files. Pages come one at a time, as grey pixels
// at most `maxDpi` fine: a 5.5 mm box is 32 pixels wide at 150 dpi, plenty to read (the page
// code is read from an enlarged crop), and a smaller image is faster to search and measure.
//
// A PDF page that holds one JPEG is decoded natively (@napi-rs/canvas, libjpeg-turbo); every
// other PDF page is rasterised by pdf.js, which decodes every codec copiers use.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { createCanvas, loadImage, type Canvas, type Image } from '@napi-rs/canvas';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { maxImagePixels } from '../../../limits.js';
import { errorText } from '../../../text.js';
import { imageBytesProblem, pdfPageSizeProblem } from '../../image-size.js';
import { grayFromRgba, type GrayImage } from './image.js';

/** The finest resolution pages are read at, in dots per inch. */
export const maxDpi = 150;
const a4WidthInches = 210 / 25.4;

export interface ScanPage {
  /** 1-based page (or TIFF frame) in its file. */
  page: number;
  /** The pixels; or a JPEG/PNG file's bytes still to decode (decodeImageBytes, on any thread); or why there are none. */
  image?: GrayImage;
  encoded?: Uint8Array;
  problem?: string;
}

/** The page's pixels, decoding it if it came encoded. */
export async function pageImage(page: ScanPage): Promise<GrayImage> {
  if (page.image) return page.image;
  if (!page.encoded) throw new Error(page.problem ?? 'internal: a page without pixels');
  return decodeImageBytes(page.encoded);
}

/** Scale factor that brings an image of this width to at most maxDpi on an A4-wide page. */
function shrink(width: number, pageWidthInches = a4WidthInches): number {
  return Math.min(1, (maxDpi * pageWidthInches) / width);
}

let reusable: Canvas | undefined;

function drawGray(source: Image, width: number, height: number, scale: number): GrayImage {
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  // One canvas per thread for pages of one size (a scan's pages are): its pixels are native
  // memory that the garbage collector would otherwise free late, one page's worth at a time.
  if (!reusable || reusable.width !== w || reusable.height !== h) reusable = createCanvas(w, h);
  const canvas = reusable;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  ctx.imageSmoothingQuality = 'low'; // bilinear: plenty for boxes and marks, and quicker
  ctx.drawImage(source, 0, 0, w, h);
  return grayFromCanvasPixels(canvas.data(), w, h);
}

/**
 * Grey from the canvas's own pixel buffer (no copy through getImageData). The page was
 * drawn on white, so every pixel is opaque, and the green byte is at the same place in
 * RGBA and BGRA order.
 */
function grayFromCanvasPixels(raw: Buffer, width: number, height: number): GrayImage {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 1; i < data.length; i++, j += 4) data[i] = raw[j];
  return { width, height, data };
}

/** An encoded image (JPEG, PNG) as grey pixels. */
export async function decodeImageBytes(bytes: Uint8Array): Promise<GrayImage> {
  const image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  try {
    return drawGray(image, image.width, image.height, shrink(image.width));
  } finally {
    // The decoded bitmap (35 MB for a 300 dpi A4 page) is native memory the garbage collector
    // frees late, several pages' worth at a time; an empty src drops it now (as in a browser).
    image.src = new Uint8Array(0);
  }
}

const reason = (error: unknown) => errorText(error);

/** The pages of one scan file, in order. */
export async function* scanPages(file: string): AsyncGenerator<ScanPage> {
  const bytes = readFileSync(file);
  const extension = extname(file).toLowerCase();
  // The sizes an image file declares are checked before a decoder sees it (limits.ts).
  const tooLarge = extension === '.pdf' ? undefined : imageBytesProblem(bytes);
  if (tooLarge) yield { page: 1, problem: tooLarge };
  else if (extension === '.pdf') yield* pdfPages(bytes);
  else if (extension === '.tif' || extension === '.tiff') yield* tiffPages(bytes);
  else yield { page: 1, encoded: bytes };
}

async function* tiffPages(bytes: Buffer): AsyncGenerator<ScanPage> {
  const { default: UTIF } = await import('utif2');
  let frames: ReturnType<typeof UTIF.decode>;
  try {
    frames = UTIF.decode(bytes);
  } catch (error) {
    yield { page: 1, problem: `cannot be decoded as a TIFF image (${reason(error)})` };
    return;
  }
  for (const [i, frame] of frames.entries()) {
    try {
      UTIF.decodeImage(bytes, frame);
      const rgba = UTIF.toRGBA8(frame);
      // The decoded pixels are kept on the frame, and the frames until the file's last page.
      frame.data = new Uint8Array(0);
      const full = grayFromRgba(rgba, frame.width, frame.height);
      yield { page: i + 1, image: shrink(full.width) < 1 ? resample(full, shrink(full.width)) : full };
    } catch (error) {
      yield { page: i + 1, problem: `cannot be decoded (${reason(error)})` };
    }
  }
}

/** Nearest-neighbour shrink with box averaging of the source pixels (TIFF frames, already decoded). */
function resample(image: GrayImage, scale: number): GrayImage {
  const w = Math.round(image.width * scale);
  const h = Math.round(image.height * scale);
  const data = new Uint8Array(w * h);
  const step = 1 / scale;
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor(y * step);
    const y1 = Math.min(image.height, Math.max(y0 + 1, Math.floor((y + 1) * step)));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor(x * step);
      const x1 = Math.min(image.width, Math.max(x0 + 1, Math.floor((x + 1) * step)));
      let sum = 0;
      for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += image.data[yy * image.width + xx];
      data[y * w + x] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return { width: w, height: h, data };
}

/** The page's only image when it is a plain JPEG drawn upright: its bytes are a JPEG file. */
function plainJpeg(doc: PDFDocument, index: number): Uint8Array | undefined {
  const page = doc.getPage(index);
  const rotate = page.node.lookup(PDFName.of('Rotate'));
  if (rotate instanceof PDFNumber && rotate.asNumber() % 360 !== 0) return undefined;
  const resources = page.node.Resources();
  const xobjects = resources?.lookup(PDFName.of('XObject'));
  if (!(xobjects instanceof PDFDict)) return undefined;
  const entries = xobjects.entries();
  if (entries.length !== 1) return undefined;
  const stream = doc.context.lookup(entries[0][1]);
  if (!(stream instanceof PDFRawStream)) return undefined;
  if (stream.dict.lookup(PDFName.of('Subtype')) !== PDFName.of('Image')) return undefined;
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const only = filter instanceof PDFArray && filter.size() === 1 ? filter.lookup(0) : filter;
  // An Adobe CMYK JPEG is drawn inverted by some decoders; pdf.js knows the Decode array.
  if (only !== PDFName.of('DCTDecode') || stream.dict.has(PDFName.of('Decode'))) return undefined;
  return stream.contents;
}

async function* pdfPages(bytes: Buffer): AsyncGenerator<ScanPage> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: false });
  } catch (error) {
    yield { page: 1, problem: `is not a readable PDF (${reason(error)})` };
    return;
  }
  let count: number;
  try {
    count = doc.getPageCount(); // a damaged page tree fails here, as a property of the file
  } catch (error) {
    yield { page: 1, problem: `is not a readable PDF (${reason(error)})` };
    return;
  }
  let rasteriser: Rasteriser | undefined;
  try {
    for (let i = 0; i < count; i++) {
      try {
        const tooLarge = pdfPageSizeProblem(doc, i, maxDpi);
        if (tooLarge) {
          yield { page: i + 1, problem: tooLarge };
          continue;
        }
        // A page that is one JPEG is handed on as that JPEG: it is decoded natively where it is read.
        const jpeg = plainJpeg(doc, i);
        const jpegTooLarge = jpeg && imageBytesProblem(jpeg);
        if (jpegTooLarge) yield { page: i + 1, problem: jpegTooLarge };
        else if (jpeg) {
          yield { page: i + 1, encoded: jpeg };
          continue;
        }
        rasteriser ??= await openRasteriser(bytes);
        yield { page: i + 1, image: await rasteriser.page(i + 1) };
      } catch (error) {
        yield { page: i + 1, problem: `cannot be decoded (${reason(error)})` };
      }
    }
  } finally {
    await rasteriser?.close();
  }
}

interface Rasteriser {
  page(n: number): Promise<GrayImage>;
  close(): Promise<void>;
}

/** A page as pdf.js draws it at this many dots per inch, on white. */
export async function renderPage(page: PDFPageProxy, dpi: number): Promise<Canvas> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
  return canvas;
}

/** pdf.js, for pages that are not one plain JPEG: rendered at the page image's own resolution, up to maxDpi. */
async function openRasteriser(bytes: Buffer): Promise<Rasteriser> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    maxImageSize: maxImagePixels, // a backstop for images pdfPageSizeProblem cannot see (inline ones)
  }).promise;
  return {
    async page(n) {
      const page = await doc.getPage(n);
      const canvas = await renderPage(page, maxDpi);
      page.cleanup();
      return grayFromCanvasPixels(canvas.data(), canvas.width, canvas.height);
    },
    close: () => doc.destroy(),
  };
}
