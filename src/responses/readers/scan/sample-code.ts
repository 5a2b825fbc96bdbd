// The page code read the quick way: once the corner marks map the page, the code's 21×21
// modules are where the test prints them, so each is sampled at its centre and the grid is
// decoded as the QR code it must be (version 1, error correction Q, digits). No search for
// finder patterns, no copy of the image: a few hundred samples instead of jsQR's pass over a
// crop, which cost as much as the rest of the page's reading. Only a grid that is a whole,
// unblemished code is taken (its format bits exact, all 13 Reed–Solomon checks zero, the text
// one of ours); anything less returns undefined and read-code.ts lets jsQR look, as before.
import { decodePageCode, qrSquare, registration, type PageCode } from '../../../sheet/page-code.js';
import { paperSizes } from '../../../sheet/paper.js';
import type { GrayImage } from './image.js';
import { apply, type Affine } from './transform.js';

const size = registration.qrModules; // 21: version 1

/** GF(256) with the QR polynomial x⁸+x⁴+x³+x²+1: α to a power, and back. */
const exp = new Uint8Array(512);
const log = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i++) {
  exp[i] = x;
  log[x] = i;
  x <<= 1;
  if (x & 0x100) x ^= 0x11d;
}
for (let i = 255; i < 512; i++) exp[i] = exp[i - 255];

/** Whether the codewords (data then check words) make a Reed–Solomon codeword with `checks` check words. */
export function reedSolomonValid(codewords: Uint8Array | number[], checks: number): boolean {
  // Every syndrome c(αⁱ), i = 0 … checks−1, is zero (Horner's rule).
  for (let i = 0; i < checks; i++) {
    let s = 0;
    for (const c of codewords) s = (s === 0 ? 0 : exp[log[s] + i]) ^ c;
    if (s !== 0) return false;
  }
  return true;
}

/** The 15 format bits as printed for error correction Q (binary 11) and each of the 8 masks. */
const formatQ = Array.from({ length: 8 }, (_, mask) => {
  const data = (0b11 << 3) | mask;
  let rem = data << 10;
  for (let bit = 14; bit >= 10; bit--) if (rem & (1 << bit)) rem ^= 0x537 << (bit - 10);
  return ((data << 10) | rem) ^ 0x5412;
});

/** The data masks of ISO/IEC 18004, by row y and column x: true where a module is inverted. */
const masks: ((y: number, x: number) => boolean)[] = [
  (y, x) => (x + y) % 2 === 0,
  (y) => y % 2 === 0,
  (_, x) => x % 3 === 0,
  (y, x) => (x + y) % 3 === 0,
  (y, x) => (Math.floor(y / 2) + Math.floor(x / 3)) % 2 === 0,
  (y, x) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (y, x) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (y, x) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

/** Finder patterns with their separators and format bits, and the timing lines: not data. */
const isFunction = (x: number, y: number) =>
  (x < 9 && y < 9) || (x >= size - 8 && y < 9) || (x < 9 && y >= size - 8) || x === 6 || y === 6;

/** The data modules in reading order: two columns at a time from the right, up then down. */
const dataOrder: [number, number][] = [];
for (let col = size - 1, up = true; col > 0; col -= 2, up = !up) {
  if (col === 6) col--; // the vertical timing line
  for (let i = 0; i < size; i++) {
    const y = up ? size - 1 - i : i;
    for (const x of [col, col - 1]) if (!isFunction(x, y)) dataOrder.push([x, y]);
  }
}

/** The grid's text, when it is a valid version 1-Q code in numeric mode; `dark(x, y)` for column x, row y. */
export function decodeGrid(dark: (x: number, y: number) => boolean): string | undefined {
  const bit = (x: number, y: number) => (dark(x, y) ? 1 : 0);
  // Format bits around the top-left finder, most significant first; the copy by the other two must agree.
  let first = 0;
  for (let x = 0; x <= 8; x++) if (x !== 6) first = (first << 1) | bit(x, 8);
  for (let y = 7; y >= 0; y--) if (y !== 6) first = (first << 1) | bit(8, y);
  let second = 0;
  for (let y = size - 1; y >= size - 7; y--) second = (second << 1) | bit(8, y);
  for (let x = size - 8; x < size; x++) second = (second << 1) | bit(x, 8);
  const mask = formatQ.indexOf(first);
  if (mask < 0 || second !== first) return undefined;
  const inverted = masks[mask];
  const codewords = new Uint8Array(dataOrder.length / 8);
  dataOrder.forEach(([x, y], i) => {
    const b = bit(x, y) ^ (inverted(y, x) ? 1 : 0);
    codewords[i >> 3] |= b << (7 - (i & 7));
  });
  if (codewords.length !== 26 || !reedSolomonValid(codewords, 13)) return undefined;
  return numericText(codewords.subarray(0, 13));
}

/** The digits of a numeric-mode segment (mode 0001, a 10-bit count, 3 digits in 10 bits). */
function numericText(data: Uint8Array): string | undefined {
  let at = 0;
  const take = (n: number) => {
    let v = 0;
    for (let i = 0; i < n; i++, at++) v = (v << 1) | ((data[at >> 3] >> (7 - (at & 7))) & 1);
    return v;
  };
  if (take(4) !== 0b0001) return undefined;
  const count = take(10);
  if (4 + 10 + Math.ceil((count * 10) / 3) > data.length * 8) return undefined;
  let text = '';
  for (let left = count; left > 0; left -= 3) {
    const digits = Math.min(3, left);
    const value = take(digits === 3 ? 10 : digits === 2 ? 7 : 4);
    if (value >= 10 ** digits) return undefined;
    text += String(value).padStart(digits, '0');
  }
  return text;
}

/** Grey at a point of the image, interpolated between its four pixels; white outside it. */
function sample(image: GrayImage, x: number, y: number): number {
  const fx = x - 0.5;
  const fy = y - 0.5;
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  if (x0 < 0 || y0 < 0 || x0 + 1 >= image.width || y0 + 1 >= image.height) return 255;
  const tx = fx - x0;
  const ty = fy - y0;
  const d = image.data;
  const i = y0 * image.width + x0;
  const top = d[i] * (1 - tx) + d[i + 1] * tx;
  const bottom = d[i + image.width] * (1 - tx) + d[i + image.width + 1] * tx;
  return top * (1 - ty) + bottom * ty;
}

/**
 * The page code sampled where `transform` (page points to image pixels, near the code) puts
 * its modules, or undefined when the grid is not a whole code of ours. A module is dark when
 * its centre is darker than midway between the grid's dark and light modules.
 */
export function sampleCode(image: GrayImage, transform: Affine): PageCode | undefined {
  const square = qrSquare(paperSizes.A4.width, paperSizes.A4.height);
  const module = registration.qrModule;
  const grey = new Float64Array(size * size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const p = apply(transform, { x: square.x + (x + 0.5) * module, y: square.y + (y + 0.5) * module });
      grey[y * size + x] = sample(image, p.x, p.y);
    }
  // A code is about half dark: the threshold lies between the lighter and the darker fifth.
  const sorted = Float64Array.from(grey).sort();
  const low = sorted[Math.floor(sorted.length * 0.2)];
  const high = sorted[Math.floor(sorted.length * 0.8)];
  // Too little contrast is no code (a blank corner, the page upside down): jsQR may look.
  if (high - low < 40) return undefined;
  const threshold = (low + high) / 2;
  const text = decodeGrid((x, y) => grey[y * size + x] < threshold);
  return text === undefined ? undefined : decodePageCode(text);
}
