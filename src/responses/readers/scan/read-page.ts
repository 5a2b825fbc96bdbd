// One scanned page, start to end: find the marks, map the page, read its code, check it
// against the test the content prints, and decide every statement on it. A page is a test
// page, a page to skip (blank, or no test at all) with a notice, or a problem (one line).
import type { Group } from '../../../content/model.js';
import { markCentres, qrSquare, type PageCode, type Point } from '../../../sheet/page-code.js';
import { paperSizes } from '../../../sheet/paper.js';
import { decide, marginOf, type Decision } from './decide.js';
import type { RowPicture, StatementBoxes, TestGeometry } from './geometry.js';
import { a4Shaped, turnLeft, type GrayImage } from './image.js';
import { frameShift } from './align.js';
import { boxInk, frameFound, inkReach, paperLevel, type BoxInk, type Levels } from './ink.js';
import { findMarks, nominalScale } from './marks.js';
import { codeInPicture, evenedPhoto, photoMaps, photoShape, type EvenedPhoto, type Turn } from './photo.js';
import { findCodeAnywhere, readCode } from './read-code.js';
import {
  affineNear,
  apply,
  describe,
  fitAffine,
  fitHomography,
  perspective,
  residual,
  type PageMap,
} from './transform.js';

export interface StatementRead {
  n: number;
  /** Ink in each box, scale order. */
  shares: BoxInk[];
  decision: Decision;
  /** How sure the decision is (marginOf). */
  margin: number;
  /** A picture of the row's boxes, upright, for the review sheet (flagged rows only). */
  picture?: RowPicture;
}

export type PageResult =
  | {
      kind: 'test';
      code: PageCode;
      /** How far the page lay turned in the image, clockwise (180: upside down). */
      turn: Turn;
      /** The corner marks the page was mapped by: 3 when one was off the image (or not ours). */
      marks: 3 | 4;
      /** Read through a perspective map: a photo, not a scan. */
      photo: boolean;
      /** How far its marks are from a rectangle in the image (photoShape; said for photos). */
      shape: { cornerAngle: number; sideRatio: number };
      statements: StatementRead[];
    }
  | { kind: 'skip'; notice: string; said: 'blankPage' | 'notATestPage' }
  | { kind: 'problem'; message: string; said?: ScanRefusal; values?: Record<string, string> };

/** The kinds of problem a page is refused with (problem-kinds.ts). */
type ScanRefusal =
  | 'scanMarksOff'
  | 'scanMarksMissing'
  | 'scanCodeUnreadable'
  | 'scanMisregistered'
  | 'scanOtherContent'
  | 'photoMarks';

type Found = (Point | undefined)[];
const upright = (found: Found) => found;
/** Upside down, the image's top-left mark is the page's bottom-right one. */
const turned = (found: Found) => [found[3], found[2], found[1], found[0]];

/** Share of the page that is ink: a blank page (or the empty back of a cover) has almost none. */
function inkedShare(image: GrayImage, paper: number): number {
  let dark = 0;
  let count = 0;
  for (let i = 0; i < image.data.length; i += 13) {
    count++;
    if (image.data[i] < paper - 80) dark++;
  }
  return dark / count;
}

/** The mark pairs (page, image) to fit: all four, or every three when the four disagree. */
function markSets(page: Point[], to: Found): { from: Point[]; to: Point[] }[] {
  const pairs = page.flatMap((p, i) => (to[i] ? [{ p, q: to[i] }] : []));
  const set = (list: typeof pairs) => ({ from: list.map((x) => x.p), to: list.map((x) => x.q) });
  if (pairs.length === 3) return [set(pairs)];
  // A stain nearer the corner than a mark skews the map of any three that include it: the
  // three whose map is nearest to square and even in scale are tried first.
  const threes = pairs.map((_, skip) => set(pairs.filter((__, i) => i !== skip)));
  const skew = ({ from, to }: { from: Point[]; to: Point[] }) => {
    const { scaleX, scaleY, shear } = describe(fitAffine(from, to));
    return Math.abs(shear) + Math.abs(scaleX / scaleY - 1);
  };
  return [set(pairs), ...threes.sort((a, b) => skew(a) - skew(b))];
}

