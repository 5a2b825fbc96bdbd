// Paper tests scanned on an office copier, read straight into the tally. The scans are made
// here from the project's own printed tests (helpers/scan/): marked with known answers by
// pen and pencil, turned, scaled, shifted, blurred, noised, encoded as JPEG or 1-bit, and
// wrapped into PDFs as a copier writes them. Each tally is compared with the same answers
// typed into a YAML responses file and read by the YAML reader.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { noticeLine } from '../src/content/problem-lines.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadContent } from '../src/documents/load.js';
import type { Content } from '../src/content/model.js';
import type { UserError } from '../src/errors.js';
import { scanPrinting } from '../src/app/scans.js';
import { readAnswers, type AnswerOptions } from '../src/app/tally.js';
import { readScans } from '../src/responses/readers/scan/read-scans.js';
import type { ResponseSources } from '../src/responses/sources.js';
import { answersByGroup } from '../src/responses/types.js';
import { tallyResponses } from '../src/tally/tally.js';
import { repoRoot } from './helpers/cli.js';
import { readPdf, tempDir } from './helpers/pdf.js';
import { printTest, statementsOn, type PrintedTest } from './helpers/scan/printed.js';
import { randomAnswers, scanImages, scanStack, type SheetPlan } from './helpers/scan/stack.js';
import { createCanvas, loadImage } from '@napi-rs/canvas';

const content = loadContent(join(repoRoot, 'content/da'));
const labels = content.scoring.scale.map((c) => c.label);
let leaderTest: PrintedTest;
let employeeCopies: PrintedTest;

beforeAll(async () => {
  leaderTest = await printTest(content, 'leader');
  employeeCopies = await printTest(content, 'employee', 6);
}, 60_000);

/** A folder of its own for each scan (the review files are written beside it). */
function scanFile(bytes: Uint8Array, name = 'scan.pdf'): string {
  const file = join(tempDir('mus-scan-'), name);
  writeFileSync(file, bytes);
  return file;
}

/** The tally of the sources, with the rows flagged on scans, as `mus tally --json` gives it. */
async function tallyResponseSources(sources: ResponseSources, c: Content, options: AnswerOptions = {}) {
  const responses = await readAnswers(sources, c, options);
  return { ...tallyResponses(answersByGroup(responses), c), flagged: responses.flagged };
}

/** The tally of the same answers typed into a YAML responses file. */
async function typedTally(leaders: (number | null)[][], employees: (number | null)[][]) {
  const typed = (sheets: (number | null)[][]) =>
    sheets.map((answers) => answers.map((a) => (a === null ? null : labels[a])));
  const file = join(tempDir('mus-scan-typed-'), 'svar.yaml');
  writeFileSync(file, stringify({ leaders: typed(leaders), employees: typed(employees) }));
  return tallyResponseSources({ file }, content);
}

async function scanTally(file: string, options: { skipInvalid?: boolean } = {}) {
  const notices: string[] = [];
  const result = await tallyResponseSources({ file }, content, {
    notice: (line) => notices.push(noticeLine(line, {})),
    skipInvalid: options.skipInvalid,
  });
  return { result, notices };
}

const answersOf = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => randomAnswers(content.numbered.length, seed + i));

describe('a workshop scanned into one PDF', () => {
  it('JPEG at 150 dpi, leaders (photocopies) and employees (numbered copies) mixed, turned up to 2.8°, scaled 96–105 %, one upside down, a back before its front: the tally of the typed answers', async () => {
    const leaders = answersOf(3, 100);
    const employees = answersOf(6, 200);
    const e = (i: number, extra: Partial<SheetPlan> = {}): SheetPlan => ({
      test: employeeCopies,
      copy: i + 1,
      answers: employees[i],
      ...extra,
    });
    const l = (i: number, extra: Partial<SheetPlan> = {}): SheetPlan => ({
      test: leaderTest,
      answers: leaders[i],
      ...extra,
    });
    const stack = [
      e(0),
      e(1),
      l(0),
      e(2, { placement: { upsideDown: true, rotate: -1.2, scale: 0.97, blur: 0.6, noise: 10 } }),
      l(1, { pen: 'pencil' }),
      e(4, { pages: [2] }),
      e(3),
      e(4, { pages: [1] }), // sheet 5's back was scanned before its front
      l(2, { placement: { rotate: 2.8, scale: 0.96, dx: -3, dy: 2, blur: 0.8, noise: 12 } }),
      e(5, { pen: 'dot', placement: { rotate: -0.6, scale: 1.05, blur: 0.6, noise: 10 } }),
    ];
    const file = scanFile(await scanStack(stack, { dpi: 150, encoding: 'jpeg', seed: 1 }));
    const { result, notices } = await scanTally(file);
    const typed = await typedTally(leaders, employees);
    expect(result.leader).toEqual(typed.leader);
    expect(result.employee).toEqual(typed.employee);
    expect(result.leader.respondents).toBe(3);
    expect(result.employee.respondents).toBe(6);
    expect(result.flagged).toBeUndefined();
    expect(notices.filter((n) => n.includes('upside down'))).toHaveLength(2);
  }, 120_000);

  it('1-bit at 200 dpi with a cover sheet and a blank page: both skipped with a notice, the tally of the typed answers', async () => {
    const leaders = answersOf(2, 300);
    const file = scanFile(
      await scanStack(
        [
          { cover: 'MUS-runde 2026' },
          { test: leaderTest, answers: leaders[0] },
          { blank: true },
          { test: leaderTest, answers: leaders[1], pen: 'check' },
        ].map((s) => ('test' in s && !s.pen ? { ...s, pen: 'x' as const } : s)),
        { dpi: 200, encoding: 'bits', seed: 2 },
      ),
    );
    const { result, notices } = await scanTally(file);
    const typed = await typedTally(leaders, []);
    expect(result.leader).toEqual(typed.leader);
    expect(result.employee.respondents).toBe(0);
    expect(notices).toContain(`${file} page 1: is not a page of a MUS test (no corner marks or page code); skipped`);
    expect(notices).toContain(`${file} page 4: is blank; skipped`);
  }, 120_000);
});

