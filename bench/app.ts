// The browser app's speed for `npm run bench`: the result after one review decision, with a
// 12-page and a 120-page scan in the workshop. A decision changes the corrections file; the
// app then reads the folder again, but no scan (app/read-memo.ts), so the two take the same
// time to a few milliseconds (pairing the pages read before and applying the corrections
// is all that grows with the pages), far from the first reading. Measured in this process.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { forgetReading, readWorkshopAnswers } from '../src/app/workshop-answers.js';
import { readWorkshopFolder, workshopContent, writeWorkshop } from '../src/app/workshop.js';
import { defaultContentDir, packageRoot } from '../src/paths.js';
import { median, round, runNode, summarize, type Summary } from './measure.js';
import type { ScanBenchContext } from './scan.js';

export async function appBench(ctx: ScanBenchContext): Promise<void> {
  process.stderr.write('app: a decision with a 12- and a 120-page scan…\n');
  const runs = Math.max(5, ctx.runs);
  const decision: Record<number, Summary & { firstReadMs: number }> = {};
  for (const pages of [12, 120]) {
    const name = `app-${pages}`;
    const dir = join(ctx.work, 'workshops', name);
    writeWorkshop(dir, {}, { tilgang: 1 });
    const scan = join(ctx.work, `${name}.pdf`);
    runNode([join(ctx.bench, 'scan-fixture.js'), scan, String(pages), '150', 'jpeg']);
    copyFileSync(scan, join(dir, 'svar', 'scan.pdf'));
    const folder = readWorkshopFolder(join(ctx.work, 'workshops'), name)!;
    const content = workshopContent(defaultContentDir, folder);
    let started = performance.now();
    await readWorkshopAnswers(folder, content);
    const firstReadMs = round(performance.now() - started);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      // What a decision does to the folder: the corrections file changes, the reading is forgotten.
      writeFileSync(join(dir, 'svar', 'rettelser.yaml'), `# decision ${i}\n`);
      forgetReading();
      started = performance.now();
      await readWorkshopAnswers(folder, content);
      times.push(performance.now() - started);
    }
    decision[pages] = {
      ms: round(median(times)),
      cpuMs: Number.NaN,
      maxRssMb: round(process.memoryUsage().rss / 1024 / 1024),
      runs,
      firstReadMs,
    };
  }
  ctx.row(`app: result after a decision, 12-page scan (first reading ${decision[12].firstReadMs} ms)`, decision[12]);
  const ratio = ctx.row(
    `app: result after a decision, 120-page scan (first reading ${decision[120].firstReadMs} ms)`,
    decision[120],
    { name: 'the same with a 12-page scan', summary: decision[12] },
    { goal: '≤ 200 ms whatever the size (no scan read again)' },
  ).ratio;
  ctx.figures.app = {
    decision12Ms: decision[12].ms,
    decision120Ms: decision[120].ms,
    ratio,
    ...(await startBench(ctx, runs)),
    ...warmBench(ctx, runs, join(ctx.work, 'app-120.pdf')),
  };
}

/** Milliseconds from starting `node ARGS` to its first line on stdout; the process is then ended. */
function firstLineMs(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (!chunk.includes('\n')) return;
      const ms = performance.now() - started;
      child.kill();
      resolve(ms);
    });
    child.on('exit', (code) => reject(new Error(`node ${args.join(' ')} ended (${code}) before a line:\n${stderr}`)));
  });
}

