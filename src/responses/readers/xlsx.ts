// Excel workbooks (Microsoft Forms' "Open in Excel" download, typed-in sheets), read with
// the maintained SheetJS build @e965/xlsx; older .xls and OpenDocument .ods come along.
// A workbook is read whole (the format is zipped XML), then its rows go to the same
// table reader as CSV rows, with the sheet's own row numbers and column letters.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { WorkBook, WorkSheet } from '@e965/xlsx';
import { UserError } from '../../errors.js';
import { describeReadError } from '../decode.js';
import { createHeaderMatcher, type HeaderMatcher } from '../columns.js';
import { createTableReader, type Cell, type ReadTableOptions, type TableContent } from '../table.js';
import type { Responses } from '../types.js';

// SheetJS is large: it is loaded when a workbook is read, not whenever responses are
// (`mus tally svar.json` has no use for it). Its CommonJS build, so it can be loaded then.
type SheetJs = typeof import('@e965/xlsx');
let sheetJs: SheetJs | undefined;
const xlsx = (): SheetJs => (sheetJs ??= createRequire(import.meta.url)('@e965/xlsx') as SheetJs);

/** The first bytes of a zip file (xlsx, ods) and of an OLE compound file (xls). */
export function isSpreadsheetBytes(head: Uint8Array): boolean {
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const ole = head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  return zip || ole;
}

interface SheetRows {
  name: string;
  rows: Cell[][];
  /** Sheet row number of rows[0] (1-based) and column index of each row's first cell (0 = A). */
  firstRow: number;
  firstColumn: number;
}

function sheetRows(workbook: WorkBook, name: string): SheetRows {
  const sheet: WorkSheet = workbook.Sheets[name];
  const ref = sheet?.['!ref'];
  if (!ref) return { name, rows: [], firstRow: 1, firstColumn: 0 };
  const range = xlsx().utils.decode_range(ref);
  const rows = xlsx().utils.sheet_to_json<Cell[]>(sheet, { header: 1, raw: true, defval: null, blankrows: true });
  return { name, rows, firstRow: range.s.r + 1, firstColumn: range.s.c };
}

/** The first row with anything in it: the header, for choosing a sheet. */
function headerOf(sheet: SheetRows): string[] {
  const row = sheet.rows.find((r) => r.some((cell) => cell !== null && cell !== undefined && String(cell).trim() !== ''));
  return (row ?? []).map((cell) => (cell === null || cell === undefined ? '' : String(cell)));
}

function readWorkbook(file: string): WorkBook {
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
  try {
    return xlsx().read(bytes, { type: 'buffer', dense: true, cellDates: true, cellHTML: false, cellText: false, cellFormula: false, cellNF: false });
  } catch (error) {
    const reason = String((error as Error).message ?? error).split('\n')[0].slice(0, 120);
    throw new UserError({ file, message: `cannot be read as an Excel workbook (${reason})` });
  }
}

/**
 * Reads a workbook's answer sheets into memory. With several sheets, the one whose header
 * names the most statements is read (the first on a tie), and messages name it.
 */
export function readXlsxResponses(file: string, content: TableContent, options: ReadTableOptions = {}): Responses {
  const workbook = readWorkbook(file);
  const matcher: HeaderMatcher = createHeaderMatcher(content.numbered);
  const sheets = workbook.SheetNames.map((name) => sheetRows(workbook, name));
  if (sheets.length === 0) throw new UserError({ file, message: 'the workbook has no sheets' });
  let chosen = sheets[0];
  let best = -1;
  for (const sheet of sheets) {
    const matches = headerOf(sheet).filter((h) => matcher.read(h) !== undefined).length;
    if (matches > best) {
      best = matches;
      chosen = sheet;
    }
  }
  const where = sheets.length > 1 ? `sheet "${chosen.name}", ` : '';
  const reader = createTableReader(content, { file, group: options.group, notices: options.notices, matcher, where, firstColumn: chosen.firstColumn });
  chosen.rows.forEach((row, i) => reader.row(row, chosen.firstRow + i));
  return reader.finish();
}
