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

/**
 * A perspective map (a phone photo): x' = (m0 x + m1 y + m2) / (m6 x + m7 y + 1), y' likewise
 * with m3..m5. Fixed by four points; a scanner's page is its affine special case (m6 = m7 = 0).
 */
export interface Homography {
  m: readonly number[];
}

export type PageMap = Affine | Homography;

const isHomography = (t: PageMap): t is Homography => 'm' in t;

/** Where a page map puts page point `p`, whichever kind of map it is. */
export const applyPageMap = (t: PageMap, p: Point): Point => (isHomography(t) ? applyHomography(t, p) : apply(t, p));

export function applyHomography({ m }: Homography, p: Point): Point {
  const w = m[6] * p.x + m[7] * p.y + 1;
  return { x: (m[0] * p.x + m[1] * p.y + m[2]) / w, y: (m[3] * p.x + m[4] * p.y + m[5]) / w };
}

/** The homography taking the four `from` points to the four `to` points (none when three are in a line). */
export function fitHomography(from: Point[], to: Point[]): Homography | undefined {
  // Eight equations in m0..m7, solved by Gaussian elimination with partial pivoting.
  const rows: number[][] = [];
  from.forEach((p, i) => {
    const q = to[i];
    rows.push([p.x, p.y, 1, 0, 0, 0, -p.x * q.x, -p.y * q.x, q.x]);
    rows.push([0, 0, 0, p.x, p.y, 1, -p.x * q.y, -p.y * q.y, q.y]);
  });
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(rows[r][col]) > Math.abs(rows[pivot][col])) pivot = r;
    if (Math.abs(rows[pivot][col]) < 1e-9) return undefined;
    [rows[col], rows[pivot]] = [rows[pivot], rows[col]];
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const f = rows[r][col] / rows[col][col];
      for (let c = col; c < 9; c++) rows[r][c] -= f * rows[col][c];
    }
  }
  return { m: rows.map((row, i) => row[8] / row[i]) };
}

/**
 * The affine map that agrees with `t` near page point `p` (its first-order part there): over a
 * tick box or the page code a photo's perspective is an affine map, so the measures made for
 * scans serve photos unchanged.
 */
export function affineNear(t: PageMap, p: Point): Affine {
  if (!isHomography(t)) return t;
  const { m } = t;
  const w = m[6] * p.x + m[7] * p.y + 1;
  const q = applyHomography(t, p);
  const a = (m[0] - m[6] * q.x) / w;
  const b = (m[1] - m[7] * q.x) / w;
  const d = (m[3] - m[6] * q.y) / w;
  const e = (m[4] - m[7] * q.y) / w;
  return { a, b, c: q.x - a * p.x - b * p.y, d, e, f: q.y - d * p.x - e * p.y };
}

/**
 * How far the page is from flat on the glass: the largest distance, in page points, between
 * where the homography and the affine map fitted to the same four marks put the page's
 * corners. A scanner's page is within a millimetre or two; a photo taken by hand is not.
 */
export function perspective(h: Homography, from: Point[], to: Point[], width: number, height: number): number {
  const affine = fitAffine(from, to);
  const scale = Math.sqrt(Math.abs(affine.a * affine.e - affine.b * affine.d));
  const corners = [
    { x: 0, y: 0 },
    { x: width, y: 0 },
    { x: 0, y: height },
    { x: width, y: height },
  ];
  return Math.max(
    ...corners.map((c) => {
      const p = applyHomography(h, c);
      const q = apply(affine, c);
      return Math.hypot(p.x - q.x, p.y - q.y) / scale;
    }),
  );
}
