// A 1-bit Deflate page (a copier's black-and-white PDF page, which pdf-image.ts wraps in a
// one-strip TIFF) decoded straight to grey at the reading resolution: the bits are inflated
// and every k × k block becomes one grey pixel, the share of white in it. libvips would
// first widen every bit to a byte of a full-size image (4 MB at 200 dpi), which is most of
// its cost; here only the bytes that hold any black are looked at (a page is mostly paper),
// each half byte's black spread along its row of blocks by a table made once per width, and
// only the blocks that got any black are visited again.
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
  const rows = split(image.height, h, k);
  const { base, span, weights } = nibbles(image.width, w);
  // Black per block, for the row of blocks being summed and the next (one column more, so a
  // bit's share in the next block needs no test), with the blocks each has touched: a row of
  // bits is first summed along (`along`, at the blocks its half bytes touched), then shared
  // between its two rows of blocks; a row of blocks no row of bits reaches any more is made
  // grey. Only blocks with black are visited.
  const stride = w + 1;
  let current = new Float64Array(stride);
  let next = new Float64Array(stride);
  let currentAt = new Int32Array(stride);
  let nextAt = new Int32Array(stride);
  let currentCount = 0;
  let nextCount = 0;
  const along = new Float64Array(stride + span);
  const touched = new Int32Array(row * 2);
  const scale = 255 / (k * k);
  // Most blocks hold no black: white (255.5 - 0, truncated).
  const data = new Uint8Array(w * h).fill(255);
  let done = 0;
  const finish = () => {
    for (let i = 0, to = done * w; i < currentCount; i++) {
      const X = currentAt[i];
      const g = 255.5 - current[X] * scale;
      if (X < w) data[to + X] = g < 0 ? 0 : g | 0;
      current[X] = 0;
    }
    [current, next, currentAt, nextAt, currentCount, nextCount] = [next, current, nextAt, currentAt, nextCount, 0];
    done++;
  };
  // A byte with no black bit: all 1s where 1 is white, all 0s where 1 is black.
  const paper = image.whiteIsZero ? 0x00 : 0xff;
  const flip = image.whiteIsZero ? 0 : 0xff;
  for (let y = 0; y < image.height; y++) {
    const Y = rows.cell[y];
    if (Y < 0) continue;
    while (done < Y) finish();
    const start = y * row;
    let count = 0;
    for (let byteAt = 0; byteAt < row; byteAt++) {
      const byte = bits[start + byteAt];
      if (byte === paper) continue;
      const blackBits = byte ^ flip;
      for (let half = 0; half < 2; half++) {
        const nibble = half === 0 ? blackBits >> 4 : blackBits & 15;
        const at = byteAt * 2 + half;
        const from = base[at];
        if (nibble === 0 || from < 0) continue;
        const table = (at * 16 + nibble) * span;
        for (let s = 0; s < span; s++) along[from + s] += weights[table + s];
        touched[count++] = from;
      }
    }
    const b = rows.share[y];
    for (let i = 0; i < count; i++) {
      for (let X = touched[i], end = X + span; X < end; X++) {
        const a = along[X];
        if (a === 0) continue;
        along[X] = 0;
        if (current[X] === 0) currentAt[currentCount++] = X;
        current[X] += a * b;
        if (b === 1) continue;
        if (next[X] === 0) nextAt[nextCount++] = X;
        next[X] += a * (1 - b);
      }
    }
  }
  while (done < h) finish();
  return { width: w, height: h, data };
}

/** Where each bit goes: the block it starts in (-1 past the last), and the share of it inside that block (the rest is in the next one). */
function split(n: number, cells: number, k: number) {
  const cell = new Int32Array(n);
  const share = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    cell[i] = Math.floor(i / k);
    share[i] = Math.min(1, (cell[i] + 1) * k - i);
    if (cell[i] >= cells) cell[i] = -1;
  }
  return { cell, share };
}

interface Nibbles {
  /** The first block each half byte of a row touches (-1: none), by half byte. */
  base: Int32Array;
  /** How many blocks a half byte touches at most. */
  span: number;
  /** By half byte, then its 16 values: the black it adds to each of its `span` blocks. */
  weights: Float64Array;
}

// The same widths come page after page: the tables are made once.
let lastNibbles: { width: number; w: number; tables: Nibbles } | undefined;

/** What each half byte of a row adds to its blocks along the row, for each of its 16 values. */
function nibbles(width: number, w: number): Nibbles {
  if (lastNibbles?.width === width && lastNibbles.w === w) return lastNibbles.tables;
  const cols = split(width, w, width / w);
  const halves = Math.ceil(width / 8) * 2;
  const base = new Int32Array(halves).fill(-1);
  let span = 1;
  for (let at = 0; at < halves; at++) {
    for (let i = 0; i < 4; i++) {
      const x = at * 4 + i;
      if (x >= width || cols.cell[x] < 0) continue;
      if (base[at] < 0) base[at] = cols.cell[x];
      span = Math.max(span, cols.cell[x] + 2 - base[at]);
    }
  }
  const weights = new Float64Array(halves * 16 * span);
  for (let at = 0; at < halves; at++) {
    for (let nibble = 1; nibble < 16; nibble++) {
      const table = (at * 16 + nibble) * span;
      for (let i = 0; i < 4; i++) {
        const x = at * 4 + i;
        if (((nibble >> (3 - i)) & 1) === 0 || x >= width || cols.cell[x] < 0) continue;
        const to = table + cols.cell[x] - base[at];
        weights[to] += cols.share[x];
        weights[to + 1] += 1 - cols.share[x];
      }
    }
  }
  const tables = { base, span, weights };
  lastNibbles = { width, w, tables };
  return tables;
}
