// The machine-readable code printed on every page of a paper test, and where the page's
// registration marks and code sit. The renderer draws them (render/registration.ts) and the
// scan reader (responses/readers/scan/) finds them: this file is the one place both read.
//
// The code is digits only, so it fits the smallest QR code (version 1, 21 modules) with
// error correction Q: it must fit the 15 mm page margin and survive a copier's smudges.
import type { Group } from '../content/model.js';
import { mm } from './paper.js';
import { InternalError } from '../errors.js';

export interface PageCode {
  group: Group;
  /** 1-based page of the test. */
  page: number;
  /** The sheet's number in a print run (`mus build --copies`); absent on a single test. */
  sheet?: number;
  /** 12 hex digits identifying what the test printed (see documents/test/test.ts). */
  fingerprint: string;
}

/** "7" marks the code as ours, "1" is the format of what follows. */
const prefix = '71';
const groupDigits: Record<Group, string> = { leader: '1', employee: '2' };

/** The highest sheet number a page code carries (four digits). */
export const maxSheet = 9999;

export function encodePageCode(code: PageCode): string {
  if (!/^[0-9a-f]{12}$/.test(code.fingerprint))
    throw new InternalError(`page code: bad fingerprint "${code.fingerprint}"`);
  if (code.page < 1 || code.page > 9) throw new InternalError(`page code: page ${code.page} out of range`);
  const sheet = code.sheet ?? 0;
  if (!Number.isInteger(sheet) || sheet < 0 || sheet > maxSheet)
    throw new InternalError(`page code: sheet ${sheet} out of range`);
  const fingerprint = BigInt(`0x${code.fingerprint}`).toString().padStart(15, '0');
  return `${prefix}${groupDigits[code.group]}${code.page}${String(sheet).padStart(4, '0')}${fingerprint}`;
}

/** The page code in a QR code's text, or undefined when the text is not one of ours. */
export function decodePageCode(text: string): PageCode | undefined {
  const match = /^71([12])([1-9])(\d{4})(\d{15})$/.exec(text);
  if (!match) return undefined;
  const value = BigInt(match[4]);
  if (value >= 1n << 48n) return undefined;
  const sheet = Number(match[3]);
  return {
    group: match[1] === '1' ? 'leader' : 'employee',
    page: Number(match[2]),
    ...(sheet > 0 ? { sheet } : {}),
    fingerprint: value.toString(16).padStart(12, '0'),
  };
}

/**
 * Where the marks and the code are on an A4 page, in points from the top-left corner.
 * The marks are solid 4 mm squares in the side margins, which a coded page widens to
 * `sideMargin` for them; the code sits at the foot, centred, reaching 10.5 mm into the type area,
 * which measuring keeps free for it.
 */
export const registration = {
  markSize: mm(4),
  /**
   * Distance from the paper's side edges to a mark's centre. With `markInsetY`, the least
   * that keeps three marks wholly on the scan at 3° skew, a 6 mm shift and 95–105 % scale
   * (test/scan-geometry.test.ts measures it on the rendered test).
   */
  markInsetX: mm(15.5),
  /** Distance from the paper's top and bottom edges to a mark's centre. */
  markInsetY: mm(20.5),
  /** The type area's distance from the side edges on a coded page: 1.5 mm clear of the marks. */
  sideMargin: mm(19),
  qrModule: mm(0.5),
  qrModules: 21,
  /** Distance from the bottom edge to the code's lower edge: a 105 % copy shifted 6 mm down keeps it on the scan. */
  qrBottom: mm(15),
  /** Room the code takes inside the type area above the bottom margin (it is 10.5 mm high, with 1 mm quiet zone). */
  reserve: mm(11.5),
} as const;

export interface Point {
  x: number;
  y: number;
}

/** The centres of the four marks: top-left, top-right, bottom-left, bottom-right. */
export function markCentres(width: number, height: number): [Point, Point, Point, Point] {
  const dx = registration.markInsetX;
  const dy = registration.markInsetY;
  return [
    { x: dx, y: dy },
    { x: width - dx, y: dy },
    { x: dx, y: height - dy },
    { x: width - dx, y: height - dy },
  ];
}

/** The square the QR code's modules fill (without its quiet zone). */
export function qrSquare(width: number, height: number): { x: number; y: number; size: number } {
  const size = registration.qrModule * registration.qrModules;
  return { x: (width - size) / 2, y: height - registration.qrBottom - size, size };
}