/** `mus app` until it prints its address, against node loading fastify and listening (bench/fastify-floor.ts). */
async function startBench(ctx: ScanBenchContext, runs: number): Promise<Record<string, unknown>> {
  process.stderr.write('app: start…\n');
  const floor: number[] = [];
  const start: number[] = [];
  for (let i = 0; i < runs; i++) {
    floor.push(await firstLineMs([join(ctx.bench, 'fastify-floor.js')]));
    const dir = mkdtempSync(join(ctx.work, 'app-start-'));
    start.push(await firstLineMs([ctx.cli, 'app', '--no-open', '--dir', dir]));
  }
  const summary = (times: number[]): Summary => ({
    ms: round(median(times)),
    cpuMs: Number.NaN,
    maxRssMb: Number.NaN,
    runs,
  });
  const floorSummary = summary(floor);
  ctx.row('floor: node loading fastify and listening', floorSummary);
  const listening = ctx.row(
    'app: `mus app` listening (address printed)',
    summary(start),
    { name: 'fastify alone', summary: floorSummary },
    { goal: '≤ 1.5 s' },
  );
  return { fastifyFloorMs: floorSummary.ms, listenMs: listening.ms, listenRatio: listening.ratio };
}

/**
 * Inside one warm app process (bench/app-warm.ts): the pre-filled posters and the set's
 * thumbnails made again, against a new `mus build` process with the same answers; memory idle
 * and after reading a scan, after a full GC.
 */
function warmBench(ctx: ScanBenchContext, runs: number, scan: string): Record<string, unknown> {
  process.stderr.write('app: posters, thumbnails and memory in a warm process…\n');
  const answers = join(packageRoot, 'test', 'fixtures', 'eksempel-svar.yaml');
  const cold: ReturnType<typeof runNode>[] = [];
  for (let i = 0; i < runs; i++) {
    const out = mkdtempSync(join(ctx.work, 'app-cold-'));
    cold.push(runNode([ctx.cli, 'build', '--out', out, '--responses', answers], { cwd: ctx.work }));
  }
  const coldSummary = summarize(cold);
  ctx.row('cold `mus build --responses` (the same answers)', coldSummary);
  const child = (mode: string) =>
    JSON.parse(
      runNode(
        [
          '--expose-gc',
          join(ctx.bench, 'app-warm.js'),
          mode,
          mkdtempSync(join(ctx.work, `app-${mode}-`)),
          answers,
          scan,
          String(runs),
        ],
        { captureStdout: true },
      ).stdout,
    ) as Record<string, number>;
  const w = { ...child('warm'), ...child('memory') };
  const base = { name: 'cold build', summary: coldSummary };
  const at = (ms: number): Summary => ({ ms, cpuMs: Number.NaN, maxRssMb: Number.NaN, runs });
  const posters = ctx.row('app: posters (both groups + comparison) made again, warm', at(w.postersMs), base, {
    goal: '≤ 0.15×',
  });
  const thumbnails = ctx.row(
    `app: thumbnails of the whole set (${w.documents} files), warm`,
    at(w.thumbnailsMs),
    base,
    {
      goal: '≤ 0.5×',
    },
  );
  const rebuild = ctx.row('app: the set built again after a field change, warm', at(w.rebuildMs), base);
  const memory = (label: string, mb: number, goal: string) =>
    ctx.row(label, { ms: Number.NaN, cpuMs: Number.NaN, maxRssMb: mb, runs: 1 }, undefined, { goal });
  memory('app: memory idle (home page shown), after GC', w.idleMb, '≤ 250 MB');
  memory(
    `app: memory after reading the 120-page scan, after GC (+${round(w.afterScanMb - w.idleMb)} MB; peak ${w.peakAfterScanMb} MB, read in ${w.scanReadMs} ms)`,
    w.afterScanMb,
    '≤ idle + 50 MB',
  );
  return {
    coldBuildMs: coldSummary.ms,
    postersMs: posters.ms,
    postersRatio: posters.ratio,
    thumbnailsMs: thumbnails.ms,
    thumbnailsRatio: thumbnails.ratio,
    rebuildMs: rebuild.ms,
    rebuildRatio: rebuild.ratio,
    idleMb: w.idleMb,
    afterScanMb: w.afterScanMb,
    peakAfterScanMb: w.peakAfterScanMb,
    scanReadMs: w.scanReadMs,
  };
}
