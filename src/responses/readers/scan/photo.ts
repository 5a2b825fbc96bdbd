// A phone photo of a test page: the sheet lies somewhere in the picture, seen in perspective,
// lit unevenly, with the table around it. The light is evened out first (each pixel against
// the brightest paper near it), then the four corner marks are the solid squares outermost
// toward the picture's corners, and a homography through them maps the page. All four must
// be in the picture: three points cannot fix a perspective.
import { markCentres, registration, type Point } from '../../../sheet/page-code.js';
import { paperSizes } from '../../../sheet/paper.js';
import type { GrayImage } from './image.js';
import { inkReach, paperLevel, type Levels } from './ink.js';
import { nominalScale } from './marks.js';
import { decodeIn } from './read-code.js';
import type { PageCode } from '../../../sheet/page-code.js';
import { applyPageMap, fitHomography, perspective, type Homography, type PageMap } from './transform.js';

/**
 * The image with its lighting evened out: each pixel scaled by the paper's grey around it
 * (the brightest of coarse blocks, so print and marks never count as paper), so that paper
 * reads white in a shadow as in the light and ink keeps its share of the paper's grey.
 */
export function evenLight(image: GrayImage): GrayImage {
  const { width, height, data } = image;
  const block = Math.max(8, Math.round(Math.min(width, height) / 48));
  const bw = Math.ceil(width / block);
  const bh = Math.ceil(height / block);
  const brightest = new Float32Array(bw * bh);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const k = Math.floor(y / block) * bw + Math.floor(x / block);
      if (data[y * width + x] > brightest[k]) brightest[k] = data[y * width + x];
    }
  // A block all ink (inside a filled box or the code) takes the brightest of its neighbours.
  const paper = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++)
    for (let bx = 0; bx < bw; bx++) {
      let max = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const x = bx + dx;
          const y = by + dy;
          if (x >= 0 && y >= 0 && x < bw && y < bh) max = Math.max(max, brightest[y * bw + x]);
        }
      paper[by * bw + bx] = Math.max(32, max);
    }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(bh - 1, Math.max(0, (y + 0.5) / block - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(bh - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(bw - 1, Math.max(0, (x + 0.5) / block - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(bw - 1, x0 + 1);
      const tx = fx - x0;
      const level =
        (paper[y0 * bw + x0] * (1 - tx) + paper[y0 * bw + x1] * tx) * (1 - ty) +
        (paper[y1 * bw + x0] * (1 - tx) + paper[y1 * bw + x1] * tx) * ty;
      out[y * width + x] = Math.min(255, Math.round((data[y * width + x] * 255) / level));
    }
  }
  return { width, height, data: out };
}

/** A photo's picture with its light evened out, its four marks if they are found there, and the levels ink is measured against in it. */
export interface EvenedPhoto {
  image: GrayImage;
  marks?: PhotoMarks;
  levels: Levels;
}

/**
 * A photo as it is measured: its light evened out first. Its paper is white in shadow and in
 * the light alike, so one threshold holds for a faint pencil X anywhere on the page; measured
 * in the picture as taken, against the median grey of the whole picture (the table and
 * the shadow count in it), graphite in the bright part of the page reads as paper.
 */
export function evenedPhoto(picture: GrayImage): EvenedPhoto {
  const image = evenLight(picture);
  const marks = findPhotoMarks(image);
  const paper = paperLevel(image);
  return { image, marks, levels: { paper, black: Math.min(marks?.black ?? 0, paper - 60), ink: inkReach.photo } };
}

interface Square {
  centre: Point;
  gray: number;
  count: number;
}

/** Every solid, roughly square dark blob whose size could be a mark's on a page anywhere from a third to all of the picture. */
function squares(image: GrayImage): Square[] {
  const { width, height, data } = image;
  const nominal = registration.markSize * nominalScale(image);
  const [smallest, largest] = [0.3 * nominal, 1.3 * nominal];
  const seen = new Uint8Array(width * height);
  const stack: number[] = [];
  const found: Square[] = [];
  for (let start = 0; start < data.length; start++) {
    if (seen[start] || data[start] >= 128) continue;
    seen[start] = 1;
    stack.push(start);
    let count = 0;
    let sumX = 0;
    let sumY = 0;
    let sumGray = 0;
    let minX = width;
    let maxX = 0;
    let minY = height;
    let maxY = 0;
    while (stack.length > 0) {
      const at = stack.pop()!;
      const x = at % width;
      const y = (at - x) / width;
      count++;
      sumX += x;
      sumY += y;
      sumGray += data[at];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      for (const next of [x > 0 ? at - 1 : -1, x < width - 1 ? at + 1 : -1, at - width, at + width]) {
        if (next < 0 || next >= data.length || seen[next] || data[next] >= 128) continue;
        seen[next] = 1;
        stack.push(next);
      }
    }
    const w = maxX - minX + 1;
    const h = maxY - minY + 1;
    if (w < smallest || h < smallest || w > largest * 1.45 || h > largest * 1.45) continue;
    // A square turned up to 45° fills half its bounding box; lines and letters fill less.
    if (Math.max(w, h) > 1.6 * Math.min(w, h) || count < 0.5 * w * h) continue;
    // A mark stands alone on paper; a dark patch of the table around the sheet does not.
    if (!onPaper(image, minX, minY, maxX, maxY)) continue;
    found.push({ centre: { x: sumX / count + 0.5, y: sumY / count + 0.5 }, gray: sumGray / count, count });
  }
  return found;
}

/** Whether the frame a fifth of a blob's size around its box is paper (the marks keep 1.5 mm clear of the text). */
function onPaper(image: GrayImage, minX: number, minY: number, maxX: number, maxY: number): boolean {
  const gap = Math.max(2, Math.round((maxX - minX + maxY - minY) / 10));
  const x0 = minX - gap;
  const x1 = maxX + gap;
  const y0 = minY - gap;
  const y1 = maxY + gap;
  if (x0 < 0 || y0 < 0 || x1 >= image.width || y1 >= image.height) return false;
  let dark = 0;
  let total = 0;
  const at = (x: number, y: number) => {
    total++;
    if (image.data[y * image.width + x] < 170) dark++;
  };
  for (let x = x0; x <= x1; x++) {
    at(x, y0);
    at(x, y1);
  }
  for (let y = y0 + 1; y < y1; y++) {
    at(x0, y);
    at(x1, y);
  }
  return dark <= 0.1 * total;
}

export interface PhotoMarks {
  /** Image top-left, top-right, bottom-left, bottom-right. */
  centres: [Point, Point, Point, Point];
  black: number;
}

/** The four marks of a photographed page: the squares outermost toward each corner of the picture. */
export function findPhotoMarks(image: GrayImage): PhotoMarks | undefined {
  const found = squares(image);
  if (found.length < 4) return undefined;
  const outermost = (score: (p: Point) => number) =>
    found.reduce((best, s) => (score(s.centre) > score(best.centre) ? s : best));
  const picked = [
    outermost((p) => -p.x - p.y),
    outermost((p) => p.x - p.y),
    outermost((p) => -p.x + p.y),
    outermost((p) => p.x + p.y),
  ];
  if (new Set(picked).size < 4) return undefined;
  const black = picked.reduce((sum, s) => sum + s.gray * s.count, 0) / picked.reduce((sum, s) => sum + s.count, 0);
  return { centres: picked.map((s) => s.centre) as PhotoMarks['centres'], black };
}

/** How far the page lies turned in the picture, clockwise: 0, 90 (its top to the right), 180, 270. */
export type Turn = 0 | 90 | 180 | 270;

/**
 * For each turn, which of the picture's outermost squares (TL, TR, BL, BR of the picture) is
 * the page's TL, TR, BL, BR mark: turned 90° clockwise, the page's top-left lies top right.
 */
const byTurn: [Turn, [number, number, number, number]][] = [
  [0, [0, 1, 2, 3]],
  [180, [3, 2, 1, 0]],
  [90, [1, 3, 0, 2]],
  [270, [2, 0, 3, 1]],
];

/**
 * The page maps the four marks make, for each way round: none when they do not make a page
 * (three in a line, a quadrilateral folded over), or one in steeper perspective than a photo
 * taken from above (a corner more than a fifth of the page's width from where flat paper puts
 * it). A way round that makes the page wider than high is passed by: the marks' rectangle is
 * half as high again as wide, more than any perspective accepted here undoes, so a sideways
 * page is tried sideways only and its code is read once, not in all four ways.
 */
export function photoMaps(
  centres: PhotoMarks['centres'],
): { transform: Homography; turn: Turn; perspective: number }[] {
  const { width, height } = paperSizes.A4;
  const page = markCentres(width, height);
  const maps: { transform: Homography; turn: Turn; perspective: number }[] = [];
  for (const [turn, order] of byTurn) {
    const to = order.map((i) => centres[i]);
    const across = distance(to[0], to[1]) + distance(to[2], to[3]);
    const down = distance(to[0], to[2]) + distance(to[1], to[3]);
    if (across >= down) continue;
    const transform = fitHomography(page, to);
    if (!transform || !convex(to)) continue;
    const steep = perspective(transform, page, to, width, height);
    if (steep <= width / 5) maps.push({ transform, turn, perspective: steep });
  }
  return maps;
}

const distance = (p: Point, q: Point) => Math.hypot(p.x - q.x, p.y - q.y);

/**
 * How the page's marks lie in the picture, for `--json`: `cornerAngle`, how far the corner
 * furthest from square is from 90° (degrees), and `sideRatio`, the longer of two opposite
 * sides over the shorter, the larger of the two pairs. A sheet seen straight from above is a
 * rectangle however it is turned (0 and 1); tilting the phone narrows the far edge.
 */
export function photoShape(map: PageMap): { cornerAngle: number; sideRatio: number } {
  const { width, height } = paperSizes.A4;
  const [tl, tr, bl, br] = markCentres(width, height).map((p) => applyPageMap(map, p));
  const ring = [tl, tr, br, bl];
  const angles = ring.map((p, i) => {
    const a = ring[(i + 3) % 4];
    const b = ring[(i + 1) % 4];
    const cos = ((a.x - p.x) * (b.x - p.x) + (a.y - p.y) * (b.y - p.y)) / (distance(a, p) * distance(b, p));
    return Math.abs((Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI - 90);
  });
  const ratio = (u: number, v: number) => Math.max(u, v) / Math.min(u, v);
  return {
    cornerAngle: Math.round(Math.max(...angles) * 100) / 100,
    sideRatio:
      Math.round(
        Math.max(ratio(distance(tl, tr), distance(bl, br)), ratio(distance(tl, bl), distance(tr, br))) * 1000,
      ) / 1000,
  };
}

/** Whether the marks, in page order (TL, TR, BL, BR), go round a convex quadrilateral. */
function convex(q: Point[]): boolean {
  const ring = [q[0], q[1], q[3], q[2]];
  const turns = ring.map((p, i) => {
    const a = ring[(i + 1) % 4];
    const b = ring[(i + 2) % 4];
    return Math.sign((a.x - p.x) * (b.y - a.y) - (a.y - p.y) * (b.x - a.x));
  });
  return turns.every((t) => t === turns[0] && t !== 0);
}

/**
 * A page code anywhere in the picture (a photo's page lies anywhere in it), or undefined. The
 * picture is enlarged twice first: a whole sheet in a phone's picture, read at a third of its
 * size, has modules under 2 pixels, and jsQR needs about 3.
 */
export function codeInPicture(image: GrayImage): PageCode | undefined {
  return decodeIn(image, 0, 0, image.width, image.height, 2).code;
}
