// Excel workbooks (Microsoft Forms' "Open in Excel" download, typed-in tables), read with
// the maintained SheetJS build @e965/xlsx; older .xls and OpenDocument .ods come along.
// A workbook is read whole (the format is zipped XML), then its rows go to the same
// table reader as CSV rows, with the tab's own row numbers and column letters.
import { errorText, quote } from '../../text.js';
import { readFileSync } from 'node:fs';
import type { WorkBook, WorkSheet } from '@e965/xlsx';
import { groupWords } from '../../content/groups.js';
import { UserError } from '../../errors.js';
import { describeReadError } from '../decode.js';
import { createHeaderMatcher, type HeaderMatcher } from './table/columns.js';
import { isOds, odsSizeProblem, sheetSizeProblem } from '../sheet-size.js';
import { createTableReader, groupNamed, type Cell, type TableContent } from './table/table.js';
import type { ReadOptions, Responses } from '../types.js';

// SheetJS is large: it is loaded when a workbook is read, not whenever responses are
// (`mus tally svar.json` has no use for it). Its ES module build: the same readers as its
// CommonJS build, which also loads the codepage tables up front (~0.2 s, as long as reading
// a 10 000-row workbook takes the rest of the tally). Only an old binary .xls can need
// those tables (an xlsx or ods is XML in UTF-8), so they are loaded for such a file alone.
type SheetJs = typeof import('@e965/xlsx');
let sheetJs: SheetJs | undefined;
let codepages = false;
async function loadSheetJs(ole: boolean): Promise<SheetJs> {
  sheetJs ??= await import('@e965/xlsx');
  if (ole && !codepages) {
    sheetJs.set_cptable(await import('@e965/xlsx/dist/cpexcel.full.mjs'));
    codepages = true;
  }
  return sheetJs;
}
type Utils = SheetJs['utils'];

const isOle = (head: Uint8Array) => head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;

/** The first bytes of a zip file (xlsx, ods) and of an OLE compound file (xls). */
export function isSpreadsheetBytes(head: Uint8Array): boolean {
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  return zip || isOle(head);
}

interface TabRows {
  name: string;
  rows: Cell[][];
  /** The tab's row number of rows[0] (1-based) and column index of each row's first cell (0 = A). */
  firstRow: number;
  firstColumn: number;
}

function tabRows(utils: Utils, workbook: WorkBook, name: string, file: string): TabRows {
  const worksheet: WorkSheet = workbook.Sheets[name];
  const ref = worksheet?.['!ref'];
  if (!ref) return { name, rows: [], firstRow: 1, firstColumn: 0 };
  const range = utils.decode_range(ref);
  const height = range.e.r - range.s.r + 1;
  const tooLarge = sheetSizeProblem({ name, rows: height, cells: height * (range.e.c - range.s.c + 1) });
  if (tooLarge) throw new UserError({ file, message: tooLarge });
  const rows = utils.sheet_to_json<Cell[]>(worksheet, { header: 1, raw: true, defval: null, blankrows: true });
  return { name, rows, firstRow: range.s.r + 1, firstColumn: range.s.c };
}

/** The first row with anything in it: the header, for choosing a tab. */
function headerOf(tab: TabRows): string[] {
  const row = tab.rows.find((r) => r.some((cell) => cell !== null && cell !== undefined && String(cell).trim() !== ''));
  return (row ?? []).map((cell) => (cell === null || cell === undefined ? '' : String(cell)));
}

async function readWorkbook(file: string): Promise<{ workbook: WorkBook; utils: Utils }> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UserError({ file, message: describeReadError(error) });
  }
  if (bytes.length === 0) throw new UserError({ file, message: 'the file is empty' });
  if (!isSpreadsheetBytes(bytes)) {
    throw new UserError({ file, message: 'is not an Excel workbook; save it as .xlsx, or export the survey as CSV' });
  }
  const sheetJs = await loadSheetJs(isOle(bytes));
  // An .ods declares its repeated cells in its XML; they are counted before SheetJS expands them.
  const tooLarge = isOds(bytes) ? odsSizeProblem(bytes, sheetJs.CFB) : undefined;
  if (tooLarge) throw new UserError({ file, message: tooLarge });
  try {
    const workbook = sheetJs.read(bytes, {
      type: 'buffer',
      dense: true,
      cellDates: true,
      cellHTML: false,
      cellText: false,
      cellFormula: false,
      cellNF: false,
    });
    return { workbook, utils: sheetJs.utils };
  } catch (error) {
    throw new UserError({ file, message: `cannot be read as an Excel workbook (${errorText(error, 120)})` });
  }
}

/**
 * Reads every respondent of a workbook, from each tab whose header names statements. A tab
 * named for a group ("Ledere", "Medarbejdere") is that group; in any other, the role column
 * decides, as in a CSV export. Tabs without statements (an "Info" tab) are named in a
 * notice. With no such tab at all, the first tab is read, to say what is wrong with it.
 */
export async function readXlsxResponses(
  file: string,
  content: TableContent,
  options: ReadOptions = {},
): Promise<Responses> {
  const { workbook, utils } = await readWorkbook(file);
  const matcher: HeaderMatcher = createHeaderMatcher(content.numbered);
  const tabs = workbook.SheetNames.map((name) => tabRows(utils, workbook, name, file));
  if (tabs.length === 0) throw new UserError({ file, message: 'the workbook has no sheets' });
  const answerTabs = tabs.filter((tab) => headerOf(tab).some((h) => matcher.read(h) !== undefined));
  const read = answerTabs.length > 0 ? answerTabs : [tabs[0]];
  const skipped = tabs.filter((tab) => !read.includes(tab) && tab.rows.length > 0);
  if (skipped.length > 0) {
    const sheets = skipped.map((s) => quote(s.name)).join(', ');
    options.notice?.({
      file,
      message: `not read (no statements in the header): ${skipped.map((s) => `sheet ${quote(s.name)}`).join(', ')}`,
      kind: 'sheetsNotRead',
      values: { sheets },
    });
  }
  const result: Responses = { leader: [], employee: [] };
  for (const tab of read) {
    const named = groupNamed(tab.name);
    if (named && options.group && named !== options.group) {
      throw new UserError({
        file,
        message: `sheet ${quote(tab.name)} holds ${groupWords[named].possessive} answers by its name, but the file was given as ${groupWords[options.group].flag}`,
      });
    }
    const where = tabs.length > 1 ? `sheet ${quote(tab.name)}, ` : '';
    const group = named ?? options.group;
    const reader = createTableReader(content, {
      file,
      group,
      notice: options.notice,
      matcher,
      where,
      firstColumn: tab.firstColumn,
    });
    tab.rows.forEach((row, i) => reader.row(row, tab.firstRow + i));
    const responses = reader.finish();
    result.leader.push(...responses.leader);
    result.employee.push(...responses.employee);
  }
  return result;
}
