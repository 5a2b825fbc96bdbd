// The confusion corpus's profiles and how its sheet s of a profile is made (its test, its
// answers, its random numbers, its photos): the bench (bench/scan-corpus.ts) makes every sheet
// this way, and a test can make one sheet of it again, exactly, to hold a reading against it.
import { seededRandom } from '../random.js';
import { phonePhoto, type Photo, type PhotoOptions } from './phone.js';
import type { PrintedTest } from './printed.js';
import { randomAnswers, type ScanOptions, type SheetPlan } from './stack.js';

export type Random = (a: number) => number;
export interface Profile {
  name: string;
  /** Share of the corpus's sheets. */
  weight: number;
  /** A copier's stack (a PDF of `chunk` sheets), or phone photos (an image file a page). */
  scan?: { options: ScanOptions; sheet: (r: Random) => Partial<SheetPlan> };
  /** The photo of page `page` of sheet `s`. */
  photo?: (r: Random, page: number, s: number) => PhotoOptions;
}

// The copier's and the 1-bit stack's range is the promise (docs/answers.md): turned up to 3°
// either way, scaled 95–105 %, shifted up to 6 mm in any direction.
const promised = (r: Random) => {
  const shift = 6 * Math.abs(r(1));
  const direction = Math.PI * r(1);
  return { rotate: r(3), scale: 1 + r(0.05), dx: shift * Math.cos(direction), dy: shift * Math.sin(direction) };
};
export const profiles: Profile[] = [
  {
    name: 'clean',
    weight: 1,
    scan: { options: { dpi: 300, encoding: 'grey-jpeg', jitter: false, fast: true }, sheet: () => ({}) },
  },
  {
    name: 'copier 300 dpi grey JPEG',
    weight: 2,
    scan: {
      options: { dpi: 300, encoding: 'grey-jpeg', fast: true },
      sheet: (r) => ({
        placement: { ...promised(r), blur: 0.6 + Math.abs(r(0.4)), noise: 10 + Math.abs(r(6)) },
        showThrough: 0.08 + Math.abs(r(0.06)),
      }),
    },
  },
  {
    name: '1-bit 200 dpi',
    weight: 2,
    scan: {
      options: { dpi: 200, encoding: 'bits', fast: true },
      sheet: (r) => ({ placement: { ...promised(r), blur: 0.6, noise: 8 } }),
    },
  },
  {
    // All four marks in the picture (the photo promise); 12 and 8 MP in turn, JPEG as a phone shares it.
    // Every fifth sheet photographed with the phone held sideways (the front turned 90°, the back
    // 270°): by the sheet's number, so that the random numbers of the others stay as they were.
    name: 'phone photo',
    weight: 1,
    photo: (r, page, s) => ({
      ...(page === 2 ? { width: 2448, height: 3264 } : {}),
      ...(s % 5 === 3 ? { turn: page === 1 ? (90 as const) : (270 as const) } : {}),
      fill: 0.8 + Math.abs(r(0.08)),
      tilt: 0.03 + Math.abs(r(0.07)),
      lean: r(0.03),
      rotate: r(4),
      dx: r(0.02),
      dy: r(0.02),
      light: { bright: 1, dark: 0.6 + Math.abs(r(0.2)), shadow: Math.abs(r(0.35)) },
      upsideDown: r(1) > 0.8,
    }),
  },
];

/** Sheet s (0-based, within its profile) of profile `profile` (an index into profiles). */
export interface CorpusSheet {
  test: PrintedTest;
  /** Category index per statement, null for left blank. */
  answers: (number | null)[];
  /** The sheet's own random numbers, each in ±a: its placement on the copier, or its photos. */
  r: Random;
}

/** The corpus's sheet s of a profile: leader and employee tests in turn, each with its own seeds. */
export function corpusSheet(
  tests: { leader: PrintedTest; employee: PrintedTest },
  statements: number,
  profile: number,
  s: number,
): CorpusSheet {
  const test = s % 2 === 0 ? tests.leader : tests.employee;
  const answers = randomAnswers(statements, 7919 * (profile + 1) + s);
  const random = seededRandom(1_000_003 * (profile + 1) + s);
  return { test, answers, r: (a) => (random.next() - 0.5) * 2 * a };
}

/** The photos of sheet s of a photo profile, one a page, in page order (they draw on the sheet's random numbers in turn). */
export async function corpusPhotos(profile: Profile, sheet: CorpusSheet, s: number): Promise<Photo[]> {
  const photos: Photo[] = [];
  for (let p = 1; p <= sheet.test.pagesPerCopy; p++) {
    const options = profile.photo?.(sheet.r, p, s) ?? {};
    photos.push(
      await phonePhoto({ test: sheet.test, page: p, answers: sheet.answers }, { ...options, seed: 97 * s + p }),
    );
  }
  return photos;
}