interface Candidate {
  transform: PageMap;
  turn: Turn;
  marks: 3 | 4;
  photo: boolean;
  /** Three of four marks that disagree: when rows are flagged, the perspective through all four is read too, the better kept. */
  rival?: boolean;
}

/**
 * The scan-to-page maps for each way up that the marks make a plausible page with: from four
 * marks that lie on their rectangle, else from three (an affine map is fixed by three points;
 * the page code read through it confirms it, and a fourth mark found elsewhere is not ours),
 * and from all four in perspective (a photo that fills the picture like a scan).
 */
function candidates(found: Found, image: GrayImage): Candidate[] {
  const { width, height } = paperSizes.A4;
  const page = markCentres(width, height);
  const nominal = nominalScale(image);
  const result: Candidate[] = [];
  // Three marks fix a scan, never a photo's perspective.
  const photo = photoShaped(image);
  for (const [order, turn] of [
    [upright, 0],
    [turned, 180],
  ] as const) {
    // Four marks off their rectangle: a clipped mark or a stain (three of them map the page),
    // or a photo that fills the picture (all four in perspective). Three are tried first; the
    // perspective when they leave rows flagged, and the better reading is kept.
    let inPerspective: Candidate | undefined;
    for (const { from, to } of markSets(page, order(found))) {
      const transform = fitAffine(from, to);
      const { scaleX, scaleY, shear } = describe(transform);
      // Marks a millimetre off their rectangle are not our marks (or the page is warped).
      const fits = from.length === 3 || residual(transform, from, to) <= 1.5 * 2.835 * nominal;
      if (from.length === 4 && !fits) {
        const h = fitHomography(from, to);
        if (h && perspective(h, from, to, width, height) <= width / 5)
          inPerspective = { transform: h, turn, marks: 4, photo: true };
      }
      if (photo && from.length === 3) continue;
      const scaled = [scaleX, scaleY].every((s) => s / nominal > 0.88 && s / nominal < 1.12);
      // Three points fit any affine map: a copy is not sheared by more than a degree or two.
      const square = Math.abs(shear) < 0.04 && Math.abs(scaleX / scaleY - 1) < 0.06;
      if (fits && scaled && square) {
        const rival = from.length === 3 && inPerspective !== undefined;
        result.push({ transform, turn, marks: from.length === 3 ? 3 : 4, photo: false, rival });
        if (from.length === 4) break; // four that agree: no need for three
      }
    }
    if (inPerspective) result.push(inPerspective);
  }
  return result;
}

export interface PageContext {
  /** The content folder, for messages. */
  contentDir?: string;
  geometry: (group: Group) => Promise<TestGeometry>;
}

/**
 * The page read whichever way round it lies. A scan fed sideways (an image shaped like A4
 * lying on its long side) is turned upright first, a quarter turn of the pixels, then read as
 * any scan (upside down included); a photo's page is found in any of four ways in the picture.
 */
export async function readPage(image: GrayImage, ctx: PageContext): Promise<PageResult> {
  if (photoShaped(image) || image.height >= image.width) return readUpright(image, ctx);
  const result = await readUpright(turnLeft(image), ctx);
  return result.kind === 'test' ? { ...result, turn: ((result.turn + 90) % 360) as Turn } : result;
}

