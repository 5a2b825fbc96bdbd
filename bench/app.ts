// The browser app's speed for `npm run bench`: the result after one review decision, with a
// 12-page and a 120-page scan in the workshop. A decision changes the corrections file; the
// app then reads the folder again, but no scan (app/read-memo.ts), so the two take the same
// time to a few milliseconds (pairing the pages read before and applying the corrections
// is all that grows with the pages), far from the first reading. Measured in this process.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { forgetReading, readWorkshopAnswers } from '../src/app/workshop-answers.js';
import { readWorkshopFolder, workshopContent, writeWorkshop } from '../src/app/workshop.js';
import { defaultContentDir } from '../src/paths.js';
import { median, round, runNode, type Summary } from './measure.js';
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
  ctx.figures.app = { decision12Ms: decision[12].ms, decision120Ms: decision[120].ms, ratio };
}
