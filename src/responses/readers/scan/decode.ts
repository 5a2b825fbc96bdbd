// Page images from the files a copier or a phone writes: PDFs (one image per page, JPEG,
// CCITT G4 or JBIG2), PNG, JPEG and TIFF files, one page at a time. A page that is a JPEG,
// PNG, or a PDF's G4 or Flate image (pdf-image.ts) is handed on encoded, to be decoded where
// it is read (decode-image.ts, sharp); every other PDF page (JBIG2, say) is rasterised by
// pdf.js, which decodes every codec copiers use, at its own resolution up to maxDpi.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Canvas } from '@napi-rs/canvas';
import type { PDFDocument } from '../../../pdf-lib.js';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { maxImagePixels } from '../../../limits.js';
import { errorText } from '../../../text.js';
import { imageBytesProblem, pdfPageImageDamage, pdfPageSizeProblem } from '../../image-size.js';
import { a4WidthInches, decodeImageBytes, loadSharp, maxDpi, type ScanPage } from './decode-image.js';
import { grayFromRgba, type GrayImage } from './image.js';

export type { ScanPage } from './decode-image.js';

// The decoders (pdf-lib, sharp, the canvas) are loaded when a file needs them, not before its
// header is checked: a file refused from its header is refused in a fraction of a second.

/** Scale factor that brings an image of this width to at most maxDpi on an A4-wide page. */
function shrink(width: number, pageWidthInches = a4WidthInches): number {
  return Math.min(1, (maxDpi * pageWidthInches) / width);
}

/**
 * Grey from a canvas's own pixel buffer (no copy through getImageData). The page was
 * drawn on white, so every pixel is opaque, and the green byte is at the same place in
 * RGBA and BGRA order.
 */
function grayFromCanvasPixels(raw: Buffer, width: number, height: number): GrayImage {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 1; i < data.length; i++, j += 4) data[i] = raw[j];
  return { width, height, data };
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

/** A TIFF's pages, decoded by sharp (libtiff: G4, LZW, JPEG…) one at a time; by utif2 when libtiff refuses the file. */
async function* tiffPages(bytes: Buffer): AsyncGenerator<ScanPage> {
  let pages: number;
  try {
    const sharp = await loadSharp();
    pages = (await sharp(bytes).metadata()).pages ?? 1;
  } catch {
    yield* utifPages(bytes);
    return;
  }
  for (let i = 0; i < pages; i++) {
    try {
      yield { page: i + 1, image: await decodeImageBytes(bytes, i) };
    } catch (error) {
      yield { page: i + 1, problem: `cannot be decoded (${reason(error)})` };
    }
  }
}

async function* utifPages(bytes: Buffer): AsyncGenerator<ScanPage> {
  const { default: UTIF } = await import('utif2');
  let frames: ReturnType<typeof UTIF.decode>;
  try {
    frames = UTIF.decode(bytes);
  } catch (error) {
    yield { page: 1, problem: `cannot be decoded as a TIFF image (${reason(error)})` };
    return;
  }
  for (const [i, frame] of frames.entries()) {
    // A directory without a size (a damaged file's) describes no page.
    if (!(frame.width > 0 && frame.height > 0)) continue;
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

async function* pdfPages(bytes: Buffer): AsyncGenerator<ScanPage> {
  const [{ PDFDocument }, { pageImageFile }] = await Promise.all([
    import('../../../pdf-lib.js'),
    import('./pdf-image.js'),
  ]);
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
        // A page that is one JPEG, G4 or Flate image is handed on as a file of it: it is decoded natively where it is read.
        const encoded = pageImageFile(doc, i);
        const encodedTooLarge = encoded && imageBytesProblem(encoded);
        if (encodedTooLarge) yield { page: i + 1, problem: encodedTooLarge };
        else if (encoded) {
          yield { page: i + 1, encoded };
          continue;
        }
        const damaged = pdfPageImageDamage(doc, i);
        if (damaged) {
          yield { page: i + 1, problem: damaged };
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
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
  return canvas;
}

type ObjectStore = { get(id: string, callback?: unknown): unknown };

/**
 * Calls `failed` for each image pdf.js could not decode. pdf.js draws such an image as nothing
 * and says so only in a warning; what it hands the canvas for it is null, so the object
 * store is watched for images resolved to null.
 */
function watchImages(objs: ObjectStore, failed: (id: string) => void): void {
  const get = objs.get.bind(objs);
  objs.get = (id: string, callback?: unknown) => {
    const data = get(id, callback);
    if (callback == null && data == null && id.includes('img_')) failed(id);
    return data;
  };
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
  let damaged = 0; // images of the page being drawn that pdf.js left out
  let first = true;
  return {
    async page(n) {
      const page = await doc.getPage(n);
      // Images shared by pages are kept in the document's store, each page's in its own.
      if (first) watchImages(page.commonObjs as ObjectStore, () => damaged++);
      first = false;
      watchImages(page.objs as ObjectStore, () => damaged++);
      damaged = 0;
      const canvas = await renderPage(page, maxDpi);
      page.cleanup();
      // Without its images the page would read as blank, or as no test at all.
      if (damaged > 0) throw new Error('an image on it is damaged; scan it again');
      return grayFromCanvasPixels(canvas.data(), canvas.width, canvas.height);
    },
    close: () => doc.destroy(),
  };
}
