// Scans for the bench: the printed leader test rasterised with pdf.js, ticked with known
// answers, and wrapped into a copier-like PDF, `pages` pages long. A few different sheets are
// repeated (every page is decoded and read in full, so repeats cost what new pages cost).
//
//   node dist/bench/scan-fixture.js OUT.pdf PAGES DPI jpeg|bits
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDFDocument, PDFNumber, PDFOperator, PDFOperatorNames } from 'pdf-lib';
import { loadContent } from '../src/documents/load.js';
import { renderTemplate } from '../src/layout/template.js';
import { renderPdf } from '../src/render/pdf.js';
import { testView } from '../src/documents/test/test.js';
import { defaultContentDir } from '../src/paths.js';
import { renderPage } from '../src/responses/readers/scan/decode.js';

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

const pdf = await PDFDocument.create({ updateMetadata: false });
const distinct: (Buffer | { bits: Buffer; width: number; height: number })[] = [];
for (let s = 0; s < 4; s++) {
  const canvas = await page(s % 2, s);
  if (encoding === 'jpeg') distinct.push(await canvas.encode('jpeg', 80));
  else {
    const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const row = Math.ceil(canvas.width / 8);
    const bits = Buffer.alloc(row * canvas.height);
    for (let y = 0; y < canvas.height; y++)
      for (let x = 0; x < canvas.width; x++)
        if (d[(y * canvas.width + x) * 4 + 1] >= 150) bits[y * row + (x >> 3)] |= 0x80 >> (x & 7);
    distinct.push({ bits, width: canvas.width, height: canvas.height });
  }
}
for (let n = 0; n < pages; n++) {
  const image = distinct[n % distinct.length];
  const p = pdf.addPage([595.28, 841.89]);
  if (Buffer.isBuffer(image)) {
    // Its own copy on every page, as a copier writes it (the file grows with the pages).
    p.drawImage(await pdf.embedJpg(image), { x: 0, y: 0, width: 595.28, height: 841.89 });
    continue;
  }
  // One stream per page, as a copier writes it (1-bit, Flate: pdf.js decodes it as it does CCITT).
  const stream = pdf.context.stream(deflateSync(image.bits), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: image.width,
    Height: image.height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 1,
    Filter: 'FlateDecode',
  });
  const name = p.node.newXObject('Scan', pdf.context.register(stream));
  p.pushOperators(
    PDFOperator.of(PDFOperatorNames.PushGraphicsState),
    PDFOperator.of(
      PDFOperatorNames.ConcatTransformationMatrix,
      [595.28, 0, 0, 841.89, 0, 0].map((v) => PDFNumber.of(v)),
    ),
    PDFOperator.of(PDFOperatorNames.DrawObject, [name]),
    PDFOperator.of(PDFOperatorNames.PopGraphicsState),
  );
}
writeFileSync(out, await pdf.save({ useObjectStreams: false }));
await doc.destroy();
