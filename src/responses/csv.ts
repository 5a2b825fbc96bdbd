// CSV survey exports (Google Forms, Excel "CSV UTF-8" on a Danish machine, hand-made
// sheets), parsed with csv-parse and fed row by row to the table reader. How the file is
// written (encoding, separator, `sep=` line) is found by csv-dialect.ts.
//
// Two ways in, one row path: readCsvResponses reads a whole file (for responses in memory),
// tallyCsvFile streams it straight into the tally with flat memory, for exports of any size;
// a big UTF-8 file is tallied in two halves at once (csv-halves.ts).
import { open } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import type { Group } from '../content/model.js';
import { UserError } from '../errors.js';
import { createGroupTally, type GroupTallyAccumulator, type TallyResult } from '../tally/tally.js';
import { headBytes, sniffDialect, sniffEncoding } from './csv-dialect.js';
import { tallyCsvInHalves, type SplitOptions } from './csv-halves.js';
import { csvInput, hasUtf8Bom, NotUtf8, type TextEncoding } from './csv-input.js';
import { createParser, parseSync } from './csv-parse.js';
import { parserOptions, parseStream, recordFeeder, syntaxProblem } from './csv-parser.js';
import type { CsvTallyContent } from './csv-range.js';
import { describeReadError } from './decode.js';
import { createHeaderMatcher } from './columns.js';
import { createTableReader, respondentList, type Notices, type TableContent } from './table.js';
import type { Responses } from './types.js';

export type { CsvDialect } from './csv-dialect.js';
export { sniffDialect, sniffEncoding } from './csv-dialect.js';
export type { TextEncoding } from './csv-input.js';
export type { CsvTallyContent } from './csv-range.js';

export interface ReadTableOptions {
  /** The group the file was given for (--leaders/--employees); without it, a role column decides. */
  group?: Group;
  notices?: Notices;
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
  const feeder = recordFeeder(reader, dialect.sepLine);
  try {
    parseSync(text, { ...parserOptions(dialect.delimiter), on_record: feeder.onRecord });
  } catch (error) {
    throw syntaxProblem(error, file, feeder.nextRow()) ?? error;
  }
  const groups = reader.finish();
  return { leader: groups.leader.respondents, employee: groups.employee.respondents };
}

/** The file's first bytes, for the dialect, and its size. */
async function readHead(file: string): Promise<{ head: Uint8Array; size: number }> {
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(headBytes);
      const { bytesRead } = await handle.read(buffer, 0, headBytes, 0);
      return { head: buffer.subarray(0, bytesRead), size: (await handle.stat()).size };
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError({ file, message: describeReadError(error) });
  }
}

/**
 * Tallies a CSV file while streaming it: rows go straight into the group tallies, so
 * memory stays flat whatever the number of rows. Same checks and messages as reading it whole.
 * `split` tunes reading a big file in two halves at once (for tests).
 */
export async function tallyCsvFile(
  file: string,
  content: CsvTallyContent,
  options: ReadTableOptions = {},
  split: SplitOptions = {},
): Promise<TallyResult> {
  const { head, size } = await readHead(file);
  const encoding = sniffEncoding(head, file);
  try {
    return await streamTally(file, content, options, encoding, head, size, split);
  } catch (error) {
    if (!(error instanceof NotUtf8)) throw error;
    if (hasUtf8Bom(head)) throw brokenUtf8(file);
    return streamTally(file, content, options, 'windows-1252', head, size, split);
  }
}

async function streamTally(
  file: string,
  content: CsvTallyContent,
  options: ReadTableOptions,
  encoding: TextEncoding,
  head: Uint8Array,
  size: number,
  split: SplitOptions,
): Promise<TallyResult> {
  const headText = new TextDecoder(encoding).decode(head, { stream: true });
  if (head.length < headBytes && headText.trim() === '') throw new UserError({ file, message: 'the file is empty' });
  const matcher = createHeaderMatcher(content.numbered);
  const dialect = sniffDialect(headText, encoding, matcher);
  if (encoding === 'utf-8') {
    const halves = await tallyCsvInHalves({ file, size, head, dialect, content, group: options.group, notices: options.notices, matcher }, split);
    if (halves) return halves;
  }
  const newSink = (): GroupTallyAccumulator => createGroupTally(content.scoring, content.numbered.length);
  const reader = createTableReader(content, { file, group: options.group, notices: options.notices, matcher }, newSink);
  const feeder = recordFeeder(reader, dialect.sepLine);
  try {
    await parseStream(csvInput(file, encoding), createParser(parserOptions(dialect.delimiter)), feeder.onRecord);
  } catch (error) {
    if (error instanceof NotUtf8) throw error;
    throw syntaxProblem(error, file, feeder.nextRow()) ?? error;
  }
  const groups = reader.finish();
  return { leaders: groups.leader.result(), employees: groups.employee.result() };
}