describe('page images', () => {
  it('a sheet as two TIFF files (front, back) and one as two PNGs: the tally of the typed answers', async () => {
    const leaders = answersOf(2, 350);
    const { default: UTIF } = await import('utif2');
    const dir = tempDir('mus-scan-images-');
    const tiffs = await scanImages([{ test: leaderTest, answers: leaders[0] }], { dpi: 150, encoding: 'png', seed: 8 });
    const pngs = await scanImages([{ test: leaderTest, answers: leaders[1] }], { dpi: 150, encoding: 'png', seed: 9 });
    for (const [i, image] of tiffs.entries()) {
      const { data, width, height } = await loadImage((image as { bytes: Buffer }).bytes).then((img) => {
        const canvas = createCanvas(img.width, img.height);
        canvas.getContext('2d').drawImage(img, 0, 0);
        return {
          data: canvas.getContext('2d').getImageData(0, 0, img.width, img.height).data,
          width: img.width,
          height: img.height,
        };
      });
      writeFileSync(
        join(dir, `a-${i + 1}.tif`),
        Buffer.from(UTIF.encodeImage(new Uint8Array(data.buffer), width, height)),
      );
    }
    pngs.forEach((image, i) => writeFileSync(join(dir, `b-${i + 1}.png`), (image as { bytes: Buffer }).bytes));
    const { result } = await scanTally(dir);
    expect(result.leader).toEqual((await typedTally(leaders, [])).leader);
  }, 120_000);
});

