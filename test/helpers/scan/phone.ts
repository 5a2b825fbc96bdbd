// A phone's photo of a filled-in test page, made at test time: the printed page marked with
// known answers, lying on a table, photographed from a little off straight above (perspective,
// turned), lit unevenly (a gradient and a soft shadow), with sensor noise, as a 12 MP JPEG
// (or PNG). The bench corpus's phone profile uses it too.
import type { Canvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { markCentres } from '../../../src/sheet/page-code.js';
import { applyHomography, fitHomography } from '../../../src/responses/readers/scan/transform.js';
import { seededRandom } from '../random.js';
import { answerStyles, drawMark, type PenStyle } from './pen.js';
import { boxesOf, paperPage, type PrintedTest } from './printed.js';

export interface PhotoPlan {
  test: PrintedTest;
  /** 1-based page of the test (of copy `copy`). */
  page: number;
  copy?: number;
  /** Category index per statement, null for left blank (statements on other pages are passed by). */
  answers: (number | null)[];
  /** How answers are marked; by default the styles in turn. */
  pen?: PenStyle;
}

export interface PhotoOptions {
  /** The picture's size in pixels: 3024 × 4032 (12 MP, portrait) by default. */
  width?: number;
  height?: number;
  /** The sheet's height as a share of the picture's (0.9: it nearly fills it). */
  fill?: number;
  /** Perspective: how much narrower the sheet's far (top) edge is than its near edge (0.08 = 8 %). */
  tilt?: number;
  /** Perspective across: how much shorter the sheet's right edge is than its left. */
  lean?: number;
  /** Degrees the sheet is turned in the picture, clockwise. */
  rotate?: number;
  /** Shift of the sheet's centre, as shares of the picture's width and height. */
  dx?: number;
  dy?: number;
  /** The light: brightness at the brightest and darkest corner of the picture (0–1), and a soft shadow across it. */
  light?: { bright: number; dark: number; shadow?: number };
  /** Grey noise amplitude (0–255). */
  noise?: number;
  format?: 'jpeg' | 'png';
  quality?: number;
  /** The page's upside down in the picture. */
  upsideDown?: boolean;
  /**
   * The whole picture turned a quarter turn clockwise (90) or anticlockwise (270) after it is
   * taken, as a phone held sideways saves it: a 3024 × 4032 picture becomes 4032 × 3024 with
   * the page lying on its side, its top to the right (90) or to the left (270).
   */
  turn?: 90 | 270;
  seed?: number;
}

export interface Photo {
  bytes: Buffer;
  format: 'jpeg' | 'png';
  width: number;
  height: number;
  /** Where the page's four corner marks are in the picture (TL, TR, BL, BR of the page), pixels. */
  marks: { x: number; y: number }[];
}

/** The resolution the page is rasterised at before it is photographed. */
const pageDpi = 200;

/** The page as printed and marked, then photographed. */
export async function phonePhoto(plan: PhotoPlan, options: PhotoOptions = {}): Promise<Photo> {
  const random = seededRandom(options.seed ?? 5);
  const index = ((plan.copy ?? 1) - 1) * plan.test.pagesPerCopy + (plan.page - 1);
  const page = await paperPage(plan.test, index, pageDpi);
  const pxPerPt = pageDpi / 72;
  const ctx = page.getContext('2d');
  let turn = 0;
  plan.answers.forEach((answer, i) => {
    const boxes = boxesOf(plan.test, index, i + 1);
    if (answer === null || boxes.length === 0) return;
    drawMark(ctx, boxes[answer], plan.pen ?? answerStyles[turn++ % answerStyles.length], random.next, pxPerPt);
  });
  return photograph(page, options, random.next);
}

/** A photo of `page` (a canvas of an A4 page at any resolution) as the options say. */
export async function photograph(page: Canvas, options: PhotoOptions, random: () => number): Promise<Photo> {
  const W = options.width ?? 3024;
  const H = options.height ?? 4032;
  const fill = options.fill ?? 0.85;
  const tilt = options.tilt ?? 0.06;
  const lean = options.lean ?? 0.02;
  const angle = (((options.rotate ?? 2) + (options.upsideDown ? 180 : 0)) * Math.PI) / 180;
  // The sheet's corners in the picture: a trapezoid (far edge narrower), turned, then shifted.
  const sheetH = fill * H;
  const sheetW = (sheetH * 210) / 297;
  const cx = W / 2 + (options.dx ?? 0) * W;
  const cy = H / 2 + (options.dy ?? 0) * H;
  const local = [
    { x: (-sheetW / 2) * (1 - tilt / 2), y: (-sheetH / 2) * (1 + lean / 2) },
    { x: (sheetW / 2) * (1 - tilt / 2), y: (-sheetH / 2) * (1 - lean / 2) },
    { x: (-sheetW / 2) * (1 + tilt / 2), y: (sheetH / 2) * (1 + lean / 2) },
    { x: (sheetW / 2) * (1 + tilt / 2), y: (sheetH / 2) * (1 - lean / 2) },
  ];
  const corners = local.map((p) => ({
    x: cx + p.x * Math.cos(angle) - p.y * Math.sin(angle),
    y: cy + p.x * Math.sin(angle) + p.y * Math.cos(angle),
  }));
  const pw = page.width;
  const ph = page.height;
  const pageCorners = [
    { x: 0, y: 0 },
    { x: pw, y: 0 },
    { x: 0, y: ph },
    { x: pw, y: ph },
  ];
  const toPhoto = fitHomography(pageCorners, corners)!;
  const toPage = fitHomography(corners, pageCorners)!;
  const k = pw / 595.28;
  const marks = markCentres(595.28, 841.89).map((m) => applyHomography(toPhoto, { x: m.x * k, y: m.y * k }));

  const source = page.getContext('2d').getImageData(0, 0, pw, ph).data;
  const grey = (x: number, y: number) => source[(y * pw + x) * 4 + 1];
  const { bright, dark, shadow } = options.light ?? { bright: 1, dark: 0.7, shadow: 0.25 };
  const noise = options.noise ?? 6;
  const rgb = Buffer.alloc(W * H * 3);
  // Per column and per row what does not change along the other (12 MP is a lot of pixels).
  const grainX = Float32Array.from({ length: W }, (_, x) => Math.sin(x / 210) * 3);
  const fineX = Float32Array.from({ length: W }, (_, x) => 8 * Math.sin(x / 11));
  // The shadow's edge, tabulated (u runs from -0.55 to 0.85): Math.exp for every pixel of 12 MP is slow.
  const edge = Float32Array.from({ length: 4097 }, (_, i) => 1 / (1 + Math.exp(-((i / 2048 - 1) * 18))));
  const sigmoid = (u: number) => edge[Math.round((u + 1) * 2048)];
  const m = toPage.m;
  for (let y = 0; y < H; y++) {
    // The map's numerators and denominator are linear along a row.
    let nx = m[1] * (y + 0.5) + m[2] + m[0] * 0.5;
    let ny = m[4] * (y + 0.5) + m[5] + m[3] * 0.5;
    let nw = m[7] * (y + 0.5) + 1 + m[6] * 0.5;
    for (let x = 0; x < W; x++, nx += m[0], ny += m[3], nw += m[6]) {
      const px = nx / nw;
      const py = ny / nw;
      let v: number;
      if (px >= 0 && py >= 0 && px < pw - 1 && py < ph - 1) {
        // Bilinear: the page is enlarged a little onto the picture.
        const x0 = px | 0;
        const y0 = py | 0;
        const tx = px - x0;
        const ty = py - y0;
        v =
          (grey(x0, y0) * (1 - tx) + grey(x0 + 1, y0) * tx) * (1 - ty) +
          (grey(x0, y0 + 1) * (1 - tx) + grey(x0 + 1, y0 + 1) * tx) * ty;
        v = 0.08 * 255 + 0.86 * v; // printed black is not black on a photo, nor paper white
      } else {
        // A wooden table: darker than the paper, with a slow grain.
        v = 120 + 18 * Math.sin(y / 37 + grainX[x]) + fineX[x];
      }
      // Light falls off across the picture, and a soft shadow (a phone, a hand) crosses it.
      let light = bright + (dark - bright) * ((x / W + y / H) / 2);
      if (shadow) light *= 1 - shadow * sigmoid(x / W - 0.35 + (y / H - 0.5) * 0.4);
      v = v * light + (random() - 0.5) * 2 * noise;
      const k3 = (y * W + x) * 3;
      // A warm indoor light: blue a little lower than red.
      rgb[k3] = clamp(v * 1.02);
      rgb[k3 + 1] = clamp(v);
      rgb[k3 + 2] = clamp(v * 0.92);
    }
  }
  const format = options.format ?? 'jpeg';
  let image = sharp(rgb, { raw: { width: W, height: H, channels: 3 } });
  let [width, height, marked] = [W, H, marks];
  if (options.turn) {
    image = image.rotate(options.turn);
    [width, height] = [H, W];
    // A quarter turn clockwise takes (x, y) to (H - y, x); anticlockwise to (y, W - x).
    marked = marks.map((p) => (options.turn === 90 ? { x: H - p.y, y: p.x } : { x: p.y, y: W - p.x }));
  }
  const bytes =
    format === 'jpeg'
      ? await image.jpeg({ quality: options.quality ?? 88 }).toBuffer()
      : await image.png({ compressionLevel: 1 }).toBuffer();
  return { bytes, format, width, height, marks: marked };
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));
