// Refusals for `npm run bench -- --only refusals`: how long `mus` takes to refuse a file that
// declares more than it holds (an image header claiming 65 500² pixels, a scan PDF holding a
// 30 000² image, an .ods whose one cell is repeated 100 million times) or a workshop text
// over its limit, against the floor of starting `mus --version`. Each must be refused from
// its header, before any decoder, renderer or reader is loaded: well under a second.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jpegClaiming, odsRepeating, pdfWithImage } from '../test/helpers/bombs.js';
import { interleaved, runNode, summarize } from './measure.js';
import type { ScanBenchContext } from './scan.js';

export async function refusalsBench(ctx: ScanBenchContext): Promise<void> {
  process.stderr.write('refusals…\n');
  const folder = (name: string, files: Record<string, Uint8Array | string>) => {
    const dir = join(ctx.work, name);
    mkdirSync(dir, { recursive: true });
    for (const [file, bytes] of Object.entries(files)) writeFileSync(join(dir, file), bytes);
    return dir;
  };
  const jpeg = folder('refuse-jpeg', { 'side-1.jpg': jpegClaiming(65_500, 65_500) });
  const pdf = folder('refuse-pdf', { 'scan.pdf': await pdfWithImage(30_000, 30_000) });
  const ods = join(folder('refuse-ods', { 'svar.ods': odsRepeating(100_000, 1_000) }), 'svar.ods');
  const workshop = join(folder('refuse-workshop', { 'workshop.yaml': `unit: ${'x'.repeat(5000)}\n` }), 'workshop.yaml');
  const refused =
    (...args: string[]) =>
    () =>
      runNode([ctx.cli, ...args], { cwd: ctx.work, status: 1 });
  const measured = interleaved(ctx.runs, {
    floor: () => runNode([ctx.cli, '--version'], { cwd: ctx.work }),
    jpeg: refused('tally', jpeg),
    pdf: refused('tally', pdf),
    ods: refused('tally', ods),
    build: refused('build', '--responses', jpeg, '--out', join(ctx.work, 'refuse-out')),
    workshop: refused('build', '--workshop', workshop, '--out', join(ctx.work, 'refuse-out')),
  });
  const floor = { name: 'mus --version', summary: summarize(measured.floor) };
  const goal = 'well under 1 s';
  const results: Record<string, unknown> = { floorMs: floor.summary.ms };
  for (const [key, label] of [
    ['jpeg', 'tally, a 852-byte JPEG claiming 65 500² pixels'],
    ['pdf', 'tally, a scan PDF holding a 30 000² image'],
    ['ods', 'tally, a 4 kB .ods repeating one cell 10⁸ times'],
    ['build', 'build --responses, the JPEG above'],
    ['workshop', 'build --workshop, a 5 000-character unit'],
  ] as const) {
    const r = ctx.row(`refusal: ${label}`, summarize(measured[key]), floor, { goal });
    results[key] = { ms: r.ms, ratio: r.ratio };
  }
  ctx.figures.refusals = results;
}
