// CSV survey exports (Google Forms, Excel "CSV UTF-8" on a Danish machine, hand-made
// sheets), parsed with csv-parse and fed row by row to the table reader.
//
// The dialect is found, never asked for: the encoding from the first bytes (UTF-8 with or
// without a byte-order mark, UTF-16 with one, otherwise Windows-1252 as older Excel
// versions save "CSV (semikolonsepareret)"), and the separator (; , or tab) as the one
// under which the header names the most statements, then the most even columns. Excel's
// `sep=;` first line is honoured. Line ends (CRLF, LF, CR) are csv-parse's to detect.
//
// Two ways in, one row path: readCsvResponses reads a whole file (for responses in memory),
// tallyCsvFile streams it straight into the tally with flat memory, for exports of any size.
import { open } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Parser, type CsvError, type Options as CsvOptions } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { Group } from '../content/model.js';
import { UserError } from '../errors.js';
import { createGroupTally, type GroupTallyAccumulator, type TallyResult, type TallyScoring } from '../tally/tally.js';
import { csvInput, hasUtf8Bom, NotUtf8, type TextEncoding } from './csv-input.js';
import { describeReadError } from './decode.js';
import { createHeaderMatcher, type HeaderMatcher } from './columns.js';
import { createTableReader, respondentList, type GroupSink, type Notices, type TableContent, type TableReader } from './table.js';
import type { Responses } from './types.js';

export type { TextEncoding } from './csv-input.js';

export interface CsvDialect {
  encoding: TextEncoding;
  delimiter: string;
  /** The first line is Excel's `sep=;` hint, not the header. */
  sepLine: boolean;
}

export interface ReadTableOptions {
  /** The group the file was given for (--leaders/--employees); without it, a role column decides. */
  group?: Group;
  notices?: Notices;
}

/** How much of the file is looked at to find the dialect. */
const headBytes = 64 * 1024;
const delimiters = [';', ',', '\t'];

