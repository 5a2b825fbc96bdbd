// Small hostile files, a few bytes that declare huge images or sheets: made for the fault
// tests (test/faults*.test.ts, through hostile.ts) and the refusals bench (bench/refusals.ts),
// so this module needs nothing from vitest.
import { deflateSync } from 'node:zlib';
import { CFB, utils, write } from '@e965/xlsx';

/** A JPEG of a few hundred bytes whose frame header claims width × height pixels. */
export function jpegClaiming(width: number, height: number): Buffer {
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03];
  sof.push(0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01);
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0, 0];
  const sos = [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00];
  return Buffer.from([0xff, 0xd8, ...app0, ...sof, ...sos, ...Array(800).fill(0), 0xff, 0xd9]);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid grey PNG header declaring width × height, with a little compressed data. */
export function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(width + 1))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A little-endian TIFF of one frame declaring width × height. */
export function tiffClaiming(width: number, height: number): Buffer {
  const b = Buffer.alloc(8 + 2 + 2 * 12 + 4 + 16);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  b.writeUInt16LE(2, 8);
  for (const [i, [tag, value]] of [
    [256, width],
    [257, height],
  ].entries()) {
    const at = 10 + i * 12;
    b.writeUInt16LE(tag, at);
    b.writeUInt16LE(4, at + 2); // LONG
    b.writeUInt32LE(1, at + 4);
    b.writeUInt32LE(value, at + 8);
  }
  return b;
}

/** An .ods whose one cell is repeated over `rows` rows and `columns` columns: a few kB. */
export function odsRepeating(rows: number, columns: number): Buffer {
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet([['Rolle', '1']]), 'Svar');
  const container = CFB.read(write(book, { bookType: 'ods', type: 'buffer' }), { type: 'buffer' });
  const entry = CFB.find(container, 'content.xml')!;
  const xml = Buffer.from(entry.content).toString('utf8');
  entry.content = Buffer.from(
    xml.replace(
      /<table:table-row>[\s\S]*<\/table:table-row>/,
      `<table:table-row table:number-rows-repeated="${rows}"><table:table-cell table:number-columns-repeated="${columns}" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>`,
    ),
  );
  entry.size = entry.content.length;
  return Buffer.from(CFB.write(container, { fileType: 'zip', type: 'buffer', compression: true }));
}

/** A one-page scan PDF drawing one Flate grey image that declares width × height (its data is a few bytes). */
export async function pdfWithImage(width: number, height: number, page: [number, number] = [595, 842]) {
  const { PDFDocument, pushGraphicsState, popGraphicsState, concatTransformationMatrix, drawObject } = await import(
    'pdf-lib'
  );
  const doc = await PDFDocument.create();
  const p = doc.addPage(page);
  const image = doc.context.flateStream(new Uint8Array(64), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 8,
  });
  const name = p.node.newXObject('Im', doc.context.register(image));
  p.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(page[0], 0, 0, page[1], 0, 0),
    drawObject(name),
    popGraphicsState(),
  );
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
