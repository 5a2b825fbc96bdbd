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
 * The bits as grey at `width` pixels a row: each grey pixel the share of white in the square
 * of bits it covers (k × k bits, k = the image's width / `width`, a block's edge bits counted
 * by the part of them inside it). Undefined when the strip does not inflate to the image's size.
 */
export function shrinkBits(image: OneBitTiff, width: number): GrayImage | undefined {
  let bits: Buffer;
  try {
    bits = inflateSync(image.strip);
  } catch {
    return undefined;
  }
  const row = Math.ceil(image.width / 8);
  if (bits.byteLength < row * image.height || width < 1) return undefined;
  const k = image.width / width;
  const w = width;
  const h = Math.max(1, Math.round(image.height / k));
  // Where each bit goes: the block it starts in, and the share of it inside that block (the
  // rest is in the next one).
  const split = (n: number, cells: number) => {
    const cell = new Int32Array(n);
    const share = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      cell[i] = Math.floor(i / k);
      share[i] = Math.min(1, (cell[i] + 1) * k - i);
      if (cell[i] >= cells) cell[i] = -1;
    }
    return { cell, share };
  };
  const cols = split(image.width, w);
  const rows = split(image.height, h);
  // Black per block, one row of blocks more than the image, one column more, so a bit's share
  // in the next block needs no test.
  const stride = w + 1;
  const black = new Float32Array(stride * (h + 1));
  // A byte with no black bit: all 1s where 1 is white, all 0s where 1 is black.
  const paper = image.whiteIsZero ? 0x00 : 0xff;
  const blackBit = image.whiteIsZero ? 1 : 0;
  for (let y = 0; y < image.height; y++) {
    const Y = rows.cell[y];
    if (Y < 0) continue;
    const b = rows.share[y];
    const start = y * row;
    for (let byteAt = 0; byteAt < row; byteAt++) {
      const byte = bits[start + byteAt];
      if (byte === paper) continue;
      for (let i = 0; i < 8; i++) {
        const x = byteAt * 8 + i;
        if (x >= image.width || ((byte >> (7 - i)) & 1) !== blackBit) continue;
        const X = cols.cell[x];
        if (X < 0) continue;
        const a = cols.share[x];
        const at = Y * stride + X;
        black[at] += a * b;
        black[at + 1] += (1 - a) * b;
        black[at + stride] += a * (1 - b);
        black[at + stride + 1] += (1 - a) * (1 - b);
      }
    }
  }
  const scale = 255 / (k * k);
  const data = new Uint8Array(w * h);
  for (let Y = 0; Y < h; Y++)
    for (let X = 0, from = Y * stride, to = Y * w; X < w; X++) {
      const grey = 255.5 - black[from + X] * scale;
      data[to + X] = grey < 0 ? 0 : grey;
    }
  return { width: w, height: h, data };
}
