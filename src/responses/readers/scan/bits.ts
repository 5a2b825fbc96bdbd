// A 1-bit Deflate page (a copier's black-and-white PDF page, which pdf-image.ts wraps in a
// one-strip TIFF) decoded straight to grey at the reading resolution: the bits are inflated
// and every k × k block becomes one grey pixel, the share of white in it. libvips would
// first widen every bit to a byte of a full-size image (4 MB at 200 dpi), which is most of
// its cost; here only the bytes that hold any black are looked at (a page is mostly paper).
import { inflateSync } from 'node:zlib';
import type { GrayImage } from './image.js';

interface OneBitTiff {
  width: number;
  height: number;
  /** 1 bits are black (TIFF's WhiteIsZero). */
  whiteIsZero: boolean;
  strip: Uint8Array;
}

/** The image of a little-endian one-strip 1-bit Deflate TIFF, or undefined for any other file. */
export function oneBitDeflateTiff(file: Uint8Array): OneBitTiff | undefined {
  if (file.byteLength < 16 || file[0] !== 0x49 || file[1] !== 0x49 || file[2] !== 42 || file[3] !== 0) return undefined;
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const ifd = view.getUint32(4, true);
  if (ifd + 2 > file.byteLength) return undefined;
  const count = view.getUint16(ifd, true);
  if (ifd + 2 + count * 12 > file.byteLength) return undefined;
  const tags = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const at = ifd + 2 + i * 12;
    const type = view.getUint16(at + 2, true);
    const n = view.getUint32(at + 4, true);
    if (n !== 1 || (type !== 3 && type !== 4)) continue; // only single SHORT/LONG values matter here
    tags.set(view.getUint16(at, true), type === 3 ? view.getUint16(at + 8, true) : view.getUint32(at + 8, true));
  }
  const width = tags.get(256) ?? 0;
  const height = tags.get(257) ?? 0;
  const offset = tags.get(273);
  const length = tags.get(279);
  const photometric = tags.get(262);
  const deflate = tags.get(259) === 8 || tags.get(259) === 32946;
  const plain = (tags.get(258) ?? 1) === 1 && (tags.get(277) ?? 1) === 1 && (tags.get(317) ?? 1) === 1;
  const oneStrip = (tags.get(278) ?? height) >= height && (tags.get(266) ?? 1) === 1;
  if (!deflate || !plain || !oneStrip || width <= 0 || height <= 0 || offset === undefined || length === undefined)
    return undefined;
  if (photometric !== 0 && photometric !== 1) return undefined;
  if (offset + length > file.byteLength) return undefined;
  return { width, height, whiteIsZero: photometric === 0, strip: file.subarray(offset, offset + length) };
}

/**
 * The bits as grey, each k × k block one pixel (its share of white; the last columns and rows
 * that make no whole block are left off). Undefined when the strip does not inflate to the
 * image's size.
 */
export function shrinkBits(image: OneBitTiff, k: number): GrayImage | undefined {
  let bits: Buffer;
  try {
    bits = inflateSync(image.strip);
  } catch {
    return undefined;
  }
  const { width, height } = image;
  const row = Math.ceil(width / 8);
  if (bits.byteLength < row * height) return undefined;
  const w = Math.floor(width / k);
  const h = Math.floor(height / k);
  const data = new Uint8Array(w * h);
  const black = new Uint16Array(w);
  // A byte with no black pixel: all 1s where 1 is white, all 0s where 1 is black.
  const paper = image.whiteIsZero ? 0x00 : 0xff;
  const blackBit = image.whiteIsZero ? 1 : 0;
  const full = k * k;
  for (let y = 0; y < h; y++) {
    black.fill(0);
    for (let dy = 0; dy < k; dy++) {
      const start = (y * k + dy) * row;
      for (let b = 0; b < row; b++) {
        const byte = bits[start + b];
        if (byte === paper) continue;
        for (let i = 0; i < 8; i++) {
          const x = b * 8 + i;
          if (((byte >> (7 - i)) & 1) === blackBit && x < w * k) black[(x / k) | 0]++;
        }
      }
    }
    const out = y * w;
    for (let x = 0; x < w; x++) data[out + x] = Math.round((255 * (full - black[x])) / full);
  }
  return { width: w, height: h, data };
}
