// The size an image file declares, read from its header without decoding it: a JPEG of a
// few hundred bytes can claim 65 500 × 65 500 pixels, and a decoder asked for that takes
// gigabytes or aborts the process. The size is checked against the pixel budget (limits.ts)
// before any decoder sees the bytes.
import { countText, type ImageSize, imageSizeProblem, maxImagePixels } from '../limits.js';

const isJpeg = (b: Uint8Array) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8;
const isPng = (b: Uint8Array) =>
  b.length > 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[12] === 0x49;

/**
 * A JPEG's size from its frame header (SOFn), when its segments lead from the start of the
 * file through the frame header to the start of the image data (SOS), as every encoder writes
 * them; undefined otherwise.
 */
function jpegSize(b: Uint8Array): ImageSize | undefined {
  let size: ImageSize | undefined;
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) return undefined; // not in a header
    if (marker === 0xda) return size; // the image data: the header is whole
    if (marker === 0xd9) return undefined;
    const length = (b[i + 2] << 8) | b[i + 3];
    if (length < 2) return undefined;
    const sof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (sof) {
      if (size || length < 8 || i + 9 >= b.length) return undefined;
      size = { height: (b[i + 5] << 8) | b[i + 6], width: (b[i + 7] << 8) | b[i + 8] };
    }
    i += 2 + length;
  }
  return undefined;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(b: Uint8Array, from: number, to: number): number {
  let c = 0xffffffff;
  for (let i = from; i < to; i++) c = crcTable[(c ^ b[i]) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Whether a PNG's chunks are whole: each chunk's length within the file and its checksum
 * right, from IHDR to IEND. A decoder given a chunk of the wrong length can crash the process.
 */
function pngWhole(b: Uint8Array): boolean {
  let i = 8;
  let first = true;
  while (i + 12 <= b.length) {
    const length = u32be(b, i);
    const type = String.fromCharCode(b[i + 4], b[i + 5], b[i + 6], b[i + 7]);
    if ((first && type !== 'IHDR') || i + 12 + length > b.length) return false;
    if (crc32(b, i + 4, i + 8 + length) !== u32be(b, i + 8 + length)) return false;
    if (type === 'IEND') return true;
    first = false;
    i += 12 + length;
  }
  return false;
}

const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;

/** Every frame's size in a TIFF file (each IFD's ImageWidth and ImageLength). */
function tiffSizes(b: Uint8Array): ImageSize[] {
  const little = b[0] === 0x49 && b[1] === 0x49;
  if (!little && !(b[0] === 0x4d && b[1] === 0x4d)) return [];
  const u16 = (i: number) => (i + 1 < b.length ? (little ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1]) : 0);
  const u32 = (i: number) =>
    i + 3 < b.length ? (little ? (u16(i) | (u16(i + 2) << 16)) >>> 0 : ((u16(i) << 16) | u16(i + 2)) >>> 0) : 0;
  const sizes: ImageSize[] = [];
  const visited = new Set<number>();
  let ifd = u32(4);
  // A frame list that loops back, or is absurdly long, ends the walk: the decoder reports it.
  while (ifd > 0 && ifd < b.length && !visited.has(ifd) && visited.size < 10_000) {
    visited.add(ifd);
    const count = u16(ifd);
    let width = 0;
    let height = 0;
    for (let e = 0; e < count; e++) {
      const at = ifd + 2 + e * 12;
      if (at + 12 > b.length) break;
      const tag = u16(at);
      const type = u16(at + 2);
      const value = type === 3 ? u16(at + 8) : u32(at + 8);
      if (tag === 256) width = value;
      else if (tag === 257) height = value;
    }
    sizes.push({ width, height });
    ifd = u32(ifd + 2 + count * 12);
  }
  return sizes;
}

/** The sizes an image file declares: one for a JPEG or PNG, one per frame for a TIFF. */
export function declaredSizes(bytes: Uint8Array): ImageSize[] {
  if (isPng(bytes)) return [{ width: u32be(bytes, 16), height: u32be(bytes, 20) }];
  if (isJpeg(bytes)) {
    const size = jpegSize(bytes);
    return size ? [size] : [];
  }
  return tiffSizes(bytes);
}

/** Whether `marker` is among the last bytes of the file (after which encoders may pad). */
function endsWith(bytes: Uint8Array, marker: number[]): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(-1024);
  return tail.includes(Buffer.from(marker));
}

/** What is broken in a JPEG's structure: its header, or its end (cut short); undefined when whole. */
function jpegDamage(bytes: Uint8Array): 'header' | 'end' | undefined {
  if (!jpegSize(bytes)) return 'header';
  return endsWith(bytes, [0xff, 0xd9]) ? undefined : 'end';
}

const isTiff = (b: Uint8Array) =>
  b.length > 8 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 42) || (b[0] === 0x4d && b[1] === 0x4d && b[3] === 42));

/**
 * Why an image file (JPEG, PNG, TIFF) is not decoded, or undefined. The native decoder is
 * given only a JPEG whose header is whole or a PNG whose chunks are whole: it can crash the
 * process on a broken one. A JPEG or PNG cut short is refused too: the decoder fills the
 * missing end with grey or white, and the page would pass as blank or as no test at all.
 */
