// A big UTF-8 CSV file is tallied by two threads at once, to use a second processor core:
// this thread reads from the start; a worker thread (csv-range.ts), started at once, takes
// over from a cut halfway through what is left when it is ready; each has its own csv-parse
// and table reader, and the two tallies are added up. csv-parse still reads every byte;
// this module only chooses where to cut and checks the cut was right.
//
// The cut is put after a line end with an even number of " before it, which is outside any
// quoted field in a file that quotes by the rules. A stray quote (Som "oftest") can fool
// that, so the cut is trusted only when csv-parse, reading up to it as it would read the
// whole file, ends exactly at the end of a row. Anything else — a cut not trusted, any
// problem in either part (an unknown answer, a missing role, a syntax error), bytes that are
// not UTF-8 — gives up (undefined), and the caller reads the file again in one piece, so
// every message and row number is exactly what reading it in one piece gives.
import { closeSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Group } from '../content/model.js';
import { UserError } from '../errors.js';
import { createGroupTally, type GroupTallyAccumulator, type TallyResult } from '../tally/tally.js';
import type { CsvDialect } from './csv-dialect.js';
import { csvInput, hasUtf8Bom, type ReadWindow } from './csv-input.js';
import { createParser } from './csv-parse.js';
import { parserOptions, parseStream, recordFeeder } from './csv-parser.js';
import { jobContent, type CsvTallyContent, type RangeJob, type RangeOutcome } from './csv-range.js';
import type { HeaderMatcher } from './columns.js';
import { createTableReader, type Notices, type TableReader } from './table.js';

/** A second thread for the second half: started early, it says when it is ready, then tallies the range it is sent. */
export interface SecondHalf {
  /** Resolves when the thread can take a job; false if it cannot. */
  ready: Promise<boolean>;
  run(job: RangeJob): Promise<RangeOutcome>;
  /** Ends the thread, whatever it is doing. */
  stop(): void;
}

export interface SplitOptions {
  /** Smaller files are read in one piece: starting a worker thread costs more than it saves there. */
  minBytes?: number;
  /** Starts the second thread: a worker thread unless tests say otherwise. */
  startSecondHalf?: () => SecondHalf;
  /** Told how the file was read: "halves", "one thread" (the second thread never took over), or why it was not. */
  report?: (how: string) => void;
}

export interface HalvesInput {
  file: string;
  size: number;
  /** The file's first bytes, holding at least the header row. */
  head: Uint8Array;
  dialect: CsvDialect;
  content: CsvTallyContent;
  group?: Group;
  notices?: Notices;
  matcher: HeaderMatcher;
}

/**
 * Measured on a 2-core machine, idle: a second thread saved ~100 ms of 1.1 s on 15 MB
 * (100 000 rows) but cost ~40 ms on 7.7 MB and ~65 ms on 4.6 MB. Its start-up (~100 ms of
 * a core, more on a busy machine) and the two cores sharing one's worth of memory and cache
 * (they do 1.5× the work of one, not 2×) only pay off from about 10 MB (~65 000 rows).
 */
export const defaultMinBytes = 10 * 1024 * 1024;

const quote = 0x22;

/** The second half in a worker thread: the compiled csv-range-worker.js beside this module. */
export function workerThread(): SecondHalf {
  const worker = new Worker(new URL('./csv-range-worker.js', import.meta.url));
  const ended = new Promise<RangeOutcome>((resolve) => {
    worker.once('error', (error) => resolve({ failed: `worker: ${error.message}` }));
    worker.once('exit', (code) => resolve({ failed: `worker exited with ${code}` }));
  });
  const nextMessage = <T>() => new Promise<T>((resolve) => worker.once('message', resolve));
  return {
    ready: Promise.race([nextMessage<string>().then((message) => message === 'ready'), ended.then(() => false)]),
    run(job) {
      const outcome = nextMessage<RangeOutcome>();
      worker.postMessage(job);
      return Promise.race([outcome, ended]);
    },
    stop: () => void worker.terminate(),
  };
}

/**
 * The header row and the line end, read by csv-parse from the file's first bytes: what the
 * second half has to be told. Undefined unless the header row ends inside them.
 */
async function headerAtStart(head: Uint8Array, dialect: CsvDialect): Promise<{ header: string[]; lineEnd: Buffer } | undefined> {
  const records: string[][] = [];
  const rows = () => (dialect.sepLine ? records.slice(1) : records);
  const headerAt = () => rows().findIndex((cells) => cells.some((cell) => cell.trim() !== ''));
  // A row read after the header shows the header row was complete, not cut off by the head's end.
  const enough = () => headerAt() !== -1 && headerAt() + 1 < rows().length;
  // Fed a little at a time, and only until the header is known: csv-parse is slow until warmed up.
  async function* start() {
    const text = hasUtf8Bom(head) ? head.subarray(3) : head;
    for (let at = 0; at < text.length && !enough(); at += 4096) yield text.subarray(at, at + 4096);
  }
  const parser = createParser(parserOptions(dialect.delimiter));
  try {
    await parseStream(start(), parser, (record) => void records.push(record));
  } catch {
    // What was read may end inside a quoted field; the records before it are enough.
  }
  const lineEnds = parser.options.record_delimiter;
  if (!enough() || lineEnds.length !== 1) return undefined;
  return { header: rows()[headerAt()], lineEnd: lineEnds[0] };
}

