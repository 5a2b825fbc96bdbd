// csv-parse as the CSV readers use it: the same options everywhere, records fed to a table
// reader with their spreadsheet row numbers, and csv-parse's errors as messages for people.
import { pipeline } from 'node:stream/promises';
import { UserError } from '../../../errors.js';
import { createParser, type CsvError, type CsvOptions } from './load-csv-parse.js';
import type { TableReader } from '../table/table.js';

export function parserOptions(delimiter: string): CsvOptions {
  return {
    delimiter,
    relax_column_count: true, // short rows are empty cells; long rows are checked by the reader
    relax_quotes: true, // a hand-typed Som "oftest" is a value, not a syntax error
    skip_empty_lines: false, // empty lines still count as rows, so row numbers match a spreadsheet
  };
}

/** Feeds records to a table reader with their spreadsheet row numbers, skipping a `sep=` line. */
export function recordFeeder(reader: TableReader, sepLine: boolean) {
  let records = 0;
  return {
    onRecord: (record: string[]) => {
      records++;
      if (sepLine && records === 1) return undefined;
      reader.row(record, sepLine ? records - 1 : records);
      return undefined; // nothing is kept by the parser
    },
    /** The row a parser error is at: the one after the last complete record. */
    nextRow: () => (sepLine ? records : records + 1),
  };
}

/** A csv-parse error as a message for the person; csv-parse's own messages may quote cells. */
export function syntaxProblem(error: unknown, file: string, row: number): UserError | undefined {
  if (error instanceof UserError) return error;
  const code = (error as CsvError | undefined)?.code;
  if (typeof code !== 'string' || (!code.startsWith('CSV_') && !code.startsWith('INVALID_'))) return undefined;
  const message =
    code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted field starts in this row and is never closed (a " is missing)'
      : `the CSV cannot be read here (${code})`;
  return new UserError({ file, message: `row ${row}: CSV syntax error: ${message}` });
}

/**
 * Streams text through a csv-parse parser into `onRecord`, one record at a time; rejects
 * with the first error, csv-parse's or one thrown by `onRecord`.
 */
export async function parseStream(
  input: AsyncIterable<string>,
  delimiter: string,
  onRecord: (record: string[]) => void,
): Promise<void> {
  const parser = createParser(parserOptions(delimiter));
  // Records are taken in flowing mode ('data'), which costs less per row than a Writable's callbacks.
  parser.on('data', (record: string[]) => {
    try {
      onRecord(record);
    } catch (error) {
      parser.destroy(error as Error);
    }
  });
  await pipeline(input, parser);
}
