// Scan reading for `npm run bench`: pages per second of `mus tally SCAN.pdf` at 300 dpi grey
// JPEG and at 200 dpi 1-bit, against decoding the same pages alone (the floor), and the peak
// memory of a 120-page scan next to a 12-page one (pages are read one at a time, so memory
// must not grow with the number of pages beyond the file itself).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { interleaved, round, runNode, summarize, type Summary } from './measure.js';
import type { Figures } from './scan-corpus.js';

export interface ScanBenchContext {
  runs: number;
  quick: boolean;
  work: string;
  cli: string;
  bench: string;
  row: (
    figure: string,
    summary: Summary,
    baseline?: { name: string; summary: Summary },
    extra?: { goal?: string; note?: string },
  ) => { ms: number; ratio?: number; maxRssMb?: number };
  figures: Record<string, unknown>;
}

export function scanBench(ctx: ScanBenchContext): void {
  process.stderr.write('scan reading…\n');
  const make = (name: string, pages: number, dpi: number, encoding: 'jpeg' | 'bits') => {
    const file = join(ctx.work, name);
    runNode([join(ctx.bench, 'scan-fixture.js'), file, String(pages), String(dpi), encoding]);
    return file;
  };
  const pages = ctx.quick ? 20 : 60;
  const runs = Math.max(2, Math.ceil(ctx.runs / 3));
  const results: Record<string, unknown> = {};
  for (const [key, label, dpi, encoding] of [
    ['grey300', '300 dpi grey JPEG', 300, 'jpeg'],
    ['bits200', '200 dpi 1-bit', 200, 'bits'],
  ] as const) {
    const file = make(`scan-${key}.pdf`, pages, dpi, encoding);
    const measured = interleaved(runs, {
      floor: () => runNode([join(ctx.bench, 'scan-floor.js'), file]),
      tally: () => runNode([ctx.cli, 'tally', file, '--json'], { cwd: ctx.work }),
    });
    const floor = { name: 'decoding the pages', summary: summarize(measured.floor) };
    const tally = summarize(measured.tally);
    const perSecond = round(pages / (tally.ms / 1000), 1);
    ctx.row(`tally scan, ${label}, ${pages} pages: ${perSecond} pages/s`, tally, floor, {
      goal: '≥ 10 pages/s (must ≥ 5)',
    });
    results[key] = {
      pages,
      ms: tally.ms,
      pagesPerSecond: perSecond,
      floorMs: floor.summary.ms,
      ratio: round(tally.ms / floor.summary.ms, 2),
      maxRssMb: tally.maxRssMb,
      mb: round(statSync(file).size / 1e6),
    };
  }
  // Memory: 12 and 120 pages of the same kind.
  const memory: Record<string, { pages: number; mb: number; maxRssMb: number }> = {};
  for (const count of [12, 120]) {
    const file = make(`scan-memory-${count}.pdf`, count, 300, 'jpeg');
    const run = runNode([ctx.cli, 'tally', file, '--json'], { cwd: ctx.work });
    memory[count] = { pages: count, mb: round(statSync(file).size / 1e6), maxRssMb: round(run.maxRssKb / 1024) };
    ctx.row(`  peak memory, ${count}-page scan (${memory[count].mb} MB file)`, summarize([run]), undefined, {
      note: `${memory[count].maxRssMb} MB resident`,
    });
  }
  results.memory = { ...memory, growthPerPageMb: round((memory[120].maxRssMb - memory[12].maxRssMb) / 108, 2) };
  ctx.figures.scan = results;
}

// The corpus script's figures per profile, read back from its JSON.
type CorpusFigures = Figures;

/**
 * The confusion corpus (scan-corpus.ts): read right / flagged / wrong by profile. A row read
 * wrong, a sheet not read, or more than 1 % of rows flagged is a failure of the bench: it says
 * so last and exits 1.
 */
export function corpusBench(ctx: {
  quick: boolean;
  work: string;
  bench: string;
  figures: Record<string, unknown>;
  /** A row of the table with no time: what was counted. */
  line: (figure: string, note: string, goal: string) => void;
  failures: string[];
}): void {
  process.stderr.write('scan corpus…\n');
  const sheets = ctx.quick ? 60 : 510;
  const run = runNode([join(ctx.bench, 'scan-corpus.js'), ctx.work, String(sheets)], { captureStdout: true });
  const { profiles, made } = JSON.parse(run.stdout) as {
    profiles: Record<string, CorpusFigures>;
    made: { makeMs: number; threads: number } | 'kept';
  };
  const readS = round(Object.values(profiles).reduce((sum, f) => sum + f.readMs, 0) / 1000, 1);
  ctx.line(
    'corpus, made and read',
    `${sheets} sheets ${made === 'kept' ? 'kept from an earlier run (.cache/corpus)' : `made in ${round(made.makeMs / 1000, 1)} s (${made.threads} threads)`}, read in ${readS} s`,
    'a few minutes',
  );
  for (const [name, f] of Object.entries(profiles)) {
    const flaggedShare = f.rows === 0 ? 0 : f.flagged / f.rows;
    const note = `${f.sheets} sheets, ${f.rows} rows: ${f.right} read right, ${f.flagged} flagged (${round(100 * flaggedShare, 2)} %), ${f.wrong} wrong, ${f.unread} not read; read in ${round(f.readMs / 1000, 1)} s`;
    ctx.line(`corpus, ${name}`, note, '0 wrong, ≤ 1 % flagged, every sheet read');
    for (const line of f.wrongRows) ctx.failures.push(`corpus, ${name}: ${line}`);
    if (f.wrong > 0) ctx.failures.push(`corpus, ${name}: ${f.wrong} rows read wrong`);
    if (f.unread > 0) ctx.failures.push(`corpus, ${name}: ${f.unread} sheets or rows not read`);
    if (flaggedShare > 0.01) ctx.failures.push(`corpus, ${name}: ${round(100 * flaggedShare, 2)} % of rows flagged`);
  }
  ctx.figures.corpus = profiles;
  ctx.figures.corpusMade = made;
}
