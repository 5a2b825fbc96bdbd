// The mapping from a page of the test (points, from the top-left corner) to a scanned
// image of it (pixels): an affine map fitted to the four registration marks, so shift,
// scale, a few degrees of rotation and a slightly different scale across and down the
// page (a copier's feed) are all taken in.
import type { Point } from '../../../sheet/page-code.js';

/** x' = a x + b y + c, y' = d x + e y + f. */
export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export const apply = (t: Affine, p: Point): Point => ({
  x: t.a * p.x + t.b * p.y + t.c,
  y: t.d * p.x + t.e * p.y + t.f,
});

/** Solves the 3×3 system m·v = r (Cramer's rule; the marks are never collinear). */
function solve3(m: number[][], r: number[]): number[] {
  const det = (q: number[][]) =>
    q[0][0] * (q[1][1] * q[2][2] - q[1][2] * q[2][1]) -
    q[0][1] * (q[1][0] * q[2][2] - q[1][2] * q[2][0]) +
    q[0][2] * (q[1][0] * q[2][1] - q[1][1] * q[2][0]);
  const d = det(m);
  return [0, 1, 2].map((col) => det(m.map((row, i) => row.map((v, j) => (j === col ? r[i] : v)))) / d);
}

/** The least-squares affine map taking each `from` point to its `to` point. */
export function fitAffine(from: Point[], to: Point[]): Affine {
  const m = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const rx = [0, 0, 0];
  const ry = [0, 0, 0];
  from.forEach((p, i) => {
    const row = [p.x, p.y, 1];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) m[r][c] += row[r] * row[c];
      rx[r] += row[r] * to[i].x;
      ry[r] += row[r] * to[i].y;
    }
  });
  const [a, b, c] = solve3(m, rx);
  const [d, e, f] = solve3(m, ry);
  return { a, b, c, d, e, f };
}

/** The largest distance (in `to` units) between a mapped point and where it was found. */
export function residual(t: Affine, from: Point[], to: Point[]): number {
  return Math.max(
    ...from.map((p, i) => {
      const q = apply(t, p);
      return Math.hypot(q.x - to[i].x, q.y - to[i].y);
    }),
  );
}

/**
 * Scale (pixels per point) along the page's x and y, rotation in degrees, and shear: the
 * cosine of the angle between the page's axes on the scan (0 when they stay square).
 */
export function describe(t: Affine): { scaleX: number; scaleY: number; degrees: number; shear: number } {
  const scaleX = Math.hypot(t.a, t.d);
  const scaleY = Math.hypot(t.b, t.e);
  const shear = (t.a * t.b + t.d * t.e) / (scaleX * scaleY);
  // Upside down reads as ±180°; the tilt is the distance from the nearest half turn.
  let degrees = (Math.atan2(t.d, t.a) * 180) / Math.PI;
  if (degrees > 90) degrees -= 180;
  if (degrees < -90) degrees += 180;
  return { scaleX, scaleY, degrees, shear };
}
