// Scanned paper tests through the `mus` command, as the facilitator runs it: numbered copies
// from `mus build --copies`, a folder holding a copier's PDF, page images and a typed
// responses file, `mus tally --json` listing what needs a look, and `mus build --responses`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadContent } from '../src/documents/load.js';
import { scanPrinting } from '../src/app/scans.js';
import { readScans } from '../src/responses/readers/scan/read-scans.js';
import { runMus, repoRoot } from './helpers/cli.js';
import { flat, readPdf, tempDir } from './helpers/pdf.js';
import { renderPages, textRuns } from './helpers/raster.js';
import { printTest, type PrintedTest } from './helpers/scan/printed.js';
import { asJpeg, scanPdf } from './helpers/scan/scanner.js';
import { randomAnswers, scanImages, scanStack } from './helpers/scan/stack.js';
import { createCanvas } from '@napi-rs/canvas';
import PDFDocument from 'pdfkit';
import { registerFonts } from '../src/render/fonts.js';

const content = loadContent(join(repoRoot, 'content/da'));
const labels = content.scoring.scale.map((c) => c.label);
const typed = (sheets: (number | null)[][]) =>
  sheets.map((answers) => answers.map((a) => (a === null ? null : labels[a])));
let leaderTest: PrintedTest;
let employeeTest: PrintedTest;

beforeAll(async () => {
  leaderTest = await printTest(content, 'leader');
  employeeTest = await printTest(content, 'employee');
}, 60_000);

describe('mus build --copies', () => {
  it('writes N numbered copies of each test; scanned blank, they are N sheets numbered 1…N', async () => {
    const out = tempDir('mus-scan-copies-');
    const result = runMus(['build', '--out', out, '--copies', '2']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(join(out, 'mus-test-leder-2-ark.pdf'));
    expect(result.stdout).toContain(join(out, 'mus-test-medarbejder-2-ark.pdf'));
    // The printed copies as a copier would scan them, straight, at 150 dpi.
    const doc = await getDocument({
      data: new Uint8Array(readFileSync(join(out, 'mus-test-leder-2-ark.pdf'))),
      verbosity: 0,
    }).promise;
    expect(doc.numPages).toBe(4);
    const images = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 150 / 72 });
      const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: canvas as never, canvasContext: ctx as never, viewport }).promise;
      images.push(await asJpeg(canvas));
    }
    await doc.destroy();
    const file = join(tempDir('mus-scan-copies-scan-'), 'kopier.pdf');
    writeFileSync(file, await scanPdf([images[3], images[0], images[2], images[1]])); // in any order
    const read = await readScans([{ file }], content, { printing: scanPrinting(content) });
    expect(read.problems).toEqual([]);
    expect(read.responses.leader.map((r) => r.id).sort()).toEqual(['sheet leder 1', 'sheet leder 2']);
    expect(read.responses.leader.every((r) => r.answers.every((a) => a === null))).toBe(true);
  }, 120_000);

  it('--copies must be a number of copies', () => {
    const result = runMus(['build', '--out', tempDir(), '--copies', 'tre']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      '--copies: "tre" is not a number of copies from 1 to 500, or two of them as leaders,employees (e.g. 2,9)\n',
    );
  });
});

