// Files that declare more than they hold (issue 26, 1): a few hundred bytes claiming an image
// of billions of pixels or a sheet of a hundred million cells. Each is refused from its
// header, before any decoder or SheetJS expands it: one line naming the file and the limit,
// exit 1, in seconds, not an abort of the process.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { utils, write } from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { declaredSizes } from '../src/responses/image-size.js';
import { odsDeclared } from '../src/responses/sheet-size.js';
import { repoRoot, runMus } from './helpers/cli.js';
import { jpegClaiming, odsRepeating, pdfWithImage, pngClaiming, tiffClaiming, userError } from './helpers/hostile.js';
import { tempDir } from './helpers/pdf.js';

const root = tempDir('mus-fault-size-');
let folders = 0;

/** A scans folder holding one file, tallied; the run must end within `seconds`. */
function tallyScan(name: string, bytes: Uint8Array, seconds = 20) {
  const dir = join(root, `scans-${++folders}`);
  mkdirSync(dir);
  writeFileSync(join(dir, name), bytes);
  const started = Date.now();
  const result = runMus(['tally', dir]);
  expect(Date.now() - started).toBeLessThan(seconds * 1000);
  return result;
}

describe('image headers are read before decoding', () => {
  it('a JPEG, a PNG and a TIFF declare their sizes in their headers', () => {
    expect(declaredSizes(jpegClaiming(65_500, 40_000))).toEqual([{ width: 65_500, height: 40_000 }]);
    expect(declaredSizes(pngClaiming(60_000, 7))).toEqual([{ width: 60_000, height: 7 }]);
    expect(declaredSizes(tiffClaiming(3_000, 70_000))).toEqual([{ width: 3_000, height: 70_000 }]);
  });

  it('an 852-byte JPEG claiming 65 500 × 65 500 pixels: one line naming the file and the limit', () => {
    const jpeg = jpegClaiming(65_500, 65_500);
    expect(jpeg.length).toBeLessThan(900);
    const line = userError(tallyScan('side-1.jpg', jpeg));
    expect(line).toMatch(/side-1\.jpg page 1: is an image of 65500 × 65500 pixels/);
    expect(line).toMatch(/at most 100 000 000 pixels and 16 000 on a side/);
  });

  it('a PNG of 60 000 × 60 000', () => {
    expect(userError(tallyScan('side.png', pngClaiming(60_000, 60_000)))).toMatch(
      /side\.png page 1: is an image of 60000 × 60000 pixels; .*at most 100 000 000 pixels/,
    );
  });

  it('a TIFF frame of 20 000 × 20 000', () => {
    expect(userError(tallyScan('side.tif', tiffClaiming(20_000, 20_000)))).toMatch(
      /side\.tif page 1: is an image of 20000 × 20000 pixels/,
    );
  });

  it('an image 60 000 pixels long but narrow is refused by its side', () => {
    expect(userError(tallyScan('strimmel.jpg', jpegClaiming(100, 60_000)))).toMatch(/16 000 on a side/);
  });

  it('a scan PDF holding one 30 000² Flate image is refused in seconds, not decoded into 4.6 GB', async () => {
    const line = userError(tallyScan('scan.pdf', await pdfWithImage(30_000, 30_000), 15));
    expect(line).toMatch(/scan\.pdf page 1: holds an image of 30000 × 30000 pixels; .*100 000 000 pixels/);
  });

  it('a scan PDF page 5 m wide is refused before it is drawn', async () => {
    const line = userError(tallyScan('plakat.pdf', await pdfWithImage(10, 10, [14_400, 14_400]), 15));
    expect(line).toMatch(/plakat\.pdf page 1: is a page of 14400 × 14400 points, 30000 × 30000 pixels at 150 dpi/);
  });
});

describe('a refusal comes before any expensive work', () => {
  it('a scan refused from its header is refused without rendering the tests or starting the page readers', async () => {
    // Before, both tests were rendered (to learn where their boxes are) before the first page was looked at.
    // From dist/, as `mus` runs it: there the page readers are worker threads, started with the tests' geometry.
    const compiled = pathToFileURL(join(repoRoot, 'dist/src/responses/readers/scan/read-scans.js')).href;
    const [{ readScans }, { loadContent }, { defaultContentDir }] = await Promise.all([
      import(compiled) as Promise<typeof import('../src/responses/readers/scan/read-scans.js')>,
      import('../src/documents/load.js'),
      import('../src/paths.js'),
    ]);
    const dir = join(root, 'unrendered');
    mkdirSync(dir);
    const file = join(dir, 'side-1.jpg');
    writeFileSync(file, jpegClaiming(65_500, 65_500));
    const asked: string[] = [];
    const result = await readScans([{ file }], loadContent(defaultContentDir), {
      printing: {
        geometry: async (group) => {
          asked.push(group);
          throw new Error('the tests must not be rendered for a refused file');
        },
        reviewSheet: async () => new Uint8Array(),
        writeBeside: () => undefined,
      },
    });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].field).toBe('page 1');
    expect(result.problems[0].message).toMatch(/^is an image of 65500 × 65500 pixels; /);
    expect(asked).toEqual([]);
  });
});

describe('spreadsheets: declared size counted before SheetJS expands it', () => {
  const dir = join(root, 'sheets');
  mkdirSync(dir);

  it('the repeats of an .ods are counted from its XML', () => {
    const xml =
      '<table:table table:name="Svar"><table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="4" office:value-type="string"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1000"/></table:table-row><table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>';
    // 3 rows × 4 cells with content; the padding LibreOffice writes (empty, self-closing) is not expanded.
    expect(odsDeclared(xml)).toEqual({ table: 'Svar', rows: 3, cells: 12 });
  });

  it('a 4 kB .ods whose one cell is repeated 100 000 rows × 1 000 columns: one line, in seconds', () => {
    const file = join(dir, 'bombe.ods');
    const bytes = odsRepeating(100_000, 1_000);
    expect(bytes.length).toBeLessThan(8_000);
    writeFileSync(file, bytes);
    const started = Date.now();
    const line = userError(runMus(['tally', file]));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(line).toMatch(
      /bombe\.ods: sheet "Svar" declares 100 000 rows and 100 000 000 cells .*up to 100 000 rows and 2 000 000 cells/,
    );
  });

  it('an xlsx tab whose range runs to row 150 000 names the limit', () => {
    const sheet = utils.aoa_to_sheet([['Rolle', '1', '2']]);
    sheet.A150000 = { t: 's', v: 'leder' };
    sheet['!ref'] = 'A1:C150000';
    const book = utils.book_new();
    utils.book_append_sheet(book, sheet, 'Svar');
    const file = join(dir, 'lang.xlsx');
    writeFileSync(file, write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(userError(runMus(['tally', file]))).toMatch(
      /lang\.xlsx: sheet "Svar" declares 150 000 rows and 450 000 cells/,
    );
  });
});
