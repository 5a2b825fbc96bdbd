// Finding the four registration marks of a scanned page: in each corner of the image, the
// dark blob nearest the corner that is a solid square of about the mark's size. Text,
// table lines and the QR code are never solid squares of that size, so they are passed by.
import { registration, type Point } from '../../../sheet/page-code.js';
import { mm, paperSizes } from '../../../sheet/paper.js';
import type { GrayImage } from './image.js';

/**
 * How far into the image from each corner marks are looked for, across and down: the far
 * edge of a mark (registration) on a 95 % copy turned 3° and shifted 6 mm is 34.5 and 39.5 mm in.
 */
const windowX = mm(37);
const windowY = mm(42);
/** A pixel darker than this is ink for finding marks (marks are printed solid black). */
const darkLevel = 128;

export interface FoundMarks {
  /**
   * Centres in image pixels: the image's top-left, top-right, bottom-left, bottom-right
   * corner; undefined for a mark not found (off the image on a skewed or enlarged copy).
   */
  centres: [Point | undefined, Point | undefined, Point | undefined, Point | undefined];
  /** The mean grey inside the marks: the scan's black. */
  black: number;
}

/** Pixels per point if the image is an A4 page edge to edge (a scan of the whole glass is close). */
export const nominalScale = (image: GrayImage): number => image.width / paperSizes.A4.width;

interface Blob {
  count: number;
  sumX: number;
  sumY: number;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  sumGray: number;
}

/** The mark in one corner window, or undefined. `cornerX/Y` is the image corner. */
function findInWindow(
  image: GrayImage,
  x0: number,
  y0: number,
  w: number,
  h: number,
  corner: Point,
  size: number,
): Blob | undefined {
  const seen = new Uint8Array(w * h);
  const stack: number[] = [];
  let best: Blob | undefined;
  let bestDistance = Infinity;
  const visit = (next: number, nx: number, ny: number) => {
    if (seen[next] || image.data[(y0 + ny) * image.width + x0 + nx] >= darkLevel) return;
    seen[next] = 1;
    stack.push(next);
  };
  for (let sy = 0; sy < h; sy++) {
    for (let sx = 0; sx < w; sx++) {
      const start = sy * w + sx;
      if (seen[start] || image.data[(y0 + sy) * image.width + x0 + sx] >= darkLevel) continue;
      const blob: Blob = { count: 0, sumX: 0, sumY: 0, minX: sx, maxX: sx, minY: sy, maxY: sy, sumGray: 0 };
      seen[start] = 1;
      stack.push(start);
      while (stack.length > 0) {
        const at = stack.pop()!;
        const x = at % w;
        const y = (at - x) / w;
        const gray = image.data[(y0 + y) * image.width + x0 + x];
        blob.count++;
        blob.sumX += x;
        blob.sumY += y;
        blob.sumGray += gray;
        if (x < blob.minX) blob.minX = x;
        if (x > blob.maxX) blob.maxX = x;
        if (y < blob.minY) blob.minY = y;
        if (y > blob.maxY) blob.maxY = y;
        if (x > 0) visit(at - 1, x - 1, y);
        if (x < w - 1) visit(at + 1, x + 1, y);
        if (y > 0) visit(at - w, x, y - 1);
        if (y < h - 1) visit(at + w, x, y + 1);
      }
      const bw = blob.maxX - blob.minX + 1;
      const bh = blob.maxY - blob.minY + 1;
      const square =
        bw >= 0.6 * size &&
        bw <= 1.5 * size &&
        bh >= 0.6 * size &&
        bh <= 1.5 * size &&
        Math.abs(bw - bh) <= 0.25 * Math.max(bw, bh);
      if (!square || blob.count < 0.75 * bw * bh) continue;
      const cx = x0 + blob.sumX / blob.count;
      const cy = y0 + blob.sumY / blob.count;
      const distance = Math.hypot(cx - corner.x, cy - corner.y);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = { ...blob, sumX: blob.sumX + x0 * blob.count, sumY: blob.sumY + y0 * blob.count };
      }
    }
  }
  return best;
}

/** The marks, or undefined when fewer than three are found (three and the page code fix the page). */
export function findMarks(image: GrayImage): FoundMarks | undefined {
  const scale = nominalScale(image);
  const size = registration.markSize * scale;
  const w = Math.min(image.width >> 1, Math.round(windowX * scale));
  const h = Math.min(image.height >> 1, Math.round(windowY * scale));
  const corners = [
    { x0: 0, y0: 0, corner: { x: 0, y: 0 } },
    { x0: image.width - w, y0: 0, corner: { x: image.width, y: 0 } },
    { x0: 0, y0: image.height - h, corner: { x: 0, y: image.height } },
    { x0: image.width - w, y0: image.height - h, corner: { x: image.width, y: image.height } },
  ];
  const blobs = corners.map(({ x0, y0, corner }) => findInWindow(image, x0, y0, w, h, corner, size));
  const found = blobs.filter((b): b is Blob => b !== undefined);
  if (found.length < 3) return undefined;
  const centres = blobs.map((b) =>
    b ? { x: b.sumX / b.count + 0.5, y: b.sumY / b.count + 0.5 } : undefined,
  ) as FoundMarks['centres'];
  const black = found.reduce((sum, b) => sum + b.sumGray, 0) / found.reduce((sum, b) => sum + b.count, 0);
  return { centres, black };
}
