// The confusion corpus for `npm run bench -- --only corpus`: synthetic scans and photos of
// filled-in tests, made the way the tests make them (test/helpers/scan: the printed tests, the
// pens, the copier, the phone), in several profiles, read by `mus tally --json`, and every row
// held against the answer drawn: read right, flagged, or read wrong. Seeded: every run makes the
// same scans, whichever worker thread makes a file (each sheet has its own random numbers).
//
// The scans made are kept in .cache/corpus/ (git-ignored), under a key of the number of sheets,
// the code that makes them and the printed tests: a rerun after a change in the reader only reads.
//
//   node dist/bench/scan-corpus.js WORK SHEETS   (prints one JSON line: the figures by profile)
//   CORPUS_CACHE=0 to make the scans afresh in WORK; CORPUS_THREADS=N to make them in N threads.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Group } from '../src/content/model.js';
import { loadContent } from '../src/documents/load.js';
import { defaultContentDir } from '../src/paths.js';
import { corpusPhotos, corpusSheet, profiles } from '../test/helpers/scan/corpus.js';
import { printTest, statementsOn, type PrintedTest } from '../test/helpers/scan/printed.js';
import { scanStack, type SheetPlan } from '../test/helpers/scan/stack.js';

const chunk = 10; // sheets a file (a folder of photos): the scans are made and held a file at a time
interface Job {
  profile: number;
  start: number;
  end: number;
}
interface Made {
  /** Files in reading order. */
  files: string[];
  /** Sheet id (file:page of its front, as the reader names it) → the answers drawn. */
  expected: [string, (number | null)[]][];
}

async function worker(work: string): Promise<void> {
  const content = loadContent(defaultContentDir);
  const tests: Record<Group, PrintedTest> = {
    leader: await printTest(content, 'leader'),
    employee: await printTest(content, 'employee'),
  };
  const count = content.numbered.length;
  parentPort?.on('message', async (job: Job) => {
    const profile = profiles[job.profile];
    const folder = join(work, `corpus-${job.profile}`);
    mkdirSync(folder, { recursive: true });
    const made: Made = { files: [], expected: [] };
    const plans: SheetPlan[] = [];
    let page = 1;
    const name = `scan-${String(job.start / chunk).padStart(3, '0')}.pdf`;
    for (let s = job.start; s < job.end; s++) {
      const sheet = corpusSheet(tests, count, job.profile, s);
      const { test, answers, r } = sheet;
      if (profile.photo) {
        const id = `sheet-${String(s + 1).padStart(4, '0')}`;
        for (const [p, photo] of (await corpusPhotos(profile, sheet, s)).entries()) {
          const file = join(folder, `${id}-${p + 1}.jpg`);
          writeFileSync(file, photo.bytes);
          made.files.push(file);
        }
        made.expected.push([`${id}-1.jpg:1`, answers]);
        continue;
      }
      plans.push({ test, answers, ...profile.scan?.sheet(r) });
      made.expected.push([`${name}:${page}`, answers]);
      page += test.pagesPerCopy;
    }
    if (profile.scan) {
      const file = join(folder, name);
      writeFileSync(
        file,
        await scanStack(plans, { ...profile.scan.options, seed: 31 * (job.profile + 1) + job.start }),
      );
      made.files.push(file);
    }
    parentPort?.postMessage(made);
  });
  parentPort?.postMessage('ready');
}

/** One profile's confusion figures, as the corpus script prints them in JSON. */
export interface Figures {
  sheets: number;
  rows: number;
  right: number;
  flagged: number;
  wrong: number;
  /** Sheets, or pages, that were not read at all. */
  unread: number;
  wrongRows: string[];
  /** Wall time of making the profile's scans (in parallel with the others') and of reading them. */
  makeMs?: number;
  readMs: number;
}

/** Where the scans of this many sheets, made by this code from these printed tests, are kept. */
async function cacheFolder(total: number): Promise<string> {
  const hash = createHash('sha256').update(`${total} sheets\n`);
  const dist = fileURLToPath(new URL('..', import.meta.url));
  const helpers = join(dist, 'test/helpers');
  for (const file of [
    join(dist, 'bench/scan-corpus.js'),
    join(helpers, 'random.js'),
    ...readdirSync(join(helpers, 'scan')).map((f) => join(helpers, 'scan', f)),
  ].sort())
    hash.update(readFileSync(file));
  const content = loadContent(defaultContentDir);
  for (const group of ['leader', 'employee'] as const) hash.update((await printTest(content, group)).pdf);
  return join(dist, '..', '.cache', 'corpus', hash.digest('hex').slice(0, 16));
}

