// CSV survey exports (Google Forms, Excel "CSV UTF-8" on a Danish machine, hand-made
// tables), streamed through csv-parse and fed row by row to the table reader, so only the
// respondents are kept, never the file's text. How the file is written (encoding,
// separator, `sep=` line) is found from its first bytes by dialect.ts.
import { createReadStream } from 'node:fs';
import { UserError } from '../../../errors.js';
import { createHeaderMatcher } from '../table/columns.js';
import { hasUtf8Bom, type TextEncoding } from '../../../text-decode.js';
import { headBytes, sniffDialect, sniffEncoding } from './dialect.js';
import { parseStream, recordFeeder, syntaxProblem } from './records.js';
import { describeReadError } from '../../decode.js';
import { readHead } from '../../input-file.js';
import { createTableReader, type TableContent } from '../table/table.js';
import type { ReadOptions, Responses } from '../../types.js';

/** Thrown when a file read as UTF-8 turns out not to be: it is then read again as Windows-1252. */
class NotUtf8 extends Error {}

/** Reads a CSV file's respondents. */
export async function readCsvResponses(
  file: string,
  content: TableContent,
  options: ReadOptions = {},
): Promise<Responses> {
  let head: Uint8Array;
  try {
    head = readHead(file, headBytes);
  } catch (error) {
    throw new UserError({ file, message: describeReadError(error) });
  }
  const encoding = sniffEncoding(head, file);
  try {
    return await readAs(encoding, file, head, content, options);
  } catch (error) {
    if (!(error instanceof NotUtf8)) throw error;
    // Valid UTF-8 at the start only: older Excel versions save Windows-1252. A file marked as UTF-8 is not guessed at.
    if (hasUtf8Bom(head)) {
      throw new UserError({
        file,
        message: 'starts with a UTF-8 byte-order mark but is not UTF-8 text; save it again as "CSV UTF-8"',
      });
    }
    return readAs('windows-1252', file, head, content, options);
  }
}

async function readAs(
  encoding: TextEncoding,
  file: string,
  head: Uint8Array,
  content: TableContent,
  options: ReadOptions,
): Promise<Responses> {
  const headText = new TextDecoder(encoding).decode(head, { stream: true });
  if (head.length < headBytes && headText.trim() === '') throw new UserError({ file, message: 'the file is empty' });
  const matcher = createHeaderMatcher(content.numbered);
  const dialect = sniffDialect(headText, encoding, matcher);
  const reader = createTableReader(content, { file, group: options.group, notice: options.notice, matcher });
  const feeder = recordFeeder(reader, dialect.sepLine);
  try {
    await parseStream(decodedChunks(file, encoding), dialect.delimiter, feeder.onRecord);
  } catch (error) {
    if (error instanceof NotUtf8) throw error;
    throw syntaxProblem(error, file, feeder.nextRow()) ?? error;
  }
  return reader.finish();
}

/** The file's text, chunk by chunk, without a byte-order mark; UTF-8 is checked as it is decoded. */
async function* decodedChunks(file: string, encoding: TextEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new NotUtf8();
    }
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    const text = decode(chunk as Buffer);
    if (text !== '') yield text;
  }
  const rest = decode();
  if (rest !== '') yield rest;
}
