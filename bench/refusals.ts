// Refusals for `npm run bench -- --only refusals`: how long `mus` takes to refuse a file that
// declares more than it holds (an image header claiming 65 500² pixels, a scan PDF holding a
// 30 000² image, an .ods whose one cell is repeated 100 million times) or a workshop text
// over its limit, against the floor of starting `mus --version`. Each must be refused from
// its header, before any decoder, renderer or reader is loaded: well under a second.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CFB, utils, write } from '@e965/xlsx';
import { concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import { interleaved, runNode, summarize } from './measure.js';
import type { ScanBenchContext } from './scan.js';

/** A JPEG of a few hundred bytes whose frame header claims width × height pixels. */
function jpegClaiming(width: number, height: number): Buffer {
  const app0 = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof = [0xff, 0xc0, 0, 17, 8, height >> 8, height & 255, width >> 8, width & 255, 3];
  sof.push(1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1);
  const sos = [0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof, ...sos, ...Array(800).fill(0), 0xff, 0xd9]);
}

/** A one-page scan PDF drawing one Flate grey image that declares width × height. */
async function pdfWithImage(width: number, height: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const image = doc.context.flateStream(new Uint8Array(64), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 8,
  });
  const name = page.node.newXObject('Im', doc.context.register(image));
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(595, 0, 0, 842, 0, 0),
    drawObject(name),
    popGraphicsState(),
  );
  return doc.save({ useObjectStreams: false });
}

/** An .ods whose one cell is repeated over `rows` rows and `columns` columns: a few kB. */
function odsRepeating(rows: number, columns: number): Buffer {
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet([['Rolle', '1']]), 'Svar');
  const container = CFB.read(write(book, { bookType: 'ods', type: 'buffer' }), { type: 'buffer' });
  const entry = CFB.find(container, 'content.xml')!;
  entry.content = Buffer.from(
    Buffer.from(entry.content)
      .toString('utf8')
      .replace(
        /<table:table-row>[\s\S]*<\/table:table-row>/,
        `<table:table-row table:number-rows-repeated="${rows}"><table:table-cell table:number-columns-repeated="${columns}" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>`,
      ),
  );
  entry.size = entry.content.length;
  return Buffer.from(CFB.write(container, { fileType: 'zip', type: 'buffer', compression: true }));
}

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