async function main(): Promise<void> {
  const [workArg, sheetsArg] = process.argv.slice(2);
  if (!workArg || !sheetsArg) throw new Error('usage: node scan-corpus.js WORK SHEETS');
  const cli = new URL('../src/cli.js', import.meta.url).pathname;
  const total = Number(sheetsArg);
  const cached = process.env.CORPUS_CACHE !== '0';
  const work = cached ? await cacheFolder(total) : workArg;
  const index = join(work, 'made.json');
  if (cached && existsSync(index)) return report(work, cli, JSON.parse(readFileSync(index, 'utf8')), 'kept');
  if (cached) {
    // Older corpora (another code version) are dropped: one is kept.
    const parent = join(work, '..');
    if (existsSync(parent))
      for (const old of readdirSync(parent)) rmSync(join(parent, old), { recursive: true, force: true });
  }
  const weights = profiles.reduce((sum, p) => sum + p.weight, 0);
  const sizes = profiles.map((p) => Math.ceil((total * p.weight) / weights));
  const jobs: Job[] = [];
  for (const [profile, size] of sizes.entries())
    for (let start = 0; start < size; start += chunk) jobs.push({ profile, start, end: Math.min(size, start + chunk) });
  // The photos first: they take longest, so that the threads finish together.
  jobs.sort((a, b) => Number(Boolean(profiles[b.profile].photo)) - Number(Boolean(profiles[a.profile].photo)));
  const made = new Map<Job, Made>();
  const started = performance.now();
  const threads = Math.max(1, Math.min(Number(process.env.CORPUS_THREADS) || availableParallelism(), jobs.length));
  await Promise.all(
    Array.from({ length: threads }, async () => {
      const thread = new Worker(new URL(import.meta.url), { workerData: { work } });
      const next = () =>
        new Promise<Made | 'ready'>((resolve, reject) => {
          thread.removeAllListeners('error');
          thread.once('message', resolve);
          thread.once('error', reject);
        });
      await next();
      for (let job = jobs.find((j) => !made.has(j)); job; job = jobs.find((j) => !made.has(j))) {
        made.set(job, { files: [], expected: [] }); // taken
        thread.postMessage(job);
        made.set(job, (await next()) as Made);
      }
      await thread.terminate();
    }),
  );
  const makeMs = Math.round(performance.now() - started);
  // By profile, in reading order, file names relative to the corpus's folder.
  const byProfile: Made[] = profiles.map((_, p) => {
    const mine = [...made].filter(([job]) => job.profile === p).sort(([a], [b]) => a.start - b.start);
    return {
      files: mine.flatMap(([, m]) => m.files.map((f) => join(`corpus-${p}`, basename(f)))),
      expected: mine.flatMap(([, m]) => m.expected),
    };
  });
  writeFileSync(index, JSON.stringify(byProfile));
  await report(work, cli, byProfile, { makeMs, threads });
}

/** Reads each profile's scans and holds every row against the answers drawn; `made`: how long making them took, or 'kept' from an earlier run. */
async function report(
  work: string,
  cli: string,
  byProfile: Made[],
  made: { makeMs: number; threads: number } | 'kept',
): Promise<void> {
  const labels = loadContent(defaultContentDir).scoring.scale.map((c) => c.label);
  const result: Record<string, Figures> = {};
  for (const [p, profile] of profiles.entries()) {
    const files = byProfile[p].files.map((f) => join(work, f));
    const expected = new Map(byProfile[p].expected);
    const figures: Figures = {
      sheets: 0,
      rows: 0,
      right: 0,
      flagged: 0,
      wrong: 0,
      unread: 0,
      wrongRows: [],
      readMs: 0,
    };
    const readStarted = performance.now();
    // Exit 1 with pages it cannot count: the figures still say which.
    const run = spawnSync(process.execPath, [cli, 'tally', ...files, '--json', '--skip-invalid'], {
      cwd: join(work, `corpus-${p}`),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    figures.readMs = Math.round(performance.now() - readStarted);
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
        figures.wrongRows.push(`${sheet}: not read`);
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
  const content = loadContent(defaultContentDir);
  const statementsPerSheet = Object.fromEntries(
    await Promise.all(
      (['leader', 'employee'] as const).map(async (g) => {
        const test = await printTest(content, g);
        return [g, statementsOn(test, 1).length + statementsOn(test, 2).length];
      }),
    ),
  );
  process.stdout.write(`${JSON.stringify({ profiles: result, statementsPerSheet, made, folder: work })}\n`);
}

if (isMainThread) await main();
else await worker(workerData.work);
