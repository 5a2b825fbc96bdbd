// A row found where its frames are (align.ts): a synthetic row of five framed boxes drawn a known
// distance off the map, at 100 dpi. The shift found is that distance; a row drawn where the map
// puts it is left alone.
import { describe, expect, it } from 'vitest';
import { frameShift } from '../src/responses/readers/scan/align.js';
import type { BoxRect } from '../src/responses/readers/scan/geometry.js';
import type { Affine } from '../src/responses/readers/scan/transform.js';

const k = 100 / 72; // pixels a point
const map: Affine = { a: k, b: 0, c: 0, d: 0, e: k, f: 0 };
const boxes: BoxRect[] = [0, 1, 2, 3, 4].map((i) => ({ x: 300 + i * 40, y: 200, size: 15.6 }));
const levels = { paper: 240, black: 30, ink: 0.33 };

/** The row's frames (1.25 pt, inside each box) drawn `dx`, `dy` points from where the map puts them. */
function drawnRow(dx: number, dy: number) {
  const width = 800;
  const height = 400;
  const data = new Uint8Array(width * height).fill(levels.paper);
  for (const box of boxes)
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const px = (x + 0.5) / k - box.x - dx;
        const py = (y + 0.5) / k - box.y - dy;
        const inside = px >= 0 && py >= 0 && px <= box.size && py <= box.size;
        const frame = inside && (px < 1.25 || py < 1.25 || px > box.size - 1.25 || py > box.size - 1.25);
        if (frame) data[y * width + x] = levels.black;
      }
  return { width, height, data };
}

describe('frameShift', () => {
  it('finds a row drawn 1 pt right and 0.75 pt up of where the map puts it', () => {
    const shift = frameShift(
      drawnRow(1, -0.75),
      boxes.map(() => map),
      boxes,
      levels,
    );
    expect(Math.abs((shift?.dx ?? 0) - 1)).toBeLessThanOrEqual(0.5);
    expect(Math.abs((shift?.dy ?? 0) + 0.75)).toBeLessThanOrEqual(0.5);
  });

  it('leaves a row drawn where the map puts it alone', () => {
    expect(
      frameShift(
        drawnRow(0, 0),
        boxes.map(() => map),
        boxes,
        levels,
      ),
    ).toBeUndefined();
  });

  it('looks no further than 1.5 mm: a row 3 mm off is not found', () => {
    const shift = frameShift(
      drawnRow(8.5, 0),
      boxes.map(() => map),
      boxes,
      levels,
    );
    expect(shift === undefined || Math.abs(shift.dx - 8.5) > 2).toBe(true);
  });
});
