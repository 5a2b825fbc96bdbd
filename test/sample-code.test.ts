// The quick reading of a page code (sample-code.ts): a grid decoded as the version 1-Q code the
// renderer prints, checked against codes made by the renderer's own QR library (qrcode), and
// anything short of a whole code refused rather than read.
import { join } from 'node:path';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { scanPages } from '../src/responses/readers/scan/decode.js';
import { pageImage } from '../src/responses/readers/scan/decode-image.js';
import { findMarks } from '../src/responses/readers/scan/marks.js';
import { decodeGrid, reedSolomonValid, sampleCode } from '../src/responses/readers/scan/sample-code.js';
import { fitAffine } from '../src/responses/readers/scan/transform.js';
import { markCentres } from '../src/sheet/page-code.js';
import { paperSizes } from '../src/sheet/paper.js';
import { repoRoot } from './helpers/cli.js';
import { tempFolder } from './helpers/scratch.js';
import { printTest } from './helpers/scan/printed.js';
import { randomAnswers, scanStack, type ScanOptions } from './helpers/scan/stack.js';

const grid = (text: string, maskPattern?: number) => {
  const { modules } = QRCode.create(text, {
    errorCorrectionLevel: 'Q',
    version: 1,
    ...(maskPattern === undefined ? {} : { maskPattern: maskPattern as QRCode.QRCodeMaskPattern }),
  });
  return (x: number, y: number) => Boolean(modules.get(y, x));
};

describe('decodeGrid', () => {
  const text = '71120042000123456789012'; // a page code: leader test, page 2, sheet 42
  it('reads the text under each of the eight masks', () => {
    for (let mask = 0; mask < 8; mask++) expect(decodeGrid(grid(text, mask))).toBe(text);
  });

  it('reads texts of every length a page code can have, and short ones', () => {
    for (const t of ['7', '12', '123', '1234', '71210000281474976710655', '00000000000000000000000'])
      expect(decodeGrid(grid(t))).toBe(t);
  });

  it('refuses a grid with one data module flipped (it is not guessed back)', () => {
    const good = grid(text, 3);
    // (20, 20) is the first data module read, (10, 10) one in the middle, (11, 3) one between the top finders.
    for (const [fx, fy] of [
      [20, 20],
      [10, 10],
      [11, 3],
    ])
      expect(decodeGrid((x, y) => (x === fx && y === fy ? !good(x, y) : good(x, y)))).toBeUndefined();
  });

  it('refuses a grid whose format bits are off, or whose two copies disagree', () => {
    const good = grid(text, 5);
    expect(decodeGrid((x, y) => (x === 2 && y === 8 ? !good(x, y) : good(x, y)))).toBeUndefined();
    expect(decodeGrid((x, y) => (x === 8 && y === 19 ? !good(x, y) : good(x, y)))).toBeUndefined();
  });

  it('refuses a code of another error correction level, a turned grid, and blank or black paper', () => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M', version: 1 });
    expect(decodeGrid((x, y) => Boolean(modules.get(y, x)))).toBeUndefined();
    const good = grid(text);
    expect(decodeGrid((x, y) => good(20 - x, 20 - y))).toBeUndefined();
    expect(decodeGrid(() => false)).toBeUndefined();
    expect(decodeGrid(() => true)).toBeUndefined();
  });

  it('refuses a code in byte mode (ours are digits only)', () => {
    const { modules } = QRCode.create([{ data: '7112', mode: 'byte' }], { errorCorrectionLevel: 'Q', version: 1 });
    expect(decodeGrid((x, y) => Boolean(modules.get(y, x)))).toBeUndefined();
  });
});

describe('reedSolomonValid', () => {
  it('takes a known codeword and refuses it with any one word changed', () => {
    // ISO/IEC 18004 annex I: "01234567", version 1-M: 16 data words, 10 check words.
    const words = [
      0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xa5, 0x24, 0xd4,
      0xc1, 0xed, 0x36, 0xc7, 0x87, 0x2c, 0x55,
    ];
    expect(reedSolomonValid(words, 10)).toBe(true);
    for (let i = 0; i < words.length; i++)
      expect(
        reedSolomonValid(
          words.map((w, j) => (j === i ? w ^ 1 : w)),
          10,
        ),
      ).toBe(false);
  });
});

describe('sampleCode on scanned pages', () => {
  const content = loadContent(join(repoRoot, 'content/da'));
  // The copier's codecs at the resolutions read (300 dpi grey is read at 100), turned and scaled a little.
  for (const options of [
    { dpi: 300, encoding: 'grey-jpeg', seed: 3 },
    { dpi: 200, encoding: 'bits', seed: 4 },
    { dpi: 150, encoding: 'jpeg', seed: 5 },
  ] satisfies ScanOptions[]) {
    it(`reads the code of each page of a numbered copy through its marks (${options.dpi} dpi ${options.encoding})`, async () => {
      const test = await printTest(content, 'employee', 3);
      const answers = randomAnswers(content.numbered.length, 77);
      const scan = await scanStack(
        [{ test, copy: 3, answers, placement: { rotate: -1.5, scale: 1.02, dx: 2, dy: -3, noise: 6 } }],
        options,
      );
      const file = join(tempFolder('mus-sample-code-', { 'scan.pdf': scan }), 'scan.pdf');
      const codes = [];
      for await (const page of scanPages(file)) {
        const image = await pageImage(page);
        const marks = findMarks(image);
        expect(marks?.centres.every(Boolean)).toBe(true);
        const { width, height } = paperSizes.A4;
        const map = fitAffine(markCentres(width, height), marks!.centres as { x: number; y: number }[]);
        codes.push(sampleCode(image, map));
      }
      expect(codes.map((c) => [c?.group, c?.page, c?.sheet])).toEqual([
        ['employee', 1, 3],
        ['employee', 2, 3],
      ]);
      expect(codes[0]?.fingerprint).toMatch(/^[0-9a-f]{12}$/);
    }, 120_000);
  }

  it("reads the codes of the committed G4 scans (Pillow's CCITT G4 in a PDF by img2pdf) by sampling alone", async () => {
    const codes = [];
    for await (const page of scanPages(join(repoRoot, 'test/fixtures/scans/scan-g4.pdf'))) {
      const image = await pageImage(page);
      const marks = findMarks(image);
      const { width, height } = paperSizes.A4;
      const map = fitAffine(markCentres(width, height), marks!.centres as { x: number; y: number }[]);
      const code = sampleCode(image, map);
      codes.push([code?.group, code?.page]);
    }
    expect(codes).toEqual([
      ['leader', 1],
      ['leader', 2],
      ['employee', 1],
      ['employee', 2],
    ]);
  }, 60_000);

  it('reads nothing where the map puts the code on blank paper (the page taken the wrong way up)', async () => {
    const blank = { width: 826, height: 1168, data: new Uint8Array(826 * 1168).fill(250) };
    const { width, height } = paperSizes.A4;
    const centres = markCentres(width, height).map((p) => ({ x: p.x * (826 / width), y: p.y * (1168 / height) }));
    expect(sampleCode(blank, fitAffine(markCentres(width, height), centres))).toBeUndefined();
  });
});
