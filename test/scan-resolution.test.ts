// The resolution a page is read at (decode-image.ts readingWidth): a 300 dpi JPEG at 100 dpi
// (a third), anything else at its own up to 150 dpi, by the paper's width in pixels, which
// for a page scanned sideways is the image's height. Widths computed by hand from A4's
// 8.27 inches (210 mm).
import { describe, expect, it } from 'vitest';
import { readingWidth } from '../src/responses/readers/scan/decode-image.js';

describe('reading resolution', () => {
  it('an upright page: 300 dpi JPEG at a third, 200 dpi 1-bit at 150 dpi, 150 dpi as it is', () => {
    expect(readingWidth(2480, 3508, true)).toBe(826); // 2480 / 3, floored
    expect(readingWidth(1654, 2339, false)).toBe(1240); // 150 dpi × 8.27 in
    expect(readingWidth(1240, 1754, false)).toBe(1240);
    expect(readingWidth(1240, 1754, true)).toBe(1240); // under 290 dpi: not shrunk in the codec
  });

  it('the same pages scanned sideways are read as finely (the paper’s width is the height)', () => {
    expect(readingWidth(3508, 2480, true)).toBe(1169); // 3508 / 3: 100 dpi along the long side
    expect(readingWidth(2339, 1654, false)).toBe(1754); // 2339 × 150 / 200
    expect(readingWidth(1754, 1240, false)).toBe(1754);
  });

  it('a phone photo is not taken for a page lying sideways: its width decides, as before', () => {
    // 12 MP, 4:3, held sideways: 4000 px over 8.27 in is 484 "dpi", read at 4000 / 3.2.
    expect(readingWidth(4000, 3000, true)).toBe(1240);
    expect(readingWidth(4000, 3000, false)).toBe(1240);
  });
});
