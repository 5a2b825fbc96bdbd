// A stack of paper filled in with known answers and scanned: each sheet says which printed
// test (and copy) it is, its answers, how it was marked, and how it lay on the glass.
import { createCanvas } from '@napi-rs/canvas';
import { seededRandom } from '../random.js';
import { answerStyles, drawMark, type PenStyle } from './pen.js';
import { boxesOf, paperPage, type PrintedTest } from './printed.js';
import {
  asBits,
  asGreyJpeg,
  asJpeg,
  asPng,
  encodeGrey,
  place,
  placeGrey,
  scanPdf,
  type Placement,
  type ScanImage,
} from './scanner.js';

export interface SheetPlan {
  test: PrintedTest;
  /** 1-based copy of a numbered print run. */
  copy?: number;
  /** Category index per statement, null for left blank. */
  answers: (number | null)[];
  /** How answers are marked; by default the styles in turn. */
  pen?: PenStyle;
  /** More marks: a box filled in (a correction) or a second X. */
  extra?: { statement: number; category: number; style: PenStyle }[];
  placement?: Placement;
  /** Which pages of the sheet are in the stack (1-based); all by default. */
  pages?: number[];
  /** A solid black square (millimetres: centre and side) on the scan, e.g. a stain near a corner mark. */
  stain?: { x: number; y: number; size: number };
  /** The other side of the paper showing through thin paper: its print, mirrored, at this opacity (0–1). */
  showThrough?: number;
}

export type StackItem = SheetPlan | { blank: true } | { cover: string };

export interface ScanOptions {
  dpi: number;
  encoding: 'jpeg' | 'grey-jpeg' | 'bits' | 'png';
  seed?: number;
  /** Placement for every sheet without its own: by default a small random turn, scale and shift. */
  jitter?: boolean;
  /** Grey pages placed in one pass (`placeGrey`): the bench's corpus, hundreds of pages (grey JPEG and 1-bit). */
  fast?: boolean;
}

/** The grey pixels of a blank printed page, for the other side showing through. */
const backs = new WeakMap<PrintedTest, Map<string, Uint8Array>>();
async function backGrey(test: PrintedTest, index: number, dpi: number): Promise<Uint8Array> {
  let byPage = backs.get(test);
  if (!byPage) backs.set(test, (byPage = new Map()));
  const key = `${index}@${dpi}`;
  let grey = byPage.get(key);
  if (!grey) {
    const page = await paperPage(test, index, dpi);
    const rgba = page.getContext('2d').getImageData(0, 0, page.width, page.height).data;
    grey = new Uint8Array(page.width * page.height);
    for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4 + 1];
    byPage.set(key, grey);
  }
  return grey;
}

export async function scanStack(items: StackItem[], options: ScanOptions): Promise<Uint8Array> {
  return scanPdf(await scanImages(items, options));
}

/** The stack's pages as the images a copier makes of them (PNG: as page image files). */
export async function scanImages(items: StackItem[], options: ScanOptions): Promise<ScanImage[]> {
  const images: ScanImage[] = [];
  const random = seededRandom(options.seed ?? 7);
  const r = (a: number) => (random.next() - 0.5) * 2 * a;
  const encode = (canvas: Parameters<typeof asJpeg>[0]) =>
    options.encoding === 'jpeg'
      ? asJpeg(canvas)
      : options.encoding === 'grey-jpeg'
        ? asGreyJpeg(canvas)
        : options.encoding === 'png'
          ? asPng(canvas)
          : asBits(canvas);
  const a4 = () => createCanvas(Math.round((210 / 25.4) * options.dpi), Math.round((297 / 25.4) * options.dpi));
  let styleTurn = 0;
  for (const item of items) {
    if ('blank' in item) {
      const canvas = a4();
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      images.push(await encode(place(canvas, { noise: 6 }, random.next)));
      continue;
    }
    if ('cover' in item) {
      const canvas = a4();
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = '#000000';
      ctx.font = `${Math.round(options.dpi / 4)}px sans-serif`;
      ctx.fillText(item.cover, canvas.width * 0.1, canvas.height * 0.2);
      ctx.fillRect(canvas.width * 0.1, canvas.height * 0.25, canvas.width * 0.8, 4);
      images.push(await encode(canvas));
      continue;
    }
    const { test } = item;
    const placement =
      item.placement ??
      (options.jitter === false ? {} : { rotate: r(2), scale: 1 + r(0.03), dx: r(2), dy: r(2), blur: 0.6, noise: 10 });
    const pxPerPt = options.dpi / 72;
    for (let p = 1; p <= test.pagesPerCopy; p++) {
      if (item.pages && !item.pages.includes(p)) continue;
      const index = ((item.copy ?? 1) - 1) * test.pagesPerCopy + (p - 1);
      const page = await paperPage(test, index, options.dpi);
      const ctx = page.getContext('2d');
      item.answers.forEach((answer, i) => {
        const boxes = boxesOf(test, index, i + 1);
        if (answer === null || boxes.length === 0) return;
        const style = item.pen ?? answerStyles[styleTurn++ % answerStyles.length];
        drawMark(ctx, boxes[answer], style, random.next, pxPerPt);
      });
      for (const extra of item.extra ?? []) {
        const boxes = boxesOf(test, index, extra.statement);
        if (boxes.length > 0) drawMark(ctx, boxes[extra.category], extra.style, random.next, pxPerPt);
      }
      if (options.fast && options.encoding !== 'jpeg' && options.encoding !== 'png' && !item.stain) {
        const back =
          item.showThrough && test.pagesPerCopy > 1
            ? { grey: await backGrey(test, index + (p === 1 ? 1 : -1), options.dpi), opacity: item.showThrough }
            : undefined;
        images.push(await encodeGrey(placeGrey(page, placement, random.next, back), options.encoding));
        continue;
      }
      if (item.showThrough && test.pagesPerCopy > 1) {
        const back = await paperPage(test, index + (p === 1 ? 1 : -1), options.dpi);
        ctx.save();
        ctx.globalAlpha = item.showThrough;
        ctx.globalCompositeOperation = 'multiply';
        ctx.setTransform(-1, 0, 0, 1, page.width, 0);
        ctx.drawImage(back, 0, 0);
        ctx.restore();
      }
      const placed = place(page, placement, random.next);
      if (item.stain) {
        const k = options.dpi / 25.4;
        const { x, y, size } = item.stain;
        const ctx2 = placed.getContext('2d');
        ctx2.setTransform(1, 0, 0, 1, 0, 0); // place() left the page's turn on the context
        ctx2.fillStyle = '#000000';
        ctx2.fillRect((x - size / 2) * k, (y - size / 2) * k, size * k, size * k);
      }
      images.push(await encode(placed));
    }
  }
  return images;
}

/** Random answers for `count` statements, some left blank. */
export function randomAnswers(count: number, seed: number, categories = 5): (number | null)[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => (random.next() < 0.08 ? null : Math.floor(random.next() * categories)));
}
