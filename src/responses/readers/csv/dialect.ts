// How a CSV file is written, found from its first bytes, never asked for: the encoding
// (UTF-8 with or without a byte-order mark, UTF-16 with one, otherwise Windows-1252 as older
// Excel versions save "CSV (semikolonsepareret)"), and the separator (; , or tab) as the one
// under which the header names the most statements, then the most even columns. Excel's
// `sep=;` first line is honoured. Line ends (CRLF, LF, CR) are csv-parse's to detect.
import { UserError } from '../../../errors.js';
import { hasUtf8Bom, startsAsUtf8, utf16Bom, type TextEncoding } from '../../../text-decode.js';
import { parseSync } from './load-csv-parse.js';
import { parserOptions } from './records.js';
import type { HeaderMatcher } from '../table/columns.js';

interface CsvDialect {
  encoding: TextEncoding;
  delimiter: string;
  /** The first line is Excel's `sep=;` hint, not the header. */
  sepLine: boolean;
}

/** How much of the file is looked at to find the dialect. */
export const headBytes = 64 * 1024;
const delimiters = [';', ',', '\t'];
/** Rows looked at per separator: enough to see the header and how even the rows are. */
const sniffRecords = 50;

/** Finds the encoding from a file's first bytes; throws for what is not text. */
export function sniffEncoding(head: Uint8Array, file: string): TextEncoding {
  if (head.length === 0) throw new UserError({ file, message: 'the file is empty' });
  if (hasUtf8Bom(head)) return 'utf-8';
  const utf16 = utf16Bom(head);
  if (utf16) return utf16;
  if (head.indexOf(0) !== -1) {
    throw new UserError({
      file,
      message: 'is a binary file, not CSV text; export the survey as CSV or as an Excel workbook (.xlsx)',
    });
  }
  return startsAsUtf8(head) ? 'utf-8' : 'windows-1252';
}

/** The separator and `sep=` line, from the start of the text (BOM already removed). */
export function sniffDialect(headText: string, encoding: TextEncoding, matcher: HeaderMatcher): CsvDialect {
  const sep = /^sep=(.)\s*?(\r\n|\n|\r)/i.exec(headText);
  if (sep) return { encoding, delimiter: sep[1], sepLine: true };
  const statementsNamed = (header: string[]) => header.filter((cell) => matcher.read(cell) !== undefined).length;
  // The header decides alone when under one separator it names more statements than under
  // any other (the score below compares that first), so the rows after it need not be read.
  const named = delimiters.map((delimiter) => statementsNamed(headerRow(readRows(headText, delimiter, true))));
  const most = Math.max(...named);
  if (most > 0 && named.indexOf(most) === named.lastIndexOf(most)) {
    return { encoding, delimiter: delimiters[named.indexOf(most)], sepLine: false };
  }
  let best = { delimiter: delimiters[0], score: [-1] };
  for (const delimiter of delimiters) {
    const rows = readRows(headText, delimiter, false).filter(hasContent);
    const header = headerRow(rows);
    const even = rows.slice(1).filter((r) => r.length === header.length).length;
    const columns = header.length > 1 ? header.length : 0; // one column says nothing about the separator
    const score = [statementsNamed(header), columns > 0 ? 1 : 0, even, columns];
    if (compareScores(score, best.score) > 0) best = { delimiter, score };
  }
  return { encoding, delimiter: best.delimiter, sepLine: false };
}

const hasContent = (record: string[]) => record.some((cell) => cell.trim() !== '');

/** The first row with anything in it, among the first rows. */
const headerRow = (records: string[][]) => records.find(hasContent) ?? [];

/** The first rows of the head under a separator; up to the header only, if `headerOnly`. */
function readRows(headText: string, delimiter: string, headerOnly: boolean): string[][] {
  const records: string[][] = [];
  const enough = new Error('enough rows');
  try {
    parseSync(headText, {
      ...parserOptions(delimiter),
      to: sniffRecords, // csv-parse stops there: parsing all of the head three times was a tenth of a tally
      on_record: (record: string[]) => {
        records.push(record);
        if (headerOnly && hasContent(record)) throw enough; // csv-parse stops at an error from on_record
        return undefined;
      },
    });
  } catch {
    // The head may end inside a quoted field; the records before it are enough.
  }
  return records;
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
