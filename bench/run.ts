// `npm run bench`: how fast a build and a tally are, against floors measured in the same
// run (the machine is shared and noisy; ratios travel, milliseconds do not). Every build is
// a new process into a fresh output folder: nothing is kept between runs.
// Prints a table, then one JSON line with every figure.
//
//   node dist/bench/run.js [--runs N] [--quick] [--only startup,cold,tally,scan,corpus,app,refusals] [--formats json,csv,xlsx,yaml]
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/paths.js';
import { writeResponses, type DataFormat } from './generate.js';
import { interleaved, round, runNode, summarize, type Summary } from './measure.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const quick = args.includes('--quick');
const runs = Number(option('--runs') ?? (quick ? 3 : 7));
const only = option('--only')?.split(',');
const wanted = (section: string) => !only || only.includes(section);
const formats = option('--formats')?.split(','); // the tally's files, e.g. `--only tally --formats xlsx`

const cli = join(packageRoot, 'dist', 'src', 'cli.js');
const bench = join(packageRoot, 'dist', 'bench');
const fixture = join(packageRoot, 'test', 'fixtures', 'eksempel-svar.yaml');
const work = mkdtempSync(join(tmpdir(), 'mus-bench-'));

interface Row {
  figure: string;
  ms: number;
  baseline?: string;
  baselineMs?: number;
  ratio?: number;
  goal?: string;
  maxRssMb?: number;
  note?: string;
}
const rows: Row[] = [];
/** What a section found wrong (not slow: wrong); printed last, and the bench exits 1. */
const failures: string[] = [];
const figures: Record<string, unknown> = {};

function row(
  figure: string,
  summary: Summary,
  baseline?: { name: string; summary: Summary },
  extra: Partial<Row> = {},
): Row {
  const r: Row = { figure, ms: summary.ms, maxRssMb: summary.maxRssMb, ...extra };
  if (baseline) {
    r.baseline = baseline.name;
    r.baselineMs = baseline.summary.ms;
    r.ratio = round(summary.ms / baseline.summary.ms, 2);
  }
  rows.push(r);
  process.stderr.write(`  ${figure}: ${summary.ms} ms${r.ratio === undefined ? '' : ` (${r.ratio}× ${r.baseline})`}\n`);
  return r;
}

const mus =
  (...rest: string[]) =>
  () =>
    runNode([cli, ...rest], { cwd: work });

function startup(): void {
  process.stderr.write('startup…\n');
  // The TypeScript loader (a dev dependency) only to show what running without a build would cost.
  const tsxAvailable = existsSync(join(packageRoot, 'node_modules', 'tsx'));
  const measured = interleaved(runs, {
    node: () => runNode(['-e', '']),
    help: mus('--help'),
    tsx: () =>
      tsxAvailable ? runNode(['--import', 'tsx', join('src', 'cli.ts'), '--help'], { cwd: packageRoot }) : undefined,
  });
  const node = { name: 'node -e ""', summary: summarize(measured.node) };
  const help = row('mus --help', summarize(measured.help), node);
  const startupFigures: Record<string, unknown> = { nodeMs: node.summary.ms, helpMs: help.ms, helpRatio: help.ratio };
  if (tsxAvailable) {
    const tsx = row('mus --help through the tsx loader (not used)', summarize(measured.tsx), node);
    Object.assign(startupFigures, { tsxHelpMs: tsx.ms, tsxHelpRatio: tsx.ratio });
  }
  figures.startup = startupFigures;
}

function cold(): void {
  process.stderr.write('cold builds…\n');
  // The hand-typed example answers (test/fixtures/).
  const withResponses = existsSync(fixture);
  let run = 0;
  const fresh = (name: string) => join(work, `${name}-${run++}`); // an output folder no run has seen
  const measured = interleaved(runs, {
    floor: () => runNode([join(bench, 'floor.js'), join(work, 'floor.pdf')]),
    blank: () => runNode([cli, 'build', '--out', fresh('blank')], { cwd: work }),
    responses: () =>
      withResponses
        ? runNode([cli, 'build', '--out', fresh('responses'), '--responses', fixture], { cwd: work })
        : undefined,
  });
  if (!withResponses) process.stderr.write(`  (no ${fixture}: the build with responses is not measured)\n`);
  const floor = { name: 'floor (pdfkit, one empty A4 page)', summary: summarize(measured.floor) };
  row(floor.name, floor.summary);
  const blank = row('cold build, blank set', summarize(measured.blank), floor, { goal: '≤ 4× floor' });
  const responses = withResponses
    ? row('cold build, with responses', summarize(measured.responses), floor)
    : { ms: NaN, ratio: undefined };
  figures.cold = {
    floorMs: floor.summary.ms,
    blankMs: blank.ms,
    blankRatio: blank.ratio,
    responsesMs: responses.ms,
    responsesRatio: responses.ratio,
    floorCpuMs: floor.summary.cpuMs,
    blankCpuRatio: round(summarize(measured.blank).cpuMs / floor.summary.cpuMs, 2),
    responsesCpuRatio: withResponses ? round(summarize(measured.responses).cpuMs / floor.summary.cpuMs, 2) : undefined,
  };
}

interface Dataset {
  format: DataFormat;
  respondents: number;
  goal?: string;
}

