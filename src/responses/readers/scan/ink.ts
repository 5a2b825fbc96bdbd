// How much ink is in a tick box, and whether the box's printed frame is where the test
// drew it. Measured through the page's transform, in page points, so a tilted, scaled or
// upside-down scan is measured the same as a straight one.
import type { GrayImage } from './image.js';
import { apply, type Affine } from './transform.js';
import type { BoxRect } from './geometry.js';

export interface Levels {
  /** The grey of blank paper on this scan. */
  paper: number;
  /** The grey of printed black (inside the marks). */
  black: number;
  /** How far from paper toward black a pixel in a box counts as ink (inkReach). */
  ink: number;
}

/**
 * How far from paper toward black a pixel counts as ink: a pencil mark is much lighter than
 * print. On a scan a third of the way. A photo's page is read at 75 to 100 dpi (a part of the
 * picture, read at a third of its width), where a pencil stroke is about a pixel wide and
 * blends with the paper beside it, reaching a third of the way or just short of it: there a
 * quarter (its light evened out, its paper is even; empty boxes stay at none).
 */
export const inkReach = { scan: 0.33, photo: 0.25 } as const;

/** The paper's grey: the median of a sparse sample of the page (most of a test page is paper). */
export function paperLevel(image: GrayImage): number {
  const histogram = new Uint32Array(256);
  let count = 0;
  for (let i = 0; i < image.data.length; i += 97) {
    histogram[image.data[i]]++;
    count++;
  }
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += histogram[v];
    if (seen >= count / 2) return v;
  }
  return 255;
}

/** Ink in a box: the share of dark pixels in its inner part, and in the ring between that and the frame. */
export interface BoxInk {
  inner: number;
  ring: number;
}

/**
 * The box's ink, sampled through the transform. The inner part leaves a margin for
 * misregistration; the ring tells a box filled in completely (dark to its frame) from a
 * large dot or a heavy X (which leave most of the ring white).
 */
export function boxInk(image: GrayImage, t: Affine, box: BoxRect, levels: Levels): BoxInk {
  const threshold = levels.paper - levels.ink * (levels.paper - levels.black);
  const outer = box.size * 0.12; // inside the frame (1.25 pt) and a little misregistration
  const inner = box.size * 0.2;
  const span = box.size - 2 * outer;
  const pxPerPt = Math.hypot(t.a, t.d);
  const steps = Math.max(10, Math.round(span * pxPerPt));
  const step = span / steps;
  let innerDark = 0;
  let innerCount = 0;
  let ringDark = 0;
  let ringCount = 0;
  for (let j = 0; j < steps; j++) {
    const fy = outer + (j + 0.5) * step;
    for (let i = 0; i < steps; i++) {
      const fx = outer + (i + 0.5) * step;
      const p = apply(t, { x: box.x + fx, y: box.y + fy });
      const xi = Math.round(p.x - 0.5);
      const yi = Math.round(p.y - 0.5);
      const v = xi < 0 || yi < 0 || xi >= image.width || yi >= image.height ? 255 : image.data[yi * image.width + xi];
      const dark = v < threshold ? 1 : 0;
      if (fx >= inner && fx <= box.size - inner && fy >= inner && fy <= box.size - inner) {
        innerDark += dark;
        innerCount++;
      } else {
        ringDark += dark;
        ringCount++;
      }
    }
  }
  return { inner: innerDark / Math.max(1, innerCount), ring: ringDark / Math.max(1, ringCount) };
}

/**
 * Points along the middle of a box's printed frame (stroked 1.25 pt wide, inside the box),
 * eight a side, each with the direction across its line: where frameFound looks for the
 * frame, and where align.ts finds a row's frames.
 */
export function frameLine(box: BoxRect): [number, number, number, number][] {
  const line = 0.625;
  const samples = 8;
  const points: [number, number, number, number][] = [];
  for (let s = 1; s <= samples; s++) {
    const along = (box.size * s) / (samples + 1);
    points.push(
      [box.x + along, box.y + line, 0, 1],
      [box.x + along, box.y + box.size - line, 0, 1],
      [box.x + line, box.y + along, 1, 0],
      [box.x + box.size - line, box.y + along, 1, 0],
    );
  }
  return points;
}

/**
 * Whether the box's frame is printed where the test drew it: along each side, the darkest
 * pixel within a little of the line must be dark. A test printed from other content, or a
 * page mapped wrongly, fails this for most boxes.
 */
export function frameFound(image: GrayImage, t: Affine, box: BoxRect, levels: Levels): boolean {
  const threshold = levels.paper - 0.5 * (levels.paper - levels.black);
  const pxPerPt = Math.hypot(t.a, t.d);
  const reach = 1.2 + 1.5 / pxPerPt; // points either side of the line
  let hits = 0;
  let total = 0;
  const darkest = (x: number, y: number, dx: number, dy: number) => {
    let min = 255;
    for (let k = -reach; k <= reach; k += 0.5 / pxPerPt) {
      const p = apply(t, { x: x + dx * k, y: y + dy * k });
      const xi = Math.round(p.x - 0.5);
      const yi = Math.round(p.y - 0.5);
      if (xi >= 0 && yi >= 0 && xi < image.width && yi < image.height)
        min = Math.min(min, image.data[yi * image.width + xi]);
    }
    return min;
  };
  for (const [x, y, dx, dy] of frameLine(box)) {
    total++;
    if (darkest(x, y, dx, dy) < threshold) hits++;
  }
  return hits >= 0.8 * total;
}