export function imageBytesProblem(bytes: Uint8Array): string | undefined {
  for (const size of declaredSizes(bytes)) {
    const problem = imageSizeProblem(size);
    if (problem) return problem;
  }
  const again = 'scan it or send it again';
  if (isTiff(bytes)) return undefined; // decoded in JavaScript (utif2), which reports what it cannot read
  if (isJpeg(bytes)) {
    const damage = jpegDamage(bytes);
    if (damage === 'header') return `is a damaged JPEG (its header cannot be read); ${again}`;
    if (damage === 'end') return `is an image cut short (its end is missing); ${again}`;
    return undefined;
  }
  if (isPng(bytes)) {
    if (!endsWith(bytes, [0x49, 0x45, 0x4e, 0x44])) return `is an image cut short (its end is missing); ${again}`;
    if (!pngWhole(bytes)) return `is a damaged PNG (a part of it does not match its checksum); ${again}`;
    return undefined;
  }
  return 'is not a JPEG, PNG or TIFF image (or is damaged); scan to one of these, or to PDF';
}

// The PDF objects are looked at by shape, not by class: the document may come from either of
// pdf-lib's builds (src/pdf-lib.ts or the package's main entry), whose classes differ.
interface DictLike {
  lookup(key: unknown): unknown;
  entries(): [unknown, unknown][];
}
interface PdfLike {
  getPage(index: number): { getSize(): { width: number; height: number }; node: DictLike };
  context: { lookup(ref: unknown): unknown };
}
const isDict = (o: unknown): o is DictLike =>
  typeof (o as DictLike | undefined)?.entries === 'function' && typeof (o as DictLike).lookup === 'function';
const numberOf = (o: unknown): number | undefined =>
  typeof (o as { asNumber?: unknown } | undefined)?.asNumber === 'function'
    ? (o as { asNumber(): number }).asNumber()
    : undefined;
const nameOf = (o: unknown): string | undefined =>
  typeof (o as { asString?: unknown } | undefined)?.asString === 'function' && String(o).startsWith('/')
    ? String(o)
    : undefined;

interface PageImage {
  width?: number;
  height?: number;
  /** The stream's bytes when its only filter is DCTDecode: a JPEG file as it is. */
  jpeg?: Uint8Array;
}

/** Every image a PDF page draws, through its form XObjects (inherited resources included). */
function pageImages(doc: PdfLike, index: number): PageImage[] {
  const get = (dict: DictLike, key: string): unknown => {
    const entry = dict.entries().find(([k]) => String(k) === `/${key}`);
    return entry ? doc.context.lookup(entry[1]) : undefined;
  };
  const images: PageImage[] = [];
  const seen = new Set<unknown>();
  const visit = (resources: unknown, depth: number) => {
    const xobjects = isDict(resources) ? get(resources, 'XObject') : undefined;
    if (!isDict(xobjects) || depth > 8) return;
    for (const [, ref] of xobjects.entries()) {
      const object = doc.context.lookup(ref);
      const dict = isDict(object) ? object : (object as { dict?: unknown } | undefined)?.dict;
      if (!isDict(dict) || seen.has(dict)) continue;
      seen.add(dict);
      const subtype = nameOf(get(dict, 'Subtype'));
      if (subtype === '/Image') {
        const filter = get(dict, 'Filter');
        const only = isArrayLike(filter) && filter.size() === 1 ? doc.context.lookup(filter.get(0)) : filter;
        const contents = (object as { contents?: unknown }).contents;
        images.push({
          width: numberOf(get(dict, 'Width')),
          height: numberOf(get(dict, 'Height')),
          jpeg: nameOf(only) === '/DCTDecode' && contents instanceof Uint8Array ? contents : undefined,
        });
      } else if (subtype === '/Form') visit(get(dict, 'Resources'), depth + 1);
    }
  };
  // Resources may be inherited from the page tree; pdf-lib's Resources() walks up to find them.
  const node = doc.getPage(index).node as DictLike & { Resources?: () => unknown };
  visit(node.Resources ? node.Resources() : get(node, 'Resources'), 0);
  return images;
}

const isArrayLike = (o: unknown): o is { size(): number; get(i: number): unknown } =>
  typeof (o as { size?: unknown } | undefined)?.size === 'function' &&
  typeof (o as { get?: unknown }).get === 'function';

/** The page itself at `dpi`, or the biggest image it draws, when either is over the pixel budget. */
export function pdfPageSizeProblem(doc: PdfLike, index: number, dpi: number): string | undefined {
  const { width, height } = doc.getPage(index).getSize();
  const pixels = { width: Math.round((Math.abs(width) * dpi) / 72), height: Math.round((Math.abs(height) * dpi) / 72) };
  if (imageSizeProblem(pixels)) {
    return `is a page of ${Math.round(width)} × ${Math.round(height)} points, ${pixels.width} × ${pixels.height} pixels at ${dpi} dpi; a scanned page may have at most ${countText(maxImagePixels)} pixels (scan on A4)`;
  }
  for (const { width: w, height: h } of pageImages(doc, index)) {
    const problem = w !== undefined && h !== undefined ? imageSizeProblem({ width: w, height: h }) : undefined;
    if (problem) return `holds an image of ${w} × ${h} pixels${problem.slice(problem.indexOf(';'))}`;
  }
  return undefined;
}

/**
 * Why a JPEG the page draws is damaged, or undefined: pdf.js draws a JPEG cut short as far as
 * it goes, grey or white below, so that the page would pass as blank or as no test at all.
 */
export function pdfPageImageDamage(doc: PdfLike, index: number): string | undefined {
  for (const { jpeg } of pageImages(doc, index)) {
    const damage = jpeg && jpegDamage(jpeg);
    if (damage === 'header') return 'holds a damaged JPEG image (its header cannot be read); scan it again';
    if (damage === 'end') return 'holds a JPEG image cut short (its end is missing); scan it again';
  }
  return undefined;
}