async function readUpright(image: GrayImage, ctx: PageContext): Promise<PageResult> {
  const paper = paperLevel(image);
  const marks = findMarks(image);
  const levels = { paper, black: Math.min(marks?.black ?? 0, paper - 60), ink: inkReach.scan };
  // A map in perspective is a photo's: measured in the picture with its light evened out.
  let evened: EvenedPhoto | undefined;
  const even = () => (evened ??= evenedPhoto(image));
  const scanned = marks ? await readBest({ image, levels }, even, ctx, candidates(marks.centres, image)) : {};
  if (scanned.result) return scanned.result;
  // A blank back is common in a stack: said before anything slower is tried on it. (A photo in
  // shadow can have as little ink against its median grey: its light is evened out first.)
  const blank = () => inkedShare(image, paper) < 0.002;
  if (!scanned.coded && !photoShaped(image) && blank())
    return { kind: 'skip', notice: 'is blank; skipped', said: 'blankPage' };
  // Not a page filling the picture: a photo of one, lying somewhere in it, is looked for.
  const photo = await readPhoto(even(), ctx);
  if (photo.result) return photo.result;
  if (scanned.misplaced) return scanned.misplaced;
  if (!scanned.coded && !photo.coded && blank())
    return { kind: 'skip', notice: 'is blank; skipped', said: 'blankPage' };
  const anywhere = findCodeAnywhere(image);
  if (anywhere.code && !photoShaped(image)) {
    return {
      kind: 'problem',
      message: marks
        ? 'is a MUS test page, but its corner marks do not line up with its code; scan it again, straight and whole'
        : 'is a MUS test page, but its corner marks cannot be found; scan it again, whole and at 300 dpi',
      said: marks ? 'scanMarksOff' : 'scanMarksMissing',
    };
  }
  // A photo with a mark cut off, in shadow or under a finger: four are needed for its perspective.
  // The code is looked for in the whole picture: a page of the test is never skipped.
  if (anywhere.code || photo.coded || codeInPicture(even().image)) return photoRefused;
  if (marks)
    return {
      kind: 'problem',
      message:
        'has the corner marks of a MUS test, but its code (bottom centre) cannot be read; scan it again at 300 dpi',
      said: 'scanCodeUnreadable',
    };
  return {
    kind: 'skip',
    notice: 'is not a page of a MUS test (no corner marks or page code); skipped',
    said: 'notATestPage',
  };
}

const photoRefused: PageResult = {
  kind: 'problem',
  said: 'photoMarks',
  message:
    'is a photo of a MUS test page, but not all four corner marks are in it (they are needed to straighten a photo); take the picture straight from above, with the whole sheet in it',
};

/** A picture not shaped like an A4 page (a phone's 4:3 or 16:9): a photo, not a scan. */
const photoShaped = (image: GrayImage) => !a4Shaped(image.width, image.height);

/** The page's centre of the code, where a map is taken as affine to read the code. */
const codeCentre = (() => {
  const { width, height } = paperSizes.A4;
  const q = qrSquare(width, height);
  return { x: q.x + q.size / 2, y: q.y + q.size / 2 };
})();

/** A picture and the levels its ink is measured against. */
interface Picture {
  image: GrayImage;
  levels: Levels;
}

/**
 * The page read through the first map whose code reads and whose boxes are where the test
 * prints them; when four marks disagree, through the perspective and the best three both,
 * keeping the reading with fewer rows flagged. A scan's maps are read in `scan`, a photo's
 * (in perspective) in the picture with its light evened out.
 */
async function readBest(
  scan: Picture,
  even: () => Picture,
  ctx: PageContext,
  list: Candidate[],
): Promise<{ result?: PageResult; misplaced?: PageResult; coded?: boolean }> {
  let misplaced: PageResult | undefined;
  let coded = false;
  let best: { result: PageResult; flagged: number } | undefined;
  const kinds = new Set<boolean>();
  for (const candidate of list) {
    const { image, levels } = candidate.photo ? even() : scan;
    const code = readCode(image, affineNear(candidate.transform, codeCentre));
    if (!code) continue;
    coded = true;
    const result = await readMapped(image, ctx, { ...candidate, code }, levels);
    // Three marks with a stain among them can map the page a few millimetres off and still
    // find its code: the boxes tell, and the next three marks are tried.
    if (result.kind === 'problem' && result.message === misregistered) {
      misplaced ??= result;
      continue;
    }
    if (result.kind !== 'test') return { result, coded };
    const flagged = result.statements.filter((s) => s.decision.kind === 'flagged').length;
    if (!best || flagged < best.flagged) best = { result, flagged };
    kinds.add(candidate.photo);
    if (flagged === 0 || !(candidate.rival || candidate.photo) || kinds.size === 2) break;
  }
  return { result: best?.result, misplaced, coded };
}

/** A photo of a page lying anywhere in the picture: its light evened out, mapped by its four marks. */
async function readPhoto(even: EvenedPhoto, ctx: PageContext): Promise<{ result?: PageResult; coded?: boolean }> {
  if (!even.marks) return {};
  const list: Candidate[] = photoMaps(even.marks.centres).map(({ transform, turn }) => ({
    transform,
    turn,
    marks: 4,
    photo: true,
  }));
  const { result, misplaced, coded } = await readBest(even, () => even, ctx, list);
  return { result: result ?? misplaced, coded };
}