describe('a folder of scans and typed answers', () => {
  const dir = tempDir('mus-scan-folder-');
  const leaders = [randomAnswers(20, 900), randomAnswers(20, 901)];
  const employees = [randomAnswers(20, 902), randomAnswers(20, 903)];
  const typedLeader = randomAnswers(20, 904);

  beforeAll(async () => {
    // A copier's PDF with one leader sheet with a double mark in statement 2, and one employee sheet.
    const doubled = [...leaders[0]];
    doubled[1] = 1;
    writeFileSync(
      join(dir, 'scan.pdf'),
      await scanStack(
        [
          { test: leaderTest, answers: doubled, extra: [{ statement: 2, category: 3, style: 'x' }] },
          { test: employeeTest, answers: employees[0] },
        ],
        { dpi: 150, encoding: 'jpeg', seed: 21 },
      ),
    );
    // A phone's photos of another sheet: one image file per page, front then back.
    const pages = await scanImages(
      [
        { test: employeeTest, answers: employees[1] },
        { test: leaderTest, answers: leaders[1] },
      ],
      { dpi: 150, encoding: 'png', seed: 22 },
    );
    pages.forEach((page, i) => writeFileSync(join(dir, `side-${i + 1}.png`), (page as { bytes: Buffer }).bytes));
    // And a leader's answers typed in by hand.
    writeFileSync(join(dir, 'indtastet.yaml'), stringify({ leaders: typed([typedLeader]) }));
  }, 120_000);

  it('mus tally --json: the tally of all of it, the doubtful row listed; the review sheet and corrections file written beside the scans', () => {
    const result = runMus(['tally', dir, '--json']);
    expect(result.code).toBe(0);
    const tally = JSON.parse(result.stdout);
    const expectedLeaders = [[...leaders[0]].map((a, i) => (i === 1 ? null : a)), leaders[1], typedLeader];
    const file = join(tempDir('mus-scan-expected-'), 'svar.yaml');
    writeFileSync(file, stringify({ leaders: typed(expectedLeaders), employees: typed(employees) }));
    const expected = JSON.parse(runMus(['tally', file, '--json']).stdout);
    expect(tally.leaders).toEqual(expected.leaders);
    expect(tally.employees).toEqual(expected.employees);
    expect(tally.flagged).toEqual([
      { sheet: 'scan.pdf:1', group: 'leader', statement: 2, file: 'scan.pdf', page: 1, reason: 'mere end ét kryds' },
    ]);
    expect(result.stderr).toContain(
      'Ark scan.pdf:1 · udsagn 2 · scan.pdf side 1 · mere end ét kryds: talt som ikke besvaret, til det er rettet i',
    );
    expect(existsSync(join(dir, 'gennemgang.pdf'))).toBe(true);
    expect(existsSync(join(dir, 'rettelser.yaml'))).toBe(true);
    // The same scans give the same review sheet, byte for byte (its pictures were once written in random order).
    const first = readFileSync(join(dir, 'gennemgang.pdf'));
    for (let run = 0; run < 3; run++) {
      expect(runMus(['tally', dir, '--json']).code).toBe(0);
      expect(readFileSync(join(dir, 'gennemgang.pdf')).equals(first), `run ${run + 2}`).toBe(true);
    }
  }, 180_000);

  it("the review sheet shows the doubtful row's statement as the test prints it, and each box's category name centred under it", async () => {
    const bytes = readFileSync(join(dir, 'gennemgang.pdf'));
    const text = flat((await readPdf(join(dir, 'gennemgang.pdf'))).text);
    expect(text).toContain('2. Jeg er godt forberedt til MUS'); // leader statement 2
    const runs = (await textRuns(bytes))[0];
    const statement = runs.find((r) => r.str.startsWith('2. Jeg er godt'))!;
    const names = labels.map((label) => runs.find((r) => r.str === label && r.y > statement.y)!);
    expect(names.every(Boolean)).toBe(true);
    for (const name of names) expect(name.y).toBeCloseTo(names[0].y, 0); // one line
    // The picture's boxes, found in pixels: the pixel row between the statement and the names
    // with the most ink is the boxes' top or bottom edge; its dark runs are the boxes.
    const scale = 4;
    const [page] = await renderPages(bytes, scale, { gray: true });
    const dark = (x: number, y: number) => page.data[(y * page.width + x) * 4] < 128;
    let edge = 0;
    let most = -1;
    for (let y = Math.ceil((statement.y + statement.size) * scale); y < names[0].y * scale; y++) {
      let count = 0;
      for (let x = 0; x < page.width; x++) if (dark(x, y)) count++;
      if (count > most) [most, edge] = [count, y];
    }
    const boxes: { from: number; to: number }[] = [];
    for (let x = 0; x < page.width; x++) {
      if (!dark(x, edge)) continue;
      const from = x;
      while (x < page.width && dark(x, edge)) x++;
      if (x - from > 3 * scale) boxes.push({ from, to: x }); // a box's edge is ≈ 4 mm; specks are not
    }
    expect(boxes).toHaveLength(labels.length);
    // Each name's centre within 1 mm of its box's centre (the names' widths measured as drawn).
    const measure = new PDFDocument();
    registerFonts(measure);
    measure.font('regular');
    names.forEach((name, i) => {
      const centre = name.x + measure.fontSize(name.size).widthOfString(name.str) / 2;
      const box = (boxes[i].from + boxes[i].to) / 2 / scale;
      expect(Math.abs(centre - box), labels[i]).toBeLessThan(2.9);
    });
  }, 60_000);

  it("the corrections are applied by the next mus tally and mus build, and the review files are not read as answers; the poster shows the tally's numbers", async () => {
    const corrections = join(dir, 'rettelser.yaml');
    writeFileSync(corrections, readFileSync(corrections, 'utf8').replace(/answer:\n/, 'answer: Sjældent\n'));
    const result = runMus(['tally', dir, '--json']);
    expect(result.code).toBe(0);
    const tally = JSON.parse(result.stdout);
    expect(tally.flagged).toBeUndefined();
    expect(tally.leaders.respondents).toBe(3);
    expect(tally.leaders.statements[1].counts[1]).toBe(
      [leaders[0], leaders[1], typedLeader].filter((a, i) => (i === 0 ? true : a[1] === 1)).length,
    );
    const out = tempDir('mus-scan-build-');
    const build = runMus(['build', '--responses', dir, '--out', out]);
    expect(build.code).toBe(0);
    expect(build.stderr).not.toContain('counted as unanswered');
    // The pre-filled poster read back: per statement (by its short label) the categories
    // chosen, in order (a category nobody chose has no segment), then the unanswered, as tallied.
    const poster = flat((await readPdf(join(out, 'resultatskema-leder.pdf'))).text);
    expect(poster).toContain('Antal besvarelser: 3');
    content.numbered.forEach((statement, i) => {
      const label = statement.short ?? statement.leader;
      const at = poster.indexOf(label);
      expect(at, `statement ${i + 1} on the poster`).toBeGreaterThanOrEqual(0);
      const { counts, unanswered } = tally.leaders.statements[i];
      const chosen = (counts as number[]).filter((c) => c > 0);
      const numbers = poster
        .slice(at + label.length)
        .trim()
        .split(' ')
        .slice(0, chosen.length + 1)
        .map(Number);
      expect(numbers, `statement ${i + 1}`).toEqual([...chosen, unanswered]);
    });
  }, 120_000);
});

