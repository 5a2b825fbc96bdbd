// The second half of a big CSV file, tallied on its own: csv-parse and a table reader over a
// byte range, told the header and the line end that the file's start has (the range has
// neither). It runs in a worker thread (csv-range-worker.ts), so what goes in and comes out
// is plain data; csv-halves.ts adds the result to the first half's.
import type { Group } from '../content/model.js';
import { createGroupTally, type GroupTally, type TallyScoring } from '../tally/tally.js';
import { csvInput } from './csv-input.js';
import { createParser } from './csv-parse.js';
import { parserOptions, parseStream } from './csv-parser.js';
import { createTableReader, type TableContent, type TablePart } from './table.js';

/** What tallying a CSV file needs of the content (Content itself fits). */
export interface CsvTallyContent extends TableContent {
  scoring: TallyScoring;
}

export interface RangeJob {
  file: string;
  /** UTF-8 bytes from the start of a row to the end of the file. */
  range: { start: number; end: number };
  delimiter: string;
  /** The line end csv-parse found at the file's start; a range must not find its own. */
  recordDelimiter: string;
  /** The file's header row. */
  header: string[];
  content: CsvTallyContent;
  group?: Group;
}

/** The range's part of the table, or why there is none (the whole file is then read in one piece). */
export type RangeOutcome = { part: TablePart<GroupTally> } | { failed: string };

/** Only what a table reader and a tally use, so a job stays small to copy to another thread. */
export function jobContent(content: CsvTallyContent): CsvTallyContent {
  return {
    scoring: { scale: content.scoring.scale, bands: content.scoring.bands },
    numbered: content.numbered.map(({ leader, employee }) => ({ leader, employee })),
  };
}

export async function tallyCsvRange(job: RangeJob, signal?: AbortSignal): Promise<RangeOutcome> {
  const { content } = job;
  const newSink = () => createGroupTally(content.scoring, content.numbered.length);
  const reader = createTableReader(content, { file: job.file, group: job.group }, newSink);
  // Row numbers here are the range's own; a part with problems is not used.
  let row = 1;
  try {
    reader.row(job.header, row);
    const parser = createParser({ ...parserOptions(job.delimiter), record_delimiter: job.recordDelimiter });
    await parseStream(csvInput(job.file, 'utf-8', job.range), parser, (record) => reader.row(record, ++row), signal);
  } catch (error) {
    return { failed: `${(error as Error)?.constructor?.name ?? 'error'} at row ${row} of the second half` };
  }
  return { part: reader.part((sink) => sink.result()) };
}