/** Finds the encoding from a file's first bytes; throws for what is not text. */
export function sniffEncoding(head: Uint8Array, file: string): TextEncoding {
  if (head.length === 0) throw new UserError({ file, message: 'the file is empty' });
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head.indexOf(0) !== -1) {
    throw new UserError({
      file,
      message: 'is a binary file, not CSV text; export the survey as CSV or as an Excel workbook (.xlsx)',
    });
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** The separator and `sep=` line, from the start of the text (BOM already removed). */
export function sniffDialect(headText: string, encoding: TextEncoding, matcher: HeaderMatcher): CsvDialect {
  const sep = /^sep=(.)\s*?(\r\n|\n|\r)/i.exec(headText);
  if (sep) return { encoding, delimiter: sep[1], sepLine: true };
  let best = { delimiter: delimiters[0], score: [-1] };
  for (const delimiter of delimiters) {
    const records: string[][] = [];
    try {
      parseSync(headText, {
        ...parserOptions(delimiter),
        on_record: (record: string[]) => {
          if (records.length < 50) records.push(record);
          return undefined;
        },
      });
    } catch {
      // The head may end inside a quoted field; the records before it are enough.
    }
    const rows = records.filter((r) => r.some((cell) => cell.trim() !== ''));
    const header = rows[0] ?? [];
    const matches = header.filter((cell) => matcher.read(cell) !== undefined).length;
    const even = rows.slice(1).filter((r) => r.length === header.length).length;
    const columns = header.length > 1 ? header.length : 0; // one column says nothing about the separator
    const score = [matches, columns > 0 ? 1 : 0, even, columns];
    if (compareScores(score, best.score) > 0) best = { delimiter, score };
  }
  return { encoding, delimiter: best.delimiter, sepLine: false };
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

function parserOptions(delimiter: string): CsvOptions {
  return {
    delimiter,
    relax_column_count: true, // short rows are empty cells; long rows are checked by the reader
    relax_quotes: true, // a hand-typed Som "oftest" is a value, not a syntax error
    skip_empty_lines: false, // empty lines still count as rows, so row numbers match a spreadsheet
  };
}

/** Feeds records to a table reader with their spreadsheet row numbers, skipping a `sep=` line. */
function recordFeeder(reader: TableReader<GroupSink>, dialect: CsvDialect) {
  let records = 0;
  return {
    onRecord: (record: string[]) => {
      records++;
      if (dialect.sepLine && records === 1) return undefined;
      reader.row(record, dialect.sepLine ? records - 1 : records);
      return undefined; // nothing is kept by the parser
    },
    /** The row a parser error is at: the one after the last complete record. */
    nextRow: () => (dialect.sepLine ? records : records + 1),
  };
}

/** A csv-parse error as a message for the person; csv-parse's own messages may quote cells. */
function syntaxProblem(error: unknown, file: string, row: number): UserError | undefined {
  if (error instanceof UserError) return error;
  const code = (error as CsvError | undefined)?.code;
  if (typeof code !== 'string' || !code.startsWith('CSV_') && !code.startsWith('INVALID_')) return undefined;
  const message =
    code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted field starts in this row and is never closed (a " is missing)'
      : `the CSV cannot be read here (${code})`;
  return new UserError({ file, message: `row ${row}: CSV syntax error: ${message}` });
}

function decodeWhole(bytes: Uint8Array, encoding: TextEncoding): string {
  return new TextDecoder(encoding).decode(bytes);
}

/** A file marked as UTF-8 that is not: no guessing then. */
function brokenUtf8(file: string): UserError {
  return new UserError({ file, message: 'starts with a UTF-8 byte-order mark but is not UTF-8 text; save it again as "CSV UTF-8"' });
}

/** Reads a CSV file's answer sheets into memory. */
export function readCsvResponses(file: string, content: TableContent, options: ReadTableOptions = {}): Responses {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UserError({ file, message: describeReadError(error) });
  }
  let encoding = sniffEncoding(bytes.subarray(0, headBytes), file);
  let text: string;
  if (encoding === 'utf-8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      if (hasUtf8Bom(bytes)) throw brokenUtf8(file);
      encoding = 'windows-1252';
      text = decodeWhole(bytes, encoding);
    }
  } else text = decodeWhole(bytes, encoding);
  if (text.trim() === '') throw new UserError({ file, message: 'the file is empty' });

  const matcher = createHeaderMatcher(content.numbered);
  const dialect = sniffDialect(text.slice(0, headBytes), encoding, matcher);
  const reader = createTableReader(content, { file, group: options.group, notices: options.notices, matcher }, respondentList);
  const feeder = recordFeeder(reader, dialect);
  try {
    parseSync(text, { ...parserOptions(dialect.delimiter), on_record: feeder.onRecord });
  } catch (error) {
    throw syntaxProblem(error, file, feeder.nextRow()) ?? error;
  }
  const groups = reader.finish();
  return { leader: groups.leader.respondents, employee: groups.employee.respondents };
}

/** What tallying a CSV file needs of the content (Content itself fits). */
export interface CsvTallyContent extends TableContent {
  scoring: TallyScoring;
}

/**
 * Tallies a CSV file while streaming it: rows go straight into the group tallies, so
 * memory stays flat whatever the number of rows. Same checks and messages as reading it whole.
 */
export async function tallyCsvFile(file: string, content: CsvTallyContent, options: ReadTableOptions = {}): Promise<TallyResult> {
  let head: Uint8Array;
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(headBytes);
      const { bytesRead } = await handle.read(buffer, 0, headBytes, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError({ file, message: describeReadError(error) });
  }
  const encoding = sniffEncoding(head, file);
  try {
    return await streamTally(file, content, options, encoding, head);
  } catch (error) {
    if (!(error instanceof NotUtf8)) throw error;
    if (hasUtf8Bom(head)) throw brokenUtf8(file);
    return streamTally(file, content, options, 'windows-1252', head);
  }
}

async function streamTally(
  file: string,
  content: CsvTallyContent,
  options: ReadTableOptions,
  encoding: TextEncoding,
  head: Uint8Array,
): Promise<TallyResult> {
  const headText = new TextDecoder(encoding).decode(head, { stream: true });
  if (head.length < headBytes && headText.trim() === '') throw new UserError({ file, message: 'the file is empty' });
  const matcher = createHeaderMatcher(content.numbered);
  const dialect = sniffDialect(headText, encoding, matcher);
  const statementCount = content.numbered.length;
  const newSink = (): GroupTallyAccumulator => createGroupTally(content.scoring, statementCount);
  const reader = createTableReader(content, { file, group: options.group, notices: options.notices, matcher }, newSink);
  const feeder = recordFeeder(reader, dialect);
  const parser = new Parser(parserOptions(dialect.delimiter));

  // Records are taken in flowing mode ('data'), which costs less per row than a Writable's callbacks.
  parser.on('data', (record: string[]) => {
    try {
      feeder.onRecord(record);
    } catch (error) {
      parser.destroy(error as Error);
    }
  });
  try {
    await pipeline(csvInput(file, encoding), parser);
  } catch (error) {
    if (error instanceof NotUtf8) throw error;
    throw syntaxProblem(error, file, feeder.nextRow()) ?? error;
  }
  const groups = reader.finish();
  return { leaders: groups.leader.result(), employees: groups.employee.result() };
}
