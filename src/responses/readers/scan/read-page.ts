// One scanned page, start to end: find the marks, map the page, read its code, check it
// against the test the content prints, and decide every statement on it. A page is a test
// page, a page to skip (blank, or no test at all) with a notice, or a problem (one line).
import type { Group } from '../../../content/model.js';
import { markCentres, type PageCode, type Point } from '../../../sheet/page-code.js';
import { paperSizes } from '../../../sheet/paper.js';
import { decide, type Decision } from './decide.js';
import type { StatementBoxes, TestGeometry } from './geometry.js';
import type { GrayImage } from './image.js';
import { boxInk, frameFound, paperLevel, type BoxInk, type Levels } from './ink.js';
import { findMarks, nominalScale } from './marks.js';
import { findCodeAnywhere, readCode } from './read-code.js';
import { apply, describe, fitAffine, residual, type Affine } from './transform.js';

export interface StatementRead {
  n: number;
  /** Ink in each box, scale order. */
  shares: BoxInk[];
  decision: Decision;
  /** A picture of the row's boxes, upright, for the review sheet (flagged rows only). */
  picture?: GrayImage;
}

export type PageResult =
  | { kind: 'test'; code: PageCode; upsideDown: boolean; statements: StatementRead[] }
  | { kind: 'skip'; notice: string }
  | { kind: 'problem'; message: string };

const upright = (found: Point[]) => found;
/** Upside down, the image's top-left mark is the page's bottom-right one. */
const turned = (found: Point[]) => [found[3], found[2], found[1], found[0]];

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

/** The scan-to-page map for each way up, when the marks make a plausible page. */
function candidates(found: Point[], image: GrayImage): { transform: Affine; upsideDown: boolean }[] {
  const { width, height } = paperSizes.A4;
  const page = markCentres(width, height);
  const nominal = nominalScale(image);
  const result: { transform: Affine; upsideDown: boolean }[] = [];
  for (const [order, upsideDown] of [
    [upright, false],
    [turned, true],
  ] as const) {
    const to = order(found);
    const transform = fitAffine(page, to);
    const { scaleX, scaleY } = describe(transform);
    // Marks a millimetre off their rectangle are not our marks (or the page is warped).
    const fits = residual(transform, page, to) <= 1.5 * 2.835 * nominal;
    const scaled = [scaleX, scaleY].every((s) => s / nominal > 0.88 && s / nominal < 1.12);
    if (fits && scaled) result.push({ transform, upsideDown });
  }
  return result;
}

export interface PageContext {
  /** The content folder, for messages. */
  contentDir?: string;
  geometry: (group: Group) => Promise<TestGeometry>;
}

export async function readPage(image: GrayImage, ctx: PageContext): Promise<PageResult> {
  const paper = paperLevel(image);
  const marks = findMarks(image);
  let found: { transform: Affine; upsideDown: boolean; code: PageCode } | undefined;
  if (marks) {
    for (const candidate of candidates(marks.centres, image)) {
      const code = readCode(image, candidate.transform);
      if (code) {
        found = { ...candidate, code };
        break;
      }
    }
  }
  if (!found) {
    if (inkedShare(image, paper) < 0.002) return { kind: 'skip', notice: 'is blank; skipped' };
    const anywhere = findCodeAnywhere(image);
    if (anywhere.code) {
      return {
        kind: 'problem',
        message: marks
          ? 'is a MUS test page, but its corner marks do not line up with its code; scan it again, straight and whole'
          : 'is a MUS test page, but its corner marks cannot be found; scan it again, whole and at 300 dpi',
      };
    }
    if (marks)
      return {
        kind: 'problem',
        message:
          'has the corner marks of a MUS test, but its code (bottom centre) cannot be read; scan it again at 300 dpi',
      };
    return { kind: 'skip', notice: 'is not a page of a MUS test (no corner marks or page code); skipped' };
  }

  const { code, transform, upsideDown } = found;
  const geometry = await ctx.geometry(code.group);
  if (code.fingerprint !== geometry.fingerprint) {
    return {
      kind: 'problem',
      message: `was printed from other content than ${ctx.contentDir ?? 'the content'} (the ${code.group} test has changed since); tally it with the content it was printed from (--content)`,
    };
  }
  const boxes = geometry.pages[code.page - 1];
  if (!boxes)
    return {
      kind: 'problem',
      message: `says it is page ${code.page}, but the ${code.group} test has ${geometry.pages.length} pages`,
    };
  const levels: Levels = { paper, black: Math.min(marks!.black, paper - 60) };
  const statements = boxes.map((s) => readStatement(image, transform, s, levels));
  // Misregistration shows as frames missing everywhere; one smudged frame is the row's matter.
  const missing = statements.filter(
    (s) => s.decision.kind === 'flagged' && s.decision.reason === 'frame-missing',
  ).length;
  if (statements.length > 0 && missing > statements.length / 2) {
    return {
      kind: 'problem',
      message:
        'its tick boxes are not where the test prints them (printed from other content, or scaled when copied); tally it with the content it was printed from',
    };
  }
  return { kind: 'test', code, upsideDown, statements };
}

function readStatement(image: GrayImage, transform: Affine, statement: StatementBoxes, levels: Levels): StatementRead {
  const shares = statement.boxes.map((box) => boxInk(image, transform, box, levels));
  const frames = statement.boxes.every((box) => frameFound(image, transform, box, levels));
  const decision = decide(shares, frames);
  return {
    n: statement.n,
    shares,
    decision,
    picture: decision.kind === 'flagged' ? rowPicture(image, transform, statement) : undefined,
  };
}

/** The row's boxes with a little around them, sampled upright through the transform at the scan's resolution. */
function rowPicture(image: GrayImage, transform: Affine, statement: StatementBoxes): GrayImage {
  const first = statement.boxes[0];
  const last = statement.boxes[statement.boxes.length - 1];
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
  return { width, height, data };
}