function tally(): void {
  process.stderr.write('tally…\n');
  // A whole organisation is ~10 000 respondents; 100 000 is the far end. Every file is read
  // whole into its answer sheets, then tallied: time and memory should grow with the file, not faster.
  const datasets: Dataset[] = [
    { format: 'yaml', respondents: 1_000 },
    { format: 'json', respondents: 10_000, goal: '≤ 1 s' },
    { format: 'csv', respondents: 10_000, goal: '≤ 1 s' },
    { format: 'xlsx', respondents: 10_000, goal: '≤ 1 s' },
    { format: 'json', respondents: 100_000, goal: '≤ 3 s' },
    { format: 'csv', respondents: 100_000, goal: '≤ 3 s' },
  ];
  const results: Record<
    string,
    {
      ms: number;
      cpuMs: number;
      maxRssMb: number;
      readFloorMs: number;
      ratio: number;
      mb: number;
      withinGoal?: boolean;
    }
  > = {};
  for (const { format, respondents, goal } of datasets.filter((d) => !formats || formats.includes(d.format))) {
    const file = join(work, `svar-${respondents}.${format}`);
    const bytes = writeResponses(file, format, respondents);
    try {
      const measured = interleaved(runs, {
        floor: () => runNode([join(bench, 'read-floor.js'), file]),
        tally: () => runNode([cli, 'tally', file, '--json'], { cwd: work }),
      });
      const floor = { name: 'reading the file', summary: summarize(measured.floor) };
      const label = `tally ${format}, ${respondents.toLocaleString('en')} respondents (${round(bytes / 1e6)} MB)`;
      const summary = summarize(measured.tally);
      const r = row(label, summary, floor, { goal });
      const limitMs = goal === '≤ 1 s' ? 1000 : goal === '≤ 3 s' ? 3000 : undefined;
      results[`${format}-${respondents}`] = {
        ms: r.ms,
        cpuMs: summary.cpuMs, // on a busy machine the CPU time says more than the wall time
        maxRssMb: r.maxRssMb ?? 0,
        readFloorMs: floor.summary.ms,
        ratio: r.ratio ?? 0,
        mb: round(bytes / 1e6),
        ...(limitMs === undefined ? {} : { withinGoal: r.ms <= limitMs }),
      };
    } finally {
      rmSync(file, { force: true });
    }
  }
  // Memory against the file: from 10 000 to 100 000 respondents the file grows ~10×; the peak
  // memory (which includes node and the content, ~60 MB) must grow by no more, and what it
  // grows by, per MB of file, says what holding the answer sheets costs.
  const growth: Record<string, unknown> = {};
  for (const format of ['json', 'csv']) {
    const small = results[`${format}-10000`];
    const big = results[`${format}-100000`];
    if (!small || !big) continue;
    const fileGrowth = round(big.mb / small.mb, 2);
    const memoryGrowth = round(big.maxRssMb / small.maxRssMb, 2);
    const memoryPerFileMb = round((big.maxRssMb - small.maxRssMb) / (big.mb - small.mb), 2);
    growth[format] = { fileGrowth, memoryGrowth, memoryPerFileMb, withinGoal: memoryGrowth <= fileGrowth };
    const note = `memory ×${memoryGrowth} for a file ×${fileGrowth} (+${memoryPerFileMb} MB per MB of file)`;
    rows.push({
      figure: `  ${format}, 10 000 → 100 000 respondents`,
      ms: NaN,
      note,
      goal: 'memory grows no faster than the file',
    });
    process.stderr.write(`  ${format}: ${note}\n`);
  }
  figures.tally = { ...results, growth };
}

try {
  if (wanted('startup')) startup();
  if (wanted('cold')) cold();
  if (wanted('tally')) tally();
  if (wanted('scan')) (await import('./scan.js')).scanBench({ runs, quick, work, cli, bench, row, figures });
  if (wanted('refusals'))
    await (await import('./refusals.js')).refusalsBench({ runs, quick, work, cli, bench, row, figures });
  if (wanted('corpus')) {
    const line = (figure: string, note: string, goal: string) => {
      rows.push({ figure, ms: NaN, note, goal });
      process.stderr.write(`  ${figure}: ${note}\n`);
    };
    (await import('./scan.js')).corpusBench({ quick, work, bench, figures, line, failures });
  }
  if (wanted('app')) await (await import('./app.js')).appBench({ runs, quick, work, cli, bench, row, figures });
} finally {
  rmSync(work, { recursive: true, force: true });
}

const table = [
  ['figure', 'median', '× baseline', 'baseline', 'goal', 'peak memory'],
  ...rows.map((r) => [
    r.figure,
    Number.isNaN(r.ms) ? '—' : `${r.ms} ms`,
    r.ratio === undefined ? '' : `${r.ratio}×`,
    r.baseline === undefined ? (r.note ?? '') : `${r.baseline} (${r.baselineMs} ms)`,
    r.goal ?? '',
    r.maxRssMb ? `${r.maxRssMb} MB` : '',
  ]),
];
const widths = table[0].map((_, c) => Math.max(...table.map((line) => [...line[c]].length)));
for (const line of table) {
  process.stdout.write(
    `${line
      .map((cell, c) => cell + ' '.repeat(widths[c] - [...cell].length))
      .join('  ')
      .trimEnd()}\n`,
  );
}
process.stdout.write(
  `${JSON.stringify({ bench: 'mus-materialer', node: process.version, cpus: cpus().length, runs, quick, figures })}\n`,
);
if (failures.length > 0) {
  process.stderr.write(`\nBENCH FAILED:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
  process.exitCode = 1;
}
