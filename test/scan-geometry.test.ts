// Where the corner marks sit, measured on the rendered test: every skew (≤ 3°), shift (≤ 6 mm,
// any direction) and scale (95–105 %) that the README promises keeps at least three marks
// wholly on the scanned image, the marks stay clear of the text and the page code, and the
// reader reads the pages at the extremes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanPrinting } from '../src/app/scans.js';
import { loadContent } from '../src/documents/load.js';
import { findMarks } from '../src/responses/readers/scan/marks.js';
import { readScans } from '../src/responses/readers/scan/read-scans.js';
import { grayFromRgba } from '../src/responses/readers/scan/image.js';
import { qrSquare } from '../src/sheet/page-code.js';
import { paperSizes } from '../src/sheet/paper.js';
import { repoRoot } from './helpers/cli.js';
import { tempDir } from './helpers/pdf.js';
import { paperPage, printTest, type PrintedTest } from './helpers/scan/printed.js';
import { randomAnswers, scanStack, type SheetPlan } from './helpers/scan/stack.js';
import type { Placement } from './helpers/scan/scanner.js';

const content = loadContent(join(repoRoot, 'content/da'));
const dpi = 100;
const pxPerMm = dpi / 25.4;
let tests: PrintedTest[];

beforeAll(async () => {
  tests = [await printTest(content, 'leader'), await printTest(content, 'employee')];
}, 60_000);

/** The extremes of the promise: ±3°, 95 and 105 %, a 6 mm shift in 16 directions (and none). */
function extremes(): Placement[] {
  const shifts = [{ dx: 0, dy: 0 }];
  for (let k = 0; k < 16; k++)
    shifts.push({ dx: 6 * Math.cos((k * Math.PI) / 8), dy: 6 * Math.sin((k * Math.PI) / 8) });
  return [-3, 3].flatMap((rotate) => [0.95, 1.05].flatMap((scale) => shifts.map((s) => ({ rotate, scale, ...s }))));
}

/** Where scanner.ts's place() puts an image point of a page w × h pixels. */
function placed(p: { x: number; y: number }, w: number, h: number, t: Placement) {
  const a = ((t.rotate ?? 0) * Math.PI) / 180;
  const s = t.scale ?? 1;
  const x = (p.x - w / 2) * s;
  const y = (p.y - h / 2) * s;
  return {
    x: w / 2 + (t.dx ?? 0) * pxPerMm + x * Math.cos(a) - y * Math.sin(a),
    y: h / 2 + (t.dy ?? 0) * pxPerMm + x * Math.sin(a) + y * Math.cos(a),
  };
}

describe('the corner marks on the rendered test', () => {
  it('at every extreme of the promised skew, shift and scale, at least three marks and the page code lie wholly on the image', async () => {
    for (const test of tests) {
      for (const index of [0, 1]) {
        const page = await paperPage(test, index, dpi);
        const image = grayFromRgba(page.data(), page.width, page.height);
        const marks = findMarks(image);
        // All four on the straight page, each a 4 mm square (its corners ±2 mm from the centre).
        expect(marks?.centres.every((c) => c !== undefined)).toBe(true);
        const half = 2 * pxPerMm;
        // The code's square with its 1 mm quiet zone, in pixels.
        const qr = qrSquare(paperSizes.A4.width, paperSizes.A4.height);
        const k = page.width / paperSizes.A4.width;
        const code = { x: (qr.x + qr.size / 2) * k, y: (qr.y + qr.size / 2) * k, half: (qr.size / 2) * k + pxPerMm };
        let fewest = 4;
        for (const t of extremes()) {
          // Half a millimetre on the image to spare: a scanner's edge is not sharp.
          const m = 0.5 * pxPerMm;
          const on = (c: { x: number; y: number }, r: number) =>
            [-1, 1].every((sx) =>
              [-1, 1].every((sy) => {
                const q = placed({ x: c.x + sx * r, y: c.y + sy * r }, page.width, page.height, t);
                return q.x >= m && q.y >= m && q.x <= page.width - m && q.y <= page.height - m;
              }),
            );
          fewest = Math.min(fewest, marks!.centres.filter((c) => on(c!, half)).length);
          expect(on(code, code.half), `${test.group} page ${index + 1}: the code at ${JSON.stringify(t)}`).toBe(true);
        }
        expect(fewest, `${test.group} page ${index + 1}`).toBeGreaterThanOrEqual(3);
      }
    }
  }, 120_000);

  it('each mark has white paper around it, more than a millimetre: clear of the text, the tables and the page code', async () => {
    for (const test of tests) {
      for (const index of [0, 1]) {
        const page = await paperPage(test, index, dpi);
        const image = grayFromRgba(page.data(), page.width, page.height);
        for (const c of findMarks(image)!.centres) {
          // The ring between 2.3 and 3.2 mm from the centre (the mark's edge is at 2 mm).
          let ink = 0;
          for (let y = Math.round(c!.y - 3.2 * pxPerMm); y <= c!.y + 3.2 * pxPerMm; y++) {
            for (let x = Math.round(c!.x - 3.2 * pxPerMm); x <= c!.x + 3.2 * pxPerMm; x++) {
              const far = Math.max(Math.abs(x + 0.5 - c!.x), Math.abs(y + 0.5 - c!.y)) > 2.3 * pxPerMm;
              if (far && image.data[y * image.width + x] < 200) ink++;
            }
          }
          expect(ink, `${test.group} page ${index + 1}, mark at ${Math.round(c!.x)},${Math.round(c!.y)}`).toBe(0);
        }
      }
    }
  }, 60_000);

  it('pages at the extremes (3°, 95 and 105 %, shifted 6 mm toward a corner) are read exactly', async () => {
    const diagonal = 6 / Math.SQRT2;
    const placements: Placement[] = [
      { rotate: 3, scale: 1.05, dx: diagonal, dy: diagonal },
      { rotate: -3, scale: 1.05, dx: -diagonal, dy: -diagonal },
      { rotate: 3, scale: 1.05, dx: -6, dy: 0 },
      { rotate: -3, scale: 0.95, dx: 0, dy: 6 },
    ];
    const stack: SheetPlan[] = placements.map((placement, i) => ({
      test: tests[i % 2],
      answers: randomAnswers(content.numbered.length, 950 + i),
      pen: 'x',
      placement: { ...placement, blur: 0.6, noise: 8 },
    }));
    const file = join(tempDir('mus-scan-geometry-'), 'scan.pdf');
    writeFileSync(file, await scanStack(stack, { dpi: 150, encoding: 'jpeg', seed: 31 }));
    const result = await readScans([{ file }], content, { printing: scanPrinting(content), notice: () => {} });
    expect(result.problems).toEqual([]);
    expect(result.responses.leader.map((r) => r.answers)).toEqual([stack[0].answers, stack[2].answers]);
    expect(result.responses.employee.map((r) => r.answers)).toEqual([stack[1].answers, stack[3].answers]);
    expect(result.report.pages).toBe(8);
  }, 180_000);
});
