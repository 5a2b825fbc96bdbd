// Pages into sheets. A numbered copy (`mus build --copies`) carries its sheet number in every
// page's code, so its pages pair up in whatever order they were scanned; pages of photocopies
// carry none, and then a front and the back that follows it are one sheet. A sheet with a
// side missing (a jam, a forgotten page) is a sheet of what is there, the missing side's
// statements unanswered, and is said; a page scanned twice is reported, never guessed.
import { basename } from 'node:path';
import type { Group } from '../../../content/model.js';
import type { Problem } from '../../../errors.js';
import type { StatementRead } from './read-page.js';
import type { PageCode } from '../../../sheet/page-code.js';

export interface ScannedPage {
  file: string;
  /** 1-based page in the file. */
  page: number;
  code: PageCode;
  statements: StatementRead[];
}

export interface Sheet {
  /** How the facilitator finds the paper: "leder 12" for numbered copies, else the file and page of its front ("scan.pdf:3"). */
  id: string;
  group: Group;
  /** Its pages in page order. */
  pages: ScannedPage[];
  /** Pages of the test that are not in the scans (1-based), when a side is missing. */
  missing?: number[];
}

const where = (p: ScannedPage) => `${basename(p.file)}:${p.page}`;
const pageProblem = (p: ScannedPage, message: string): Problem => ({ file: p.file, field: `page ${p.page}`, message });

export interface PairOptions {
  /** Pages of each test. */
  pageCount: (group: Group) => number;
  /** "leder" / "medarbejder": how a numbered sheet is named (from the content). */
  groupWord: (group: Group) => string;
}

export function pairSheets(pages: ScannedPage[], options: PairOptions): { sheets: Sheet[]; problems: Problem[] } {
  const sheets: Sheet[] = [];
  const problems: Problem[] = [];
  pairNumbered(
    pages.filter((p) => p.code.sheet !== undefined),
    options,
    sheets,
    problems,
  );
  pairInOrder(
    pages.filter((p) => p.code.sheet === undefined),
    options,
    sheets,
  );
  return { sheets, problems };
}

function pairNumbered(pages: ScannedPage[], options: PairOptions, sheets: Sheet[], problems: Problem[]): void {
  const bySheet = new Map<string, ScannedPage[]>();
  for (const p of pages) {
    const key = `${p.code.group} ${p.code.fingerprint} ${p.code.sheet}`;
    const list = bySheet.get(key) ?? [];
    list.push(p);
    bySheet.set(key, list);
  }
  for (const list of bySheet.values()) {
    const { group, sheet } = list[0].code;
    const id = `${options.groupWord(group)} ${sheet}`;
    const count = options.pageCount(group);
    const ordered: ScannedPage[] = [];
    let broken = false;
    for (let n = 1; n <= count; n++) {
      const these = list.filter((p) => p.code.page === n);
      if (these.length > 1) {
        problems.push(
          pageProblem(
            these[1],
            `is page ${n} of sheet ${id} again (also ${where(these[0])}); remove the extra scan, the sheet is not counted until then`,
          ),
        );
        broken = true;
      } else if (these.length === 1) ordered.push(these[0]);
    }
    if (broken) continue;
    const missing = missingPages(ordered, count);
    sheets.push({ id, group, pages: ordered, ...(missing.length > 0 ? { missing } : {}) });
  }
}

const missingPages = (pages: ScannedPage[], count: number) =>
  Array.from({ length: count }, (_, i) => i + 1).filter((n) => !pages.some((p) => p.code.page === n));

/**
 * Photocopies: a page opens a sheet, the pages after it must follow in order. A sheet cut
 * short (a front whose back does not follow, a back without its front) is what is there.
 */
function pairInOrder(pages: ScannedPage[], options: PairOptions, sheets: Sheet[]): void {
  let open: ScannedPage[] = [];
  const close = () => {
    if (open.length === 0) return;
    const first = open[0];
    const missing = missingPages(open, options.pageCount(first.code.group));
    sheets.push({ id: where(first), group: first.code.group, pages: open, ...(missing.length > 0 ? { missing } : {}) });
    open = [];
  };
  for (const p of pages) {
    const last = open[open.length - 1];
    const continues =
      last &&
      p.code.page === last.code.page + 1 &&
      p.code.group === last.code.group &&
      p.code.fingerprint === last.code.fingerprint;
    if (continues) {
      open.push(p);
      if (p.code.page === options.pageCount(p.code.group)) close();
      continue;
    }
    close();
    open = [p];
    if (p.code.page === options.pageCount(p.code.group)) close();
  }
  close();
}