function countQuotes(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(quote); i !== -1; i = bytes.indexOf(quote, i + 1)) count++;
  return count;
}

/**
 * Where the second half starts: past the middle of what is left after `from`, just after the
 * first line end with an even number of quote bytes before it; undefined if there is none near.
 */
function findCut(file: string, size: number, lineEnd: Buffer, from: number): number | undefined {
  const middle = Math.floor((from + size) / 2);
  const fd = openSync(file, 'r');
  try {
    const block = Buffer.allocUnsafe(1 << 20);
    let quotes = 0;
    for (let at = 0; at < middle; ) {
      const read = readSync(fd, block, 0, Math.min(block.length, middle - at), at);
      if (read === 0) return undefined;
      quotes += countQuotes(block.subarray(0, read));
      at += read;
    }
    const after = block.subarray(0, readSync(fd, block, 0, 64 * 1024, middle));
    let counted = 0;
    for (let end = after.indexOf(lineEnd); end !== -1; end = after.indexOf(lineEnd, end + 1)) {
      quotes += countQuotes(after.subarray(counted, end));
      counted = end;
      const cut = middle + end + lineEnd.length;
      if (quotes % 2 === 0) return cut < size ? cut : undefined;
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * The file's tally, read by this thread from the start and, once a second thread is ready,
 * by that thread from a cut halfway through what is left; or undefined when it must be read
 * again in one piece.
 */
export async function tallyCsvInHalves(input: HalvesInput, options: SplitOptions = {}): Promise<TallyResult | undefined> {
  const { file, size, head, dialect, content } = input;
  const report = options.report ?? (() => {});
  if (size < (options.minBytes ?? defaultMinBytes)) {
    report('small');
    return undefined;
  }
  // Started first, so that it starts up while this thread reads.
  const second = (options.startSecondHalf ?? workerThread)();

  const window: ReadWindow = { start: 0, end: size - 1 };
  let reading = true;
  let handedOver: { outcome: Promise<RangeOutcome>; lineEnd: Buffer } | undefined;
  /** Once the second thread is ready: cut what this thread has not read yet in two, and send it the second half. */
  async function handOver(): Promise<void> {
    const start = await headerAtStart(head, dialect);
    const ready = await second.ready;
    // Past what this thread has read (or is reading), and past the head, whose header row it must read.
    const cut = reading && ready && start ? findCut(file, size, start.lineEnd, Math.max(head.length, window.next ?? 0)) : undefined;
    if (cut === undefined || start === undefined) return second.stop();
    window.end = cut - 1;
    const job: RangeJob = {
      file,
      range: { start: cut, end: size - 1 },
      delimiter: dialect.delimiter,
      recordDelimiter: start.lineEnd.toString('latin1'),
      header: start.header,
      content: jobContent(content),
      group: input.group,
    };
    handedOver = { outcome: second.run(job), lineEnd: start.lineEnd };
  }
  void handOver().catch(() => second.stop());
  const giveUp = (why: string) => {
    second.stop();
    report(why);
    return undefined;
  };

  // This thread's part, read exactly as the whole file would be; its notices wait until it is known to count.
  const held: string[] = [];
  const newSink = () => createGroupTally(content.scoring, content.numbered.length);
  const reader = createTableReader(content, { file, group: input.group, notices: (m) => held.push(m), matcher: input.matcher }, newSink);
  const feeder = recordFeeder(reader, dialect.sepLine);
  const parser = createParser(parserOptions(dialect.delimiter));
  try {
    await parseStream(csvInput(file, 'utf-8', window), parser, feeder.onRecord);
  } catch (error) {
    return giveUp(`first half: ${(error as Error)?.constructor?.name}`);
  } finally {
    reading = false;
  }
  if (handedOver === undefined) {
    // No second thread took over: this thread read the whole file, as in one piece.
    second.stop();
    return finish(reader, held, input.notices, () => report('one thread')) ?? giveUp('finish: one thread');
  }
  // Ending the first half without an error means csv-parse was outside quotes at its end, and
  // the half ends with the line end it uses: so the cut is at the end of a row.
  const lineEnds = parser.options.record_delimiter;
  if (lineEnds.length !== 1 || !lineEnds[0].equals(handedOver.lineEnd)) return giveUp('another line end');

  const outcome = await handedOver.outcome;
  if ('failed' in outcome) return giveUp(`second half: ${outcome.failed}`);
  if (outcome.part.problems > 0) return giveUp('second half: problems');
  reader.absorb(outcome.part, (tally, other) => tally.merge(other));
  return finish(reader, held, input.notices, () => report('halves')) ?? giveUp('finish');
}

/** The tally when the reader finds no problem, its notices passed on; undefined otherwise. */
function finish(reader: TableReader<GroupTallyAccumulator>, held: string[], notices: Notices | undefined, done: () => void): TallyResult | undefined {
  let groups;
  try {
    groups = reader.finish();
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
  for (const message of held) notices?.(message);
  done();
  return { leaders: groups.leader.result(), employees: groups.employee.result() };
}
