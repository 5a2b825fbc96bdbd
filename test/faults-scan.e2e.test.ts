// Scanned pages that cannot be read are never dropped silently (issue 26, 2): a page that is
// cut short is an error naming file and page, a file none of whose pages could be counted is
// an error, and "blank" is said only of a blank page. Before, each of these was a skip notice
// and the build went on to exit 0 with blank posters.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument, PDFName, type PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { fixture, runMus } from './helpers/cli.js';
import { userError } from './helpers/hostile.js';
import { tempDir } from './helpers/pdf.js';

const root = tempDir('mus-fault-scan-');
let folders = 0;
function scans(files: Record<string, Uint8Array>): string {
  const dir = join(root, `scans-${++folders}`);
  mkdirSync(dir);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}

/** A photo-like page at 100 dpi: grey paper with dark blocks of "text", but no test marks. */
function photo(format: 'jpeg' | 'png'): Buffer {
  const canvas = createCanvas(827, 1169);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#d8d4cc';
  ctx.fillRect(0, 0, 827, 1169);
  ctx.fillStyle = '#202020';
  for (let y = 80; y < 1100; y += 40) ctx.fillRect(80, y, 300 + ((y * 7) % 360), 14);
  return format === 'jpeg' ? canvas.encodeSync('jpeg', 85) : canvas.encodeSync('png');
}

describe('a page that cannot be read is an error, never a skip', () => {
  it('a photo in which no test page is found: the file is an error, exit 1', () => {
    const result = runMus(['tally', scans({ 'foto.jpg': photo('jpeg') })]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /foto\.jpg: ingen side i den kunne læses som en side af MUS-testen \(tomme eller uden/,
    );
  });

  it('a truncated JPEG names the file and says it is cut short', () => {
    const jpeg = photo('jpeg');
    const line = userError(runMus(['tally', scans({ 'halv.jpg': jpeg.subarray(0, jpeg.length >> 1) })]));
    expect(line).toMatch(/halv\.jpg page 1: is an image cut short/);
  });

  it('a truncated PNG too', () => {
    const png = photo('png');
    const line = userError(runMus(['tally', scans({ 'halv.png': png.subarray(0, png.length >> 1) })]));
    expect(line).toMatch(/halv\.png page 1: is an image cut short/);
  });

  it('a damaged JPEG on page 2 of a scan PDF is named by page', async () => {
    const doc = await PDFDocument.create();
    const whole = photo('jpeg');
    for (const bytes of [whole, whole.subarray(0, whole.length - 4000)]) {
      const image = await doc.embedJpg(bytes);
      doc.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
    }
    const result = runMus(['tally', scans({ 'kopi.pdf': await doc.save() })]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/kopi\.pdf page 2: is an image cut short/);
    expect(result.stderr).not.toMatch(/page 2: is blank/);
  });

  /** A one-page scan PDF drawing `bytes` over the page and a whole small JPEG in a corner: two images, so pdf.js draws it. */
  async function pdfDrawnByPdfjs(bytes: Uint8Array, decode?: number[]): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595, 842]);
    const image = await doc.embedJpg(bytes);
    page.drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
    page.drawImage(await doc.embedJpg(photo('jpeg')), { x: 0, y: 0, width: 20, height: 20 });
    await doc.save(); // embeds the images, so that their streams can be changed
    if (decode) (doc.context.lookup(image.ref) as PDFRawStream).dict.set(PDFName.of('Decode'), doc.context.obj(decode));
    return doc.save();
  }

  /** The photo with its coded data overwritten from byte 1000 on: its header and end marker whole. */
  function scrambledJpeg(): Buffer {
    const bytes = Buffer.from(photo('jpeg'));
    for (let i = 1000; i < bytes.length - 100; i += 7) bytes[i] = (i * 31) & 0xff;
    return bytes;
  }

  it('a JPEG with damaged data on a page pdf.js draws is an error naming the page, not "blank"', async () => {
    // pdf.js leaves an image it cannot decode out with only a warning: the page came out white.
    for (const pdf of [
      await pdfDrawnByPdfjs(scrambledJpeg()),
      await pdfDrawnByPdfjs(scrambledJpeg(), [1, 0, 1, 0, 1, 0]),
    ]) {
      const line = userError(runMus(['tally', scans({ 'kopi.pdf': pdf })]));
      expect(line).toMatch(/kopi\.pdf page 1: cannot be decoded \(an image on it is damaged; scan it again\)$/);
    }
  });

  it('a JPEG cut short on a page pdf.js draws is an error naming the page', async () => {
    // pdf.js draws as much as there is: a grey page that read as "not a page of a MUS test".
    const whole = photo('jpeg');
    const line = userError(
      runMus(['tally', scans({ 'kopi.pdf': await pdfDrawnByPdfjs(whole.subarray(0, whole.length - 4000)) })]),
    );
    expect(line).toMatch(/kopi\.pdf page 1: holds a JPEG image cut short \(its end is missing\); scan it again$/);
  });

  it('a JPEG with damaged data that sharp decodes: the same, by page', async () => {
    const doc = await PDFDocument.create();
    const image = await doc.embedJpg(scrambledJpeg());
    doc.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
    const result = runMus(['tally', scans({ 'kopi.pdf': await doc.save(), 'side.jpg': scrambledJpeg() })]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/kopi\.pdf page 1: cannot be decoded as an image \(.*Corrupt JPEG data/);
    expect(result.stderr).toMatch(/side\.jpg page 1: cannot be decoded as an image \(.*Corrupt JPEG data/);
    expect(result.stderr).not.toMatch(/blank|skipped/);
  });

  it('a TIFF none of whose pages can be decoded is named as damaged, not as "all its 0 pages are blank"', () => {
    const tiff = Buffer.from(readFileSync(fixture('scans/scan-g4.tif')));
    for (let i = 2000; i < tiff.length - 2000; i += 3) tiff[i] ^= 0x55; // its frame list and image data scrambled
    const line = userError(runMus(['tally', scans({ 'skade.tif': tiff })]));
    expect(line).toMatch(
      /skade\.tif: holds no page that could be decoded \(it is damaged or empty\); scan it or send it again$/,
    );
  });

  it('a file of blank pages only is an error too, not posters of no answers', () => {
    const canvas = createCanvas(827, 1169);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, 827, 1169);
    const result = runMus(['tally', scans({ 'tom.png': canvas.encodeSync('png') })]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/tom\.png page 1: er tom; sprunget over/);
    expect(result.stderr).toMatch(/tom\.png: ingen side i den kunne læses som en side af MUS-testen/);
  });
});
