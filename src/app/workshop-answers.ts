// The answers of a workshop (its folder svar/), read for a face that shows them: each file
// on its own (what it was read as, its problems), and the folder as a whole, as `mus tally
// --skip-invalid svar` reads it (the numbers, the scan rows that need a look, with their
// pictures). What was read of each file is kept while the file is unchanged (read-memo.ts):
// a decision on a scan row re-applies the corrections and tallies again, it reads no scan.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Content, Group } from '../content/model.js';
import { loadProblemTexts, noticeLine, problemLine } from '../content/problems.js';
import { type Problem, type ProblemKind, UserError } from '../errors.js';
import { correctionsFileName } from '../responses/readers/scan/corrections.js';
import { isScanInput } from '../responses/readers/scan/detect.js';
import type { ReviewSheet, ScanPrinting } from '../responses/readers/scan/geometry.js';
import type { GrayImage } from '../responses/readers/scan/image.js';
import type { FlaggedRow } from '../responses/readers/scan/read-scans.js';
import { formatOf, readResponseSources } from '../responses/sources.js';
import { answersByGroup, type NoticeLine, type Responses } from '../responses/types.js';
import { tallyResponses } from '../tally/tally.js';
import { FileMemo } from './read-memo.js';
import { answerFiles, receivedFiles } from './received.js';
import { readInChild } from './scan-process.js';
import { scanPrinting } from './scans.js';
import type { GroupTallies } from './tally.js';
import { stamp, workshopLayout, type WorkshopFolder } from './workshop.js';

/** What a file was read as. */
export type FileKind = 'scan' | 'returnedTest' | 'spreadsheet' | 'table' | 'typed';

export interface FileReading {
  kind: FileKind;
  /** Answer sheets found, per group. */
  counts: Record<Group, number>;
  /** Sheets with a statement left unanswered. */
  incomplete: number;
  /** Scan rows that need a look. */
  flagged: number;
  /** Why the file cannot be counted, one line each (the same lines the CLI prints). */
  problems: string[];
  /** Notes about the file (e.g. ignored columns), one line each. */
  notices: string[];
}

function kindOf(file: string): FileKind {
  if (isScanInput(file)) return 'scan';
  if (extname(file).toLowerCase() === '.pdf') return 'returnedTest';
  const format = formatOf(file);
  return format === 'xlsx' ? 'spreadsheet' : format === 'csv' ? 'table' : 'typed';
}

/** One file's problems shown under the name it was sent as, never the path it is kept at. */
const shownAs = (line: string, path: string, sent: string) =>
  line.split(path).join(sent).split(basename(path)).join(sent);

/** One printing side per content: each test's box geometry is rendered once, not once a reading. */
const printings = new WeakMap<Content, ScanPrinting>();
function printingOf(content: Content): ScanPrinting {
  let printing = printings.get(content);
  if (!printing) printings.set(content, (printing = scanPrinting(content)));
  return printing;
}

/** The notices of a file's reading that the review (Gennemgang) shows instead. */
const reviewKinds = new Set<ProblemKind>(['rowNeedsLook', 'reviewWritten', 'reviewNotWritten']);

/** A folder notice the Svar page shows elsewhere: a file's problems under the file, the skipped count in the summary, the doubtful rows in Gennemgang. */
const shownPerFile = (notice: Problem): boolean =>
  notice.skipped === true ||
  notice.kind === 'skippedFiles' ||
  (notice.kind !== undefined && reviewKinds.has(notice.kind));

/**
 * What was read of the answer files with one content (its test geometry, its statements). A
 * scan's pages are read in a child process (scan-process.ts), with the content loaded as the
 * app loaded it: from the content folder and the workshop's details.
 */
const memos = new WeakMap<Content, FileMemo>();
export function answersMemo(content: Content, folder: WorkshopFolder): FileMemo {
  let memo = memos.get(content);
  if (!memo) {
    const workshopFile = join(folder.dir, workshopLayout.details);
    memo = new FileMemo({ 'scan pages': (file) => readInChild({ file, contentDir: content.dir, workshopFile }) });
    memos.set(content, memo);
  }
  return memo;
}