describe('JPEG page images in a folder', () => {
  it('two sheets as four 300 dpi greyscale JPEG files beside a typed responses file: `mus tally DIR` counts all three', async () => {
    const sheets = [908, 909].map((seed) => randomAnswers(content.numbered.length, seed));
    const dir = tempDir('mus-scan-folder-');
    const images = await scanImages(
      sheets.map((answers) => ({ test: leaderTest, answers })),
      { dpi: 300, encoding: 'grey-jpeg', seed: 18 },
    );
    images.forEach((image, i) => writeFileSync(join(dir, `side-${i + 1}.jpg`), (image as { bytes: Buffer }).bytes));
    const typedAnswers = randomAnswers(content.numbered.length, 910);
    const labels = content.scoring.scale.map((c) => c.label);
    const label = (a: number | null) => (a === null ? null : labels[a]);
    writeFileSync(join(dir, 'svar.yaml'), stringify({ leaders: [typedAnswers.map(label)] }));
    const result = runMus(['tally', dir, '--json']);
    expect(result.code).toBe(0);
    const { scans, ...json } = JSON.parse(result.stdout);
    expect(scans.pages).toBe(4);
    const all = join(tempDir('mus-scan-folder-typed-'), 'svar.yaml');
    writeFileSync(all, stringify({ leaders: [...sheets, typedAnswers].map((a) => a.map(label)) }));
    expect(json).toEqual(JSON.parse(runMus(['tally', all, '--json']).stdout));
  }, 180_000);
});
