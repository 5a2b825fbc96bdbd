// A copier's 1-bit Deflate page decoded without libvips: the bits inflated and each k × k
// block made one grey pixel, its share of white. Hand-computed from a 9 × 4 image.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { oneBitDeflateTiff, shrinkBits } from '../src/responses/readers/scan/bits.js';
import { decodeImageBytes } from '../src/responses/readers/scan/decode-image.js';
import { tiff } from '../src/responses/readers/scan/pdf-image.js';

// 9 pixels a row (2 bytes), 1 = white as in PDF's DeviceGray; rows top to bottom.
const rows = ['000111111', '011111110', '111111111', '110011111'];
const pack = (width: number) => {
  const stride = Math.ceil(width / 8);
  const packed = Buffer.alloc(stride * rows.length);
  rows.forEach((row, y) => {
    for (let x = 0; x < width; x++) if (row[x] === '1') packed[y * stride + (x >> 3)] |= 0x80 >> (x & 7);
  });
  return packed;
};
const packed = pack(9);
const file = (whiteIsZero: boolean, bits = packed, width = 9) =>
  tiff({ width, height: 4, bits: 1, compression: 8, whiteIsZero }, deflateSync(bits));

describe('1-bit Deflate pages', () => {
  it('each 2 × 2 block is the share of white in it (the first 8 columns, to 4)', () => {
    const image = shrinkBits(oneBitDeflateTiff(file(false, pack(8), 8))!, 4)!;
    expect([image.width, image.height]).toEqual([4, 2]);
    // Blocks (columns 0–1, 2–3, 4–5, 6–7): black pixels 3, 1, 0, 0 on top; 0, 2, 0, 0 below.
    expect([...image.data]).toEqual([64, 191, 255, 255, 255, 128, 255, 255]);
  });

  it('with WhiteIsZero the same bits are the negative', () => {
    const image = shrinkBits(oneBitDeflateTiff(file(true, pack(8), 8))!, 4)!;
    expect([...image.data]).toEqual([191, 64, 0, 0, 0, 128, 0, 0]);
  });

  it('a block of one pixel is the pixel itself', () => {
    const image = shrinkBits(oneBitDeflateTiff(file(false))!, 9)!;
    expect([image.width, image.height]).toEqual([9, 4]);
    expect([...image.data.subarray(0, 9)]).toEqual([0, 0, 0, 255, 255, 255, 255, 255, 255]);
  });

  it('200 to 150 dpi: a bit is shared by the blocks it lies in, by how much of it is in each', () => {
    // 3 × 3 bits, the middle one black, to 2 × 2 (k = 1.5): a quarter of it in each block of 2.25 bits.
    const middle = Buffer.from([0xff, 0xbf, 0xff]); // one byte a row: 111, 101, 111
    const image = shrinkBits(
      oneBitDeflateTiff(
        tiff({ width: 3, height: 3, bits: 1, compression: 8, whiteIsZero: false }, deflateSync(middle)),
      )!,
      2,
    )!;
    // 255 × (1 − 0.25 / 2.25) = 226.7
    expect([image.width, image.height, ...image.data]).toEqual([2, 2, 227, 227, 227, 227]);
  });

  it('a G4 file, or a strip that inflates short, is not taken (sharp decodes it, or says why not)', () => {
    expect(oneBitDeflateTiff(tiff({ width: 9, height: 4, bits: 1, compression: 4, whiteIsZero: false }, packed))).toBe(
      undefined,
    );
    expect(shrinkBits(oneBitDeflateTiff(file(false, packed.subarray(0, 6)))!, 4)).toBe(undefined);
  });

  it('decodeImageBytes reads a 1-bit page under 150 dpi at its own size, bit for pixel', async () => {
    const image = await decodeImageBytes(file(false));
    expect([image.width, image.height, image.data[3], image.data[9]]).toEqual([9, 4, 255, 0]);
  });
});