describe('a sheet with a side missing is counted with what is there', () => {
  it('a front whose back does not follow (photocopies): its statements counted, the back\'s unanswered and listed as "bagsiden mangler", an incomplete respondent, exit 0', async () => {
    const leaders = answersOf(3, 400).map((a) => a.map((x) => x ?? 1));
    const stack: SheetPlan[] = [
      { test: leaderTest, answers: leaders[0] },
      { test: leaderTest, answers: leaders[1], pages: [1] }, // its back is missing: two fronts in a row
      { test: leaderTest, answers: leaders[2] },
    ];
    const file = scanFile(await scanStack(stack, { dpi: 150, encoding: 'jpeg', seed: 3 }));
    const front = statementsOn(leaderTest, 1);
    const back = statementsOn(leaderTest, 2);
    const { result, notices } = await scanTally(file);
    const half = leaders[1].map((a, i) => (front.includes(i + 1) ? a : null));
    const typed = await typedTally([leaders[0], half, leaders[2]], []);
    expect(result.leader).toEqual(typed.leader);
    expect(result.leader.respondents).toBe(3);
    expect(result.leader.incomplete).toBe(1);
    expect(notices).toContain(
      `${file} page 3: sheet scan.pdf:3: page 2 (the back) is missing from the scans; counted with statements ${back[0]}–${back[back.length - 1]} unanswered, as an incomplete sheet`,
    );
    expect(result.flagged).toEqual(
      back.map((statement) => ({
        sheet: 'scan.pdf:3',
        group: 'leader',
        statement,
        file: 'scan.pdf',
        page: 3,
        reason: 'bagsiden mangler',
      })),
    );
    const corrections = readFileSync(join(file, '..', 'rettelser.yaml'), 'utf8');
    expect(corrections).toContain(`- sheet: "scan.pdf:3" # bagsiden mangler\n  statement: ${back[0]}\n  answer:\n`);
  }, 120_000);

  it("a numbered sheet whose back is missing, and a back page alone: named by sheet number, and by the back's file and page", async () => {
    const employees = answersOf(2, 500).map((a) => a.map((x) => x ?? 1));
    const stack: SheetPlan[] = [
      { test: employeeCopies, copy: 1, answers: employees[0], pages: [1] },
      { test: employeeCopies, copy: 2, answers: employees[1] },
      { test: leaderTest, answers: employees[0], pages: [2] },
    ];
    const file = scanFile(await scanStack(stack, { dpi: 150, encoding: 'jpeg', seed: 4 }));
    const { result, notices } = await scanTally(file);
    const front = statementsOn(employeeCopies, 1);
    const back = statementsOn(leaderTest, 2);
    const frontOnly = employees[0].map((a, i) => (front.includes(i + 1) ? a : null));
    const backOnly = employees[0].map((a, i) => (back.includes(i + 1) ? a : null));
    const typed = await typedTally([backOnly], [frontOnly, employees[1]]);
    expect(result.employee).toEqual(typed.employee);
    expect(result.leader).toEqual(typed.leader);
    expect(result.employee.incomplete).toBe(1);
    expect(result.leader.incomplete).toBe(1);
    const span = (n: number[]) => `${n[0]}–${n[n.length - 1]}`;
    expect(notices).toContain(
      `${file} page 1: sheet medarbejder 1: page 2 (the back) is missing from the scans; counted with statements ${span(statementsOn(employeeCopies, 2))} unanswered, as an incomplete sheet`,
    );
    expect(notices).toContain(
      `${file} page 4: sheet scan.pdf:4: page 1 (the front) is missing from the scans; counted with statements ${span(statementsOn(leaderTest, 1))} unanswered, as an incomplete sheet`,
    );
    expect(new Set(result.flagged?.map((f) => `${f.sheet} ${f.reason}`))).toEqual(
      new Set(['medarbejder 1 bagsiden mangler', 'scan.pdf:4 forsiden mangler']),
    );
  }, 120_000);
});

describe('corrections, doubtful rows and the review sheet', () => {
  it('a filled box plus an X is the X; two Xs are flagged, counted as unanswered, shown on the review sheet, and the corrections file settles them', async () => {
    const answers = randomAnswers(content.numbered.length, 600).map((a) => a ?? 2);
    answers[2] = 4; // statement 3: corrected from Aldrig (filled in) to Altid
    answers[4] = 0; // statement 5: a second X in box 3 as well
    const sheet: SheetPlan = {
      test: leaderTest,
      answers,
      pen: 'x',
      extra: [
        { statement: 3, category: 0, style: 'fill' },
        { statement: 5, category: 2, style: 'x' },
      ],
    };
    const file = scanFile(await scanStack([sheet], { dpi: 150, encoding: 'jpeg', seed: 5 }));
    const dir = join(file, '..');
    const notices: string[] = [];
    const read = await readScans([{ file }], content, {
      printing: scanPrinting(content),
      notice: (l) => notices.push(noticeLine(l, {})),
    });
    const expected = [...answers];
    expected[4] = null;
    expect(read.responses.leader.map((r) => r.answers)).toEqual([expected]);
    expect(read.flagged).toEqual([
      { sheet: 'scan.pdf:1', group: 'leader', statement: 5, file: 'scan.pdf', page: 1, reason: 'mere end ét kryds' },
    ]);
    expect(notices).toContain(
      `Ark scan.pdf:1 · udsagn 5 · scan.pdf side 1 · mere end ét kryds: counted as unanswered until corrected in ${join(dir, 'rettelser.yaml')}`,
    );

    const review = await readPdf(join(dir, 'gennemgang.pdf'));
    expect(review.text).toContain('Ark scan.pdf:1 · udsagn 5 · scan.pdf side 1');
    expect(readFileSync(join(dir, 'gennemgang.pdf')).toString('latin1')).toMatch(/\/Subtype\s*\/Image/); // the picture of the boxes
    const corrections = readFileSync(join(dir, 'rettelser.yaml'), 'utf8');
    expect(corrections).toContain('- sheet: "scan.pdf:1" # mere end ét kryds\n  statement: 5\n  answer:\n');

    writeFileSync(
      join(dir, 'rettelser.yaml'),
      corrections.replace('statement: 5\n  answer:', 'statement: 5\n  answer: Af og til'),
    );
    const again = await readScans([{ file }], content, { printing: scanPrinting(content) });
    expected[4] = 2;
    expect(again.responses.leader.map((r) => r.answers)).toEqual([expected]);
    expect(again.flagged).toEqual([]);
  }, 120_000);
});

