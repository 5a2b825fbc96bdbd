// How a scanned page is read: from three corner marks when the fourth is off the image (or
// is not ours), at the recommended 300 dpi greyscale JPEG (decoded at a third of its size),
// and how sure each reading is. Each reading is compared with the answers the sheet was
// filled in with.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { noticeLine } from '../src/content/problem-lines.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanPrinting } from '../src/app/scans.js';
import { loadContent } from '../src/documents/load.js';
import { readScans } from '../src/responses/readers/scan/read-scans.js';
import { repoRoot } from './helpers/cli.js';
import { tempDir } from './helpers/pdf.js';
import { printTest, type PrintedTest } from './helpers/scan/printed.js';
import { randomAnswers, scanStack, type ScanOptions, type SheetPlan } from './helpers/scan/stack.js';

const content = loadContent(join(repoRoot, 'content/da'));
let leaderTest: PrintedTest;

beforeAll(async () => {
  leaderTest = await printTest(content, 'leader');
}, 60_000);

async function read(stack: SheetPlan[], options: ScanOptions) {
  const file = join(tempDir('mus-scan-read-'), 'scan.pdf');
  writeFileSync(file, await scanStack(stack, options));
  const notices: string[] = [];
  const result = await readScans([{ file }], content, {
    printing: scanPrinting(content),
    notice: (line) => notices.push(noticeLine(line, {})),
  });
  return { file, result, notices };
}

describe('a page read from three corner marks', () => {
  it('turned 2°, enlarged to 104 % and shifted 9 mm left (beyond the promise), its bottom-left mark is off the image: read from the other three, both pages, and said so', async () => {
    const answers = randomAnswers(content.numbered.length, 901);
    const { result, notices, file } = await read(
      [{ test: leaderTest, answers, pen: 'x', placement: { rotate: 2, scale: 1.04, dx: -9, blur: 0.6, noise: 8 } }],
      { dpi: 150, encoding: 'jpeg', seed: 11 },
    );
    expect(result.problems).toEqual([]);
    expect(result.responses.leader.map((r) => r.answers)).toEqual([answers]);
    expect(result.report.fromThreeMarks).toEqual([
      { file: 'scan.pdf', page: 1 },
      { file: 'scan.pdf', page: 2 },
    ]);
    expect(notices).toContain(
      'scans: 2 pages read (2 from three corner marks, 0 photos); 0 rows flagged, 0 rows corrected',
    );
    expect(file).toMatch(/scan\.pdf$/);
  }, 120_000);

  it('a black square nearer the corner than the mark (a stain) is not taken for it: the four do not agree, the three that do map the page', async () => {
    const answers = randomAnswers(content.numbered.length, 902);
    const { result } = await read(
      [{ test: leaderTest, answers, pen: 'x', placement: {}, stain: { x: 206, y: 293, size: 4 } }],
      { dpi: 150, encoding: 'jpeg', seed: 12 },
    );
    expect(result.problems).toEqual([]);
    expect(result.responses.leader.map((r) => r.answers)).toEqual([answers]);
    expect(result.report.fromThreeMarks).toEqual([
      { file: 'scan.pdf', page: 1 },
      { file: 'scan.pdf', page: 2 },
    ]);
  }, 120_000);

  it('all four marks found and agreeing: not listed as read from three', async () => {
    const answers = randomAnswers(content.numbered.length, 903);
    const { result } = await read([{ test: leaderTest, answers, pen: 'x' }], { dpi: 150, encoding: 'jpeg', seed: 13 });
    expect(result.responses.leader.map((r) => r.answers)).toEqual([answers]);
    expect(result.report.fromThreeMarks).toEqual([]);
    expect(result.report.pages).toBe(2);
  }, 120_000);
});

describe('300 dpi greyscale JPEG, as the README recommends', () => {
  it('three sheets by pen, pencil and dot, turned, scaled and shifted: every answer read right', async () => {
    const sheets = [904, 905, 906].map((seed) => randomAnswers(content.numbered.length, seed));
    const { result } = await read(
      [
        { test: leaderTest, answers: sheets[0] },
        {
          test: leaderTest,
          answers: sheets[1],
          pen: 'pencil',
          placement: { rotate: -2, scale: 0.97, dx: 3, dy: -2, blur: 1, noise: 10 },
        },
        {
          test: leaderTest,
          answers: sheets[2],
          pen: 'dot',
          placement: { rotate: 1.2, scale: 1.02, dx: 2, dy: 1, blur: 1, noise: 12 },
        },
      ],
      { dpi: 300, encoding: 'grey-jpeg', seed: 14 },
    );
    expect(result.problems).toEqual([]);
    expect(result.responses.leader.map((r) => r.answers)).toEqual(sheets);
    expect(result.flagged).toEqual([]);
  }, 180_000);
});

describe('how sure each reading is', () => {
  it('every statement of every sheet has its margin: a clear X well above 0, an empty row 0.04 at most, a row flagged 0 and first', async () => {
    const answers = randomAnswers(content.numbered.length, 907).map((a) => a ?? 2);
    answers[0] = null; // statement 1 left blank
    const { result } = await read(
      [{ test: leaderTest, answers, pen: 'x', placement: {}, extra: [{ statement: 4, category: 0, style: 'x' }] }],
      { dpi: 150, encoding: 'jpeg', seed: 15 },
    );
    const { readings } = result.report;
    expect(readings).toHaveLength(content.numbered.length);
    expect(readings[0]).toEqual({ sheet: 'scan.pdf:1', statement: 4, answer: null, how: 'flagged', margin: 0 });
    const blank = readings.find((r) => r.statement === 1)!;
    expect(blank.answer).toBeNull();
    expect(blank.how).toBe('read');
    expect(blank.margin).toBeGreaterThan(0.02);
    expect(blank.margin).toBeLessThanOrEqual(0.04);
    const answered = readings.filter((r) => r.how === 'read' && r.answer !== null);
    expect(answered).toHaveLength(content.numbered.length - 2);
    for (const r of answered) {
      expect(r.answer).toBe(content.scoring.scale[answers[r.statement - 1]!].label);
      expect(r.margin).toBeGreaterThan(0.2);
    }
    // Least sure first, after the rows flagged.
    const margins = readings.slice(1).map((r) => r.margin);
    expect(margins).toEqual([...margins].sort((a, b) => a - b));
    expect(result.report.rowsFlagged).toBe(1);
  }, 120_000);
});