/** Reads one answer file on its own; `sent` is the name it was sent as, used in its lines; `group` when it was given for one. */
export async function readAnswerFile(
  folder: WorkshopFolder,
  content: Content,
  name: string,
  sent: string,
  group?: Group,
): Promise<FileReading> {
  const file = join(folder.dir, workshopLayout.answers, name);
  const texts = loadProblemTexts(content.dir);
  const notices: NoticeLine[] = [];
  const problems: string[] = [];
  let responses: Responses = { leader: [], employee: [] };
  const kind = kindOf(file);
  // Read as the folder reading reads it, but the review files beside the scans are the
  // folder reading's to write: a file read alone would write them with its own rows only.
  const printing = {
    ...printingOf(content),
    reviewSheet: async () => new Uint8Array(0),
    writeBeside: () => undefined,
  };
  try {
    responses = await readResponseSources(group ? { [group]: file } : { file }, content, {
      notice: (line) => notices.push(line),
      printing,
      memo: answersMemo(content, folder),
    });
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    problems.push(...error.problems.map((problem) => problemLine(problem, texts)));
  }
  const sheets = answersByGroup(responses);
  return {
    kind,
    counts: { leader: sheets.leader.length, employee: sheets.employee.length },
    incomplete: [...sheets.leader, ...sheets.employee].filter((s) => s.some((a) => a === null)).length,
    flagged: responses.flagged?.length ?? 0,
    problems: problems.map((line) => shownAs(line, file, sent)),
    // The rows that need a look are the review's to show, not a line of their own here.
    notices: notices
      .filter((n) => (typeof n === 'string' ? !n.includes(correctionsFileName) : !n.kind || !reviewKinds.has(n.kind)))
      .map((n) => shownAs(noticeLine(n, texts), file, sent)),
  };
}

/** A scan row that needs a look, with the picture of its boxes as the scan shows them. */
export interface DoubtfulRow extends FlaggedRow {
  picture?: GrayImage;
}

export interface FolderReading {
  tallies: GroupTallies;
  doubtful: DoubtfulRow[];
  /** Notes about files and sheets (the same file twice, a page missing, …); not the files left out (their problems), nor the rows for review. */
  notices: string[];
  /** How many files were read. */
  files: number;
}

let lastReading: { key: string; reading: Promise<FolderReading> } | undefined;

/** What a change to the folder looks like: every answer file's stamp, and the corrections' text. */
function folderKey(folder: WorkshopFolder, content: Content): string {
  const dir = join(folder.dir, workshopLayout.answers);
  const corrections = join(dir, 'rettelser.yaml');
  // The reading itself writes the corrections file (adding new rows): its text, not its time, counts.
  const text = existsSync(corrections) ? createHash('sha256').update(readFileSync(corrections)).digest('hex') : '';
  const files = receivedFiles(folder).map((f) => `${f.name}@${stamp(join(dir, f.name))}@${f.group ?? ''}`);
  return JSON.stringify([dir, content.dir, content.workshop, text, files]);
}

/** The whole folder read as `mus tally --skip-invalid svar` reads it, kept until a file in it changes. */
export function readWorkshopAnswers(folder: WorkshopFolder, content: Content): Promise<FolderReading> {
  const key = folderKey(folder, content);
  if (lastReading?.key === key) return lastReading.reading;
  const reading = readFolder(folder, content);
  lastReading = { key, reading };
  reading.catch(() => {
    if (lastReading?.reading === reading) lastReading = undefined;
  });
  return reading;
}

/** Forgets what was read (after the folder was changed by the app itself). */
export function forgetReading(): void {
  lastReading = undefined;
}

async function readFolder(folder: WorkshopFolder, content: Content): Promise<FolderReading> {
  const dir = join(folder.dir, workshopLayout.answers);
  const files = answerFiles(folder);
  const notices: string[] = [];
  const texts = loadProblemTexts(content.dir);
  let responses: Responses = { leader: [], employee: [] };
  // The review sheet is handed the rows in the order they are flagged: their pictures come from it.
  let pictures: ReviewSheet['rows'] = [];
  const printing = printingOf(content);
  const memo = answersMemo(content, folder);
  memo.keepOnly(files.map((name) => join(dir, name)));
  const capturing = {
    ...printing,
    reviewSheet: (sheet: ReviewSheet) => {
      pictures = sheet.rows;
      return printing.reviewSheet(sheet);
    },
  };
  const options = {
    notice: (notice: NoticeLine) => {
      if (typeof notice !== 'string' && shownPerFile(notice)) return;
      notices.push(noticeLine(notice, texts).split(`${dir}/`).join(''));
    },
    skipInvalid: true,
    printing: capturing,
    memo,
  };
  // A file given for one group is read as --leaders/--employees reads it; the rest as the folder.
  const received = receivedFiles(folder);
  const rest = received.filter((f) => !f.group).map((f) => join(dir, f.name));
  if (rest.length > 0) {
    responses = await readResponseSources(
      rest.length === files.length ? { file: dir } : { files: rest },
      content,
      options,
    );
  }
  for (const { name, group } of received) {
    if (!group) continue;
    try {
      const read = await readResponseSources({ [group]: join(dir, name) }, content, options);
      responses[group].push(...read[group]);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      for (const problem of error.problems) options.notice({ ...problem, skipped: true });
    }
  }
  const tallies = tallyResponses(answersByGroup(responses), content);
  const doubtful = (responses.flagged ?? []).map((row, i) => ({ ...row, picture: pictures[i]?.picture }));
  return {
    tallies,
    doubtful,
    notices,
    files: files.length,
  };
}
