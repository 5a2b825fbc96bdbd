// Scans for the bench: the printed leader test rasterised with pdf.js, ticked with known
// answers, and wrapped into a copier-like PDF, `pages` pages long, by the tests' own copier
// (test/helpers/scan/scanner.ts: a JPEG, or 1-bit Flate, page image filling each page). A few different sheets are
// repeated (every page is decoded and read in full, so repeats cost what new pages cost).
//
//   node dist/bench/scan-fixture.js OUT.pdf PAGES DPI jpeg|bits
import { writeFileSync } from 'node:fs';
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { loadContent } from '../src/documents/load.js';
import { renderTemplate } from '../src/layout/template.js';
import { renderPdf } from '../src/render/pdf.js';
import { testView } from '../src/documents/test/test.js';
import { defaultContentDir } from '../src/paths.js';
import { renderPage } from '../src/responses/readers/scan/decode.js';
import { asBits, asGreyJpeg, scanPdf, type ScanImage } from '../test/helpers/scan/scanner.js';

const [out, pagesArg, dpiArg, encoding] = process.argv.slice(2);
if (!out || !pagesArg || !dpiArg || (encoding !== 'jpeg' && encoding !== 'bits'))
  throw new Error('usage: node scan-fixture.js OUT.pdf PAGES DPI jpeg|bits');
const pages = Number(pagesArg);
const dpi = Number(dpiArg);

const content = loadContent(defaultContentDir);
const printed = await renderPdf(await renderTemplate('test', testView(content, 'leader')), {
  language: 'da',
  author: 'bench',
  date: new Date(0),
  name: 'bench.pdf',
});
const doc = await getDocument({ data: new Uint8Array(printed.bytes), verbosity: 0 }).promise;

async function page(index: number, seed: number): Promise<Canvas> {
  const canvas = await renderPage(await doc.getPage(index + 1), dpi);
  const ctx = canvas.getContext('2d');
  const k = dpi / 72;
  ctx.strokeStyle = '#202040';
  ctx.lineWidth = 1.6 * k;
  const byStatement = new Map<string, typeof printed.boxes>();
  for (const box of printed.boxes.filter((b) => b.page === index))
    byStatement.set(box.name ?? '', [...(byStatement.get(box.name ?? '') ?? []), box]);
  let i = seed;
  for (const boxes of byStatement.values()) {
    const box = boxes[(i++ * 7) % boxes.length];
    ctx.beginPath();
    ctx.moveTo(box.x * k, box.y * k);
    ctx.lineTo((box.x + box.size) * k, (box.y + box.size) * k);
    ctx.moveTo((box.x + box.size) * k, box.y * k);
    ctx.lineTo(box.x * k, (box.y + box.size) * k);
    ctx.stroke();
  }
  // A copier's grey: noise on the paper, a slight turn.
  const turned = createCanvas(canvas.width, canvas.height);
  const t = turned.getContext('2d');
  t.fillStyle = '#ffffff';
  t.fillRect(0, 0, turned.width, turned.height);
  t.translate(turned.width / 2, turned.height / 2);
  t.rotate(((seed % 3) - 1) * 0.01);
  t.drawImage(canvas, -canvas.width / 2, -canvas.height / 2);
  return turned;
}

const distinct: ScanImage[] = [];
for (let s = 0; s < 4; s++) {
  const canvas = await page(s % 2, s);
  distinct.push(encoding === 'jpeg' ? await asGreyJpeg(canvas) : asBits(canvas));
}
// Each page its own copy of its image, as a copier writes it (the file grows with the pages).
writeFileSync(out, await scanPdf(Array.from({ length: pages }, (_, n) => distinct[n % distinct.length])));
await doc.destroy();
