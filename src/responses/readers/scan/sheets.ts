// Pages into sheets. A numbered copy (`mus build --copies`) carries its sheet number in every
// page's code, so its pages pair up in whatever order they were scanned; pages of photocopies
// carry none, and then a front and the back that follows it are one sheet. Anything that does
// not pair up is reported, never guessed: a sheet with a page missing is not counted.
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
    problems,
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
      } else if (these.length === 0) {
        problems.push(
          pageProblem(list[0], `sheet ${id}: page ${n} is missing from the scans; the sheet is not counted`),
        );
        broken = true;
      } else ordered.push(these[0]);
    }
    if (!broken) sheets.push({ id, group, pages: ordered });
  }
}

/** Photocopies: page 1 opens a sheet, the pages after it must follow in order. */
function pairInOrder(pages: ScannedPage[], options: PairOptions, sheets: Sheet[], problems: Problem[]): void {
  let open: ScannedPage[] = [];
  const close = () => {
    if (open.length === 0) return;
    const first = open[0];
    const count = options.pageCount(first.code.group);
    if (open.length === count) sheets.push({ id: where(first), group: first.code.group, pages: open });
    else
      problems.push(
        pageProblem(
          first,
          `is the front of a ${first.code.group} test whose page ${open.length + 1} does not follow it in the scans; the sheet is not counted`,
        ),
      );
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
      if (open.length === options.pageCount(p.code.group)) close();
      continue;
    }
    close();
    if (p.code.page === 1) {
      open = [p];
      if (options.pageCount(p.code.group) === 1) close();
    } else {
      problems.push(
        pageProblem(
          p,
          `is page ${p.code.page} of a ${p.code.group} test without the page before it; the sheet is not counted`,
        ),
      );
    }
  }
  close();
}
