// The confusion corpus for `npm run bench -- --only corpus`: synthetic scans of filled-in
// tests, made the way the tests make them (test/helpers/scan: the printed tests, the pens, the
// copier), in several profiles, read by `mus tally --json`, and every row held against the
// answer drawn: read right, flagged, or read wrong. Seeded: every run makes the same scans.
//
//   node dist/bench/scan-corpus.js WORK SHEETS   (prints one JSON line: the figures by profile)
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Group } from '../src/content/model.js';
import { loadContent } from '../src/documents/load.js';
import { defaultContentDir } from '../src/paths.js';
import { seededRandom } from '../test/helpers/random.js';
import { printTest, statementsOn, type PrintedTest } from '../test/helpers/scan/printed.js';
import { randomAnswers, scanStack, type ScanOptions, type SheetPlan } from '../test/helpers/scan/stack.js';

const [work, sheetsArg] = process.argv.slice(2);
if (!work || !sheetsArg) throw new Error('usage: node scan-corpus.js WORK SHEETS');
const cli = new URL('../src/cli.js', import.meta.url).pathname;

interface Profile {
  name: string;
  options: ScanOptions;
  /** How each sheet lies on the glass, from the profile's own random numbers. */
  sheet: (r: (a: number) => number) => Partial<SheetPlan>;
}

// The copier's range is what the reader takes today with all four corner marks on the image
// (the marks move inward with issue 25's three-mark reading; then up to 3°, ±6 mm, 95–105 %).
const profiles: Profile[] = [
  { name: 'clean', options: { dpi: 300, encoding: 'grey-jpeg', jitter: false }, sheet: () => ({}) },
  {
    name: 'copier 300 dpi grey JPEG',
    options: { dpi: 300, encoding: 'grey-jpeg' },
    sheet: (r) => ({
      placement: {
        rotate: r(1.5),
        scale: 1 + r(0.02),
        dx: r(3),
        dy: r(3),
        blur: 0.6 + Math.abs(r(0.4)),
        noise: 10 + Math.abs(r(6)),
      },
      showThrough: 0.08 + Math.abs(r(0.06)),
    }),
  },
  {
    name: '1-bit 200 dpi',
    options: { dpi: 200, encoding: 'bits' },
    sheet: (r) => ({ placement: { rotate: r(1.5), scale: 1 + r(0.02), dx: r(3), dy: r(3), blur: 0.6, noise: 8 } }),
  },
  // TODO(issue 25): phone photos with perspective, once the photo generator of the scan-geometry
  // branch (test/helpers/scan/) is on main.
];

const content = loadContent(defaultContentDir);
const tests: Record<Group, PrintedTest> = {
  leader: await printTest(content, 'leader'),
  employee: await printTest(content, 'employee'),
};
const labels = content.scoring.scale.map((c) => c.label);
const count = content.numbered.length;
const perProfile = Math.ceil(Number(sheetsArg) / profiles.length);
const chunk = 10; // sheets a file: the scans are made and held a file at a time

interface Figures {
  sheets: number;
  rows: number;
  right: number;
  flagged: number;
  wrong: number;
  /** Sheets, or pages, that were not read at all. */
  unread: number;
  wrongRows: string[];
}
const result: Record<string, Figures> = {};
for (const [p, profile] of profiles.entries()) {
  const random = seededRandom(1000 + p);
  const r = (a: number) => (random.next() - 0.5) * 2 * a;
  const figures: Figures = { sheets: 0, rows: 0, right: 0, flagged: 0, wrong: 0, unread: 0, wrongRows: [] };
  const folder = join(work, `corpus-${p}`);
  mkdirSync(folder, { recursive: true });
  const expected = new Map<string, (number | null)[]>(); // sheet id → the answers drawn
  const files: string[] = [];
  for (let start = 0; start < perProfile; start += chunk) {
    const plans: SheetPlan[] = [];
    let page = 1;
    const name = `scan-${String(start / chunk).padStart(3, '0')}.pdf`;
    for (let s = start; s < Math.min(perProfile, start + chunk); s++) {
      const test = s % 2 === 0 ? tests.leader : tests.employee;
      const answers = randomAnswers(count, 7919 * (p + 1) + s);
      plans.push({ test, answers, ...profile.sheet(r) });
      expected.set(`${name}:${page}`, answers);
      page += test.pagesPerCopy;
    }
    const file = join(folder, name);
    writeFileSync(file, await scanStack(plans, { ...profile.options, seed: 31 * (p + 1) + start }));
    files.push(file);
  }
  // Exit 1 with pages it cannot count: the figures still say which.
  const run = spawnSync(process.execPath, [cli, 'tally', ...files, '--json', '--skip-invalid'], {
    cwd: folder,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const readings: { sheet: string; statement: number; answer: string | null; how: string }[] =
    JSON.parse(run.stdout || '{"scans":{"readings":[]}}').scans?.readings ?? [];
  const bySheet = new Map<string, Map<number, (typeof readings)[number]>>();
  for (const reading of readings) {
    if (!bySheet.has(reading.sheet)) bySheet.set(reading.sheet, new Map());
    bySheet.get(reading.sheet)?.set(reading.statement, reading);
  }
  for (const [sheet, answers] of expected) {
    figures.sheets++;
    const read = bySheet.get(sheet);
    if (!read) {
      figures.unread++;
      continue;
    }
    answers.forEach((answer, i) => {
      const reading = read.get(i + 1);
      figures.rows++;
      if (!reading || reading.how === 'missing') figures.unread++;
      else if (reading.how === 'flagged') figures.flagged++;
      else if (reading.answer === (answer === null ? null : labels[answer])) figures.right++;
      else {
        figures.wrong++;
        figures.wrongRows.push(`${sheet} statement ${i + 1}: drew ${answer ?? '-'}, read ${reading.answer ?? '-'}`);
      }
    });
  }
  if (run.status !== 0) figures.wrongRows.push(`mus tally exited ${run.status}: ${run.stderr.split('\n')[0]}`);
  result[profile.name] = figures;
}
// Pages of each test, so that a reader of the figures can tell rows from pages.
const pages = Object.fromEntries(
  (['leader', 'employee'] as const).map((g) => [
    g,
    statementsOn(tests[g], 1).length + statementsOn(tests[g], 2).length,
  ]),
);
process.stdout.write(`${JSON.stringify({ profiles: result, statementsPerSheet: pages })}\n`);
