// Decoding a page image to grey pixels at the resolution the reader works at: 100 to 150
// dpi. A 5.5 mm box is 22 to 32 pixels wide there, plenty to measure, and the page code's
// 0.5 mm modules are read from an enlarged crop; a smaller image is faster to search and measure.
//
// JPEG and PNG pages (a PDF page that is one JPEG, or an image file) are decoded by sharp
// (libvips, libjpeg-turbo) straight to the reading resolution: a JPEG is decoded at half or
// a quarter of its size by the codec itself (shrink-on-load), which is most of a page's cost
// saved. This runs on the page readers' threads, which load nothing else to decode (see
// decode.ts for taking pages out of their files).
import { oneBitDeflateTiff, shrinkBits } from './bits.js';
import { a4Shaped, type GrayImage } from './image.js';

/** The finest resolution pages are read at, in dots per inch. */
export const maxDpi = 150;
/** The coarsest: the page code's modules are 2 pixels here, boxes 22. */
export const minDpi = 100;
export const a4WidthInches = 210 / 25.4;

/**
 * sharp, loaded when a page is first decoded (not before a file's header is checked). Pages are
 * decoded on several threads already (page-readers.ts): one libvips thread each, and nothing
 * cached between pages, so memory stays one page's worth per thread.
 */
type Sharp = typeof import('sharp').default;
let loaded: Promise<Sharp> | undefined;
export function loadSharp(): Promise<Sharp> {
  loaded ??= import('sharp').then(({ default: sharp }) => {
    sharp.concurrency(1);
    sharp.cache(false);
    return sharp;
  });
  return loaded;
}

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

/**
 * The width to read an image at. A JPEG is decoded at 1/2 (1/4, 1/8) of its size by the codec
 * only when at least a third is taken off in all (libvips leaves room for its own resize), so
 * one of 300 dpi or more is read at a third of its resolution (100 dpi for 300, 150 for 450);
 * anything else at its own resolution up to maxDpi (a 1-bit Deflate page by bits.ts, each pixel
 * the share of white in the bits it covers). The resolution is the paper's width in pixels over
 * its inches: the image's width, or its height for a page scanned sideways (an image shaped like
 * A4 lying on its long side, turned upright by the reader), so that it is read as finely.
 */
export function readingWidth(width: number, height: number, jpeg: boolean): number {
  const sideways = width > height && a4Shaped(width, height);
  const dpi = (sideways ? height : width) / a4WidthInches;
  // 2.9: a 300 dpi A4 scan is 2480 pixels, 299.96 dpi by the paper's width.
  if (jpeg && dpi >= 2.9 * minDpi) return Math.floor(width / Math.max(3, dpi / maxDpi));
  return Math.max(1, Math.round(Math.min(width, (width * maxDpi) / dpi)));
}

/** An encoded image (JPEG, PNG, TIFF: its `page`, from 0) as grey pixels at the reading resolution. */
export async function decodeImageBytes(bytes: Uint8Array, page = 0): Promise<GrayImage> {
  const bits = page === 0 ? oneBitDeflateTiff(bytes) : undefined;
  const grey = bits && shrinkBits(bits, readingWidth(bits.width, bits.height, false));
  if (grey) return grey;
  const sharp = await loadSharp();
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { width, height, format, hasAlpha, channels } = await sharp(input, { page }).metadata();
  if (!width || !height) throw new Error('no image size');
  let pipeline = sharp(input, { sequentialRead: true, page });
  // Transparent pixels (PNGs without a background) are paper.
  if (hasAlpha) pipeline = pipeline.flatten({ background: '#ffffff' });
  const target = readingWidth(width, height, format === 'jpeg');
  if (target !== width) pipeline = pipeline.resize({ width: target, kernel: 'linear' });
  // Colour pages are read by their green channel: dark for black, blue and red pens alike,
  // and a third of the cost of a weighted grey.
  // A grey image is said to be grey on the way out too: libvips otherwise hands back three
  // channels of it (sRGB), which cost a conversion there and a copy here.
  if ((channels ?? 1) >= 3) pipeline = pipeline.extractChannel(1);
  else pipeline = pipeline.greyscale();
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  // One channel already: a plain Uint8Array over sharp's memory, not a copy (nor the Buffer
  // itself, whose other class would make the reader's loops polymorphic).
  if (info.channels === 1)
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  const gray = new Uint8Array(info.width * info.height);
  for (let i = 0, j = 0; i < gray.length; i++, j += info.channels) gray[i] = data[j];
  return { width: info.width, height: info.height, data: gray };
}