const misregistered =
  'its tick boxes are not where the test prints them (printed from other content, or scaled when copied); tally it with the content it was printed from';

/** The page's statements through a map whose code was read. */
async function readMapped(
  image: GrayImage,
  ctx: PageContext,
  found: { transform: PageMap; turn: Turn; marks: 3 | 4; photo: boolean; code: PageCode },
  levels: Levels,
): Promise<PageResult> {
  const { code, transform, turn, marks, photo } = found;
  const geometry = await ctx.geometry(code.group);
  if (code.fingerprint !== geometry.fingerprint) {
    return {
      kind: 'problem',
      message: `was printed from other content than ${ctx.contentDir ?? 'the content'} (the ${code.group} test has changed since); tally it with the content it was printed from (--content)`,
      said: 'scanOtherContent',
      values: { content: ctx.contentDir ?? '' },
    };
  }
  const boxes = geometry.pages[code.page - 1];
  if (!boxes)
    return {
      kind: 'problem',
      message: `says it is page ${code.page}, but the ${code.group} test has ${geometry.pages.length} pages`,
    };
  const statements = boxes.map((s) => readStatement(image, transform, s, levels));
  // Misregistration shows as frames missing everywhere; one smudged frame is the row's matter.
  const missing = statements.filter(
    (s) => s.decision.kind === 'flagged' && s.decision.reason === 'frame-missing',
  ).length;
  if (statements.length > 0 && missing > statements.length / 2)
    return { kind: 'problem', message: misregistered, said: 'scanMisregistered' };
  return { kind: 'test', code, turn, marks, photo, shape: photoShape(transform), statements };
}

function readStatement(image: GrayImage, map: PageMap, statement: StatementBoxes, levels: Levels): StatementRead {
  // Each box through the map as it is there (a photo's perspective is affine over a box).
  const near = statement.boxes.map((box) => affineNear(map, { x: box.x + box.size / 2, y: box.y + box.size / 2 }));
  const measure = (boxes: StatementBoxes['boxes']) => {
    const shares = boxes.map((box, i) => boxInk(image, near[i], box, levels));
    const frames = boxes.every((box, i) => frameFound(image, near[i], box, levels));
    return { shares, decision: decide(shares, frames) };
  };
  let { shares, decision } = measure(statement.boxes);
  // A doubtful box may be the frame spilling in where the map is a little off (align.ts).
  const shift =
    decision.kind === 'flagged' &&
    decision.reason === 'unclear-box' &&
    frameShift(image, near, statement.boxes, levels);
  if (shift) {
    const again = measure(statement.boxes.map((box) => ({ ...box, x: box.x + shift.dx, y: box.y + shift.dy })));
    if (again.decision.kind !== 'flagged') ({ shares, decision } = again);
  }
  return {
    n: statement.n,
    shares,
    decision,
    margin: marginOf(shares, decision),
    picture: decision.kind === 'flagged' ? rowPicture(image, map, statement) : undefined,
  };
}

/** The row's boxes with a little around them, sampled upright through the transform at the scan's resolution. */
function rowPicture(image: GrayImage, map: PageMap, statement: StatementBoxes): RowPicture {
  const first = statement.boxes[0];
  const last = statement.boxes[statement.boxes.length - 1];
  const transform = affineNear(map, { x: (first.x + last.x + last.size) / 2, y: first.y + first.size / 2 });
  const pad = first.size * 0.5;
  const x0 = first.x - pad;
  const y0 = first.y - pad;
  const w = last.x + last.size + pad - x0;
  const h = first.size + 2 * pad;
  const pxPerPt = Math.min(4, Math.hypot(transform.a, transform.d));
  const width = Math.round(w * pxPerPt);
  const height = Math.round(h * pxPerPt);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = apply(transform, { x: x0 + (x + 0.5) / pxPerPt, y: y0 + (y + 0.5) / pxPerPt });
      const xi = Math.round(p.x - 0.5);
      const yi = Math.round(p.y - 0.5);
      data[y * width + x] =
        xi < 0 || yi < 0 || xi >= image.width || yi >= image.height ? 255 : image.data[yi * image.width + xi];
    }
  }
  const boxes = statement.boxes.map((box) => (box.x + box.size / 2 - x0) / w);
  return { width, height, data, boxes };
}
