// The floor for reading a scan: decoding its pages at full resolution, one at a time in one
// thread, and nothing else. Kept apart from the reader's own decoding (which decodes less
// than the whole page), so that the ratio says what the reader gains: a JPEG page decoded
// whole by @napi-rs/canvas (libjpeg-turbo) and drawn at 150 dpi; any other page rasterised by
// pdf.js at 150 dpi.
//
//   node dist/bench/scan-floor.js SCAN.pdf
import { readFileSync } from 'node:fs';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPage, scanPages } from '../src/responses/readers/scan/decode.js';

const file = process.argv[2];
if (!file) throw new Error('usage: node scan-floor.js SCAN.pdf');
const dpi = 150;
const isJpeg = (bytes: Uint8Array) => bytes[0] === 0xff && bytes[1] === 0xd8;
let pdfjs: Awaited<ReturnType<typeof getDocument>['promise']> | undefined;
let pages = 0;
let checksum = 0;
for await (const page of scanPages(file)) {
  if (page.problem) continue;
  if (page.encoded && isJpeg(page.encoded)) {
    const image = await loadImage(Buffer.from(page.encoded));
    const w = Math.round((dpi * 210) / 25.4);
    const h = Math.round((image.height * w) / image.width);
    const canvas = createCanvas(w, h);
    canvas.getContext('2d').drawImage(image, 0, 0, w, h);
    checksum += canvas.data()[1];
    image.src = new Uint8Array(0);
  } else {
    pdfjs ??= await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
    const p = await pdfjs.getPage(page.page);
    checksum += (await renderPage(p, dpi)).data()[1];
    p.cleanup();
  }
  pages++;
}
await pdfjs?.destroy();
if (pages === 0 || Number.isNaN(checksum)) throw new Error(`${file}: no page decoded`);
