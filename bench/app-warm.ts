// The warm app process for `npm run bench -- --only app` (run with --expose-gc): the app made
// as `mus app` makes it, asked through inject() as the browser asks it. Prints one JSON line:
// `warm`: the pre-filled posters and the whole set's thumbnails made again after a change;
// `memory`: the resident size idle and after reading a scan, each after a full GC.
//
//   node --expose-gc dist/bench/app-warm.js warm|memory WORK ANSWERS SCAN RUNS
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeWorkshop } from '../src/app/workshop.js';
import { defaultContentDir } from '../src/paths.js';
import { createApp } from '../src/web/server.js';
import { median, round } from './measure.js';

const [mode, work, answers, scan, runsArg] = process.argv.slice(2);
const runs = Number(runsArg);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

/** Resident memory after a full collection, in MB (twice: finalizers free more on the second). */
async function settledRssMb(): Promise<number> {
  for (let i = 0; i < 2; i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return round(process.memoryUsage().rss / 1024 / 1024);
}

const root = join(work, 'workshops');
mkdirSync(root, { recursive: true });
const app = await createApp({ root, contentDir: defaultContentDir, token: 't' });
const url = new URL(await app.listen(0));
const headers = { host: url.host, cookie: 'mus_app=t' };
const get = async (path: string) => {
  const response = await app.server.inject({ method: 'GET', url: path, headers });
  if (response.statusCode !== 200)
    throw new Error(`GET ${path}: ${response.statusCode}\n${response.body.slice(0, 400)}`);
  return response;
};

const details = (date: string) => ({ workplace: 'Lageret A/S', unit: 'Pakkeriet', date });

async function warm(): Promise<Record<string, number>> {
  // Posters: the workshop's answers are those of the cold build's --responses.
  const dir = join(root, 'bench');
  writeWorkshop(dir, details('1. marts 2026'), { tilgang: 1 });
  copyFileSync(answers, join(dir, 'svar', 'svar.yaml'));
  const posterZip = '/w/bench/plakater.zip';
  await get(posterZip); // the answers read once, as on the result page before the download
  const posters: number[] = [];
  for (let i = 0; i < runs; i++) {
    // A review decision: the corrections change, the posters are made again.
    writeFileSync(join(dir, 'svar', 'rettelser.yaml'), `# decision ${i}\n`);
    const started = performance.now();
    await get(posterZip);
    posters.push(performance.now() - started);
  }

  // Thumbnails: a workshop field changed, the set is built again, then every first page drawn.
  const thumbnails: number[] = [];
  const rebuilds: number[] = [];
  for (let i = 0; i < runs; i++) {
    writeWorkshop(dir, details(`${i + 2}. marts 2026`), { tilgang: 1 });
    let started = performance.now();
    const page = (await get('/w/bench/materiale')).body;
    rebuilds.push(performance.now() - started);
    const images = [...page.matchAll(/<img[^>]+src="([^"]+forside\.png)"/g)].map((m) => m[1].replace(/&#x3D;/g, '='));
    if (images.length === 0) throw new Error('no thumbnails on the material page');
    started = performance.now();
    await Promise.all(images.map((src) => get(src)));
    thumbnails.push(performance.now() - started);
  }
  const documents = [...(await get('/w/bench/materiale')).body.matchAll(/forside\.png/g)].length;
  return {
    postersMs: round(median(posters)),
    rebuildMs: round(median(rebuilds)),
    thumbnailsMs: round(median(thumbnails)),
    documents,
  };
}

async function memory(): Promise<Record<string, number>> {
  await get('/'); // the app as the facilitator first sees it
  const idleMb = await settledRssMb();
  const idle = process.memoryUsage();
  // Memory after reading a scan: the answers page reads it, in a child process that then ends (app/scan-process.ts).
  const scanned = join(root, 'scan');
  writeWorkshop(scanned, details('1. marts 2026'), { tilgang: 1 });
  copyFileSync(scan, join(scanned, 'svar', 'scan.pdf'));
  let started = performance.now();
  await get('/w/scan/svar');
  const scanReadMs = performance.now() - started;
  const peakAfterScanMb = round(process.memoryUsage().rss / 1024 / 1024);
  const afterScanMb = await settledRssMb();
  const { heapUsed, external } = process.memoryUsage();
  started = performance.now();
  await get('/w/scan/resultat'); // nothing read again
  const resultAfterScanMs = performance.now() - started;
  return {
    idleMb,
    heapIdleMb: round(idle.heapUsed / 1024 / 1024),
    externalIdleMb: round(idle.external / 1024 / 1024),
    scanReadMs: round(scanReadMs),
    peakAfterScanMb,
    afterScanMb,
    heapAfterScanMb: round(heapUsed / 1024 / 1024),
    externalAfterScanMb: round(external / 1024 / 1024),
    resultAfterScanMs: round(resultAfterScanMs),
  };
}

const figures = mode === 'warm' ? await warm() : await memory();
await app.server.close();
process.stdout.write(`${JSON.stringify(figures)}\n`);