describe('rows never guessed, and corrections', () => {
  it('a filled box alone and a smudge are flagged, never guessed; answer "-" settles one as not answered, a label the other', async () => {
    const answers = randomAnswers(content.numbered.length, 610).map((a) => a ?? 1);
    answers[5] = null; // statement 6: only a box filled in
    answers[6] = null; // statement 7: a smudge on box 2
    const sheet: SheetPlan = {
      test: leaderTest,
      answers,
      pen: 'x',
      extra: [
        { statement: 6, category: 3, style: 'fill' },
        { statement: 7, category: 1, style: 'smudge' },
      ],
    };
    const file = scanFile(await scanStack([sheet], { dpi: 150, encoding: 'jpeg', seed: 16 }));
    const read = await readScans([{ file }], content, { printing: scanPrinting(content) });
    expect(read.flagged.map((f) => [f.statement, f.reason])).toEqual([
      [6, 'en udfyldt boks uden et kryds ved siden af'],
      [7, 'en boks er hverken tom eller tydeligt krydset'],
    ]);
    expect(read.responses.leader.map((r) => r.answers)).toEqual([answers]);

    const correctionsFile = join(file, '..', 'rettelser.yaml');
    const text = readFileSync(correctionsFile, 'utf8');
    writeFileSync(
      correctionsFile,
      text
        .replace('statement: 6\n  answer:', 'statement: 6\n  answer: "-"')
        .replace('statement: 7\n  answer:', 'statement: 7\n  answer: Sjældent'),
    );
    const notices: string[] = [];
    const again = await readScans([{ file }], content, {
      printing: scanPrinting(content),
      notice: (l) => notices.push(noticeLine(l, {})),
    });
    const expected = [...answers];
    expected[6] = 1;
    expect(again.responses.leader.map((r) => r.answers)).toEqual([expected]);
    expect(again.flagged).toEqual([]);
    expect(notices).toContain(
      'scans: 2 pages read (0 from three corner marks, 0 photos); 0 rows flagged, 2 rows corrected',
    );
  }, 120_000);

  it('a correction for a sheet not in the scans is a notice; for a statement the test does not have, an error naming the entry', async () => {
    const answers = randomAnswers(content.numbered.length, 611);
    const file = scanFile(
      await scanStack([{ test: leaderTest, answers, pen: 'x' }], { dpi: 150, encoding: 'jpeg', seed: 17 }),
    );
    const correctionsFile = join(file, '..', 'rettelser.yaml');
    writeFileSync(correctionsFile, '- sheet: "leder 99"\n  statement: 3\n  answer: Oftest\n');
    const notices: string[] = [];
    const read = await readScans([{ file }], content, {
      printing: scanPrinting(content),
      notice: (l) => notices.push(noticeLine(l, {})),
    });
    expect(read.responses.leader.map((r) => r.answers)).toEqual([answers]);
    expect(notices).toContain(
      `${correctionsFile}: has answers for sheet leder 99, which is not in the scans; not applied`,
    );
    writeFileSync(correctionsFile, '- sheet: "scan.pdf:1"\n  statement: 77\n  answer: Oftest\n');
    const error = await readScans([{ file }], content, { printing: scanPrinting(content) }).catch((e: unknown) => e);
    expect((error as UserError).message).toBe(
      `${correctionsFile}:1 entry 1: statement 77 is not a statement of the test (1 to 20)`,
    );
  }, 120_000);
});

describe('pages that cannot be counted', () => {
  it('a test printed from changed content is one line naming the file and page', async () => {
    const dir = tempDir('mus-scan-content-');
    cpSync(join(repoRoot, 'content/da'), dir, { recursive: true });
    const statements = join(dir, 'udsagn.yaml');
    writeFileSync(
      statements,
      readFileSync(statements, 'utf8').replace('leader: MUS gennemføres', 'leader: MUS gennemføres hvert år'),
    );
    const changed: Content = loadContent(dir);
    const old = await printTest(changed, 'leader');
    const file = scanFile(
      await scanStack([{ test: old, answers: randomAnswers(20, 700) }], { dpi: 150, encoding: 'jpeg', seed: 6 }),
    );
    const error = (await scanTally(file).catch((e: unknown) => e)) as UserError;
    const lines = error.message.split('\n');
    expect(lines[0]).toBe(
      `${file} page 1: was printed from other content than ${join(repoRoot, 'content/da')} (the leader test has changed since); tally it with the content it was printed from (--content)`,
    );
    expect(lines).toHaveLength(2);
    expect(existsSync(join(dir, 'gennemgang.pdf'))).toBe(false);
  }, 120_000);
});
