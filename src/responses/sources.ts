// Where answers come from: one responses file holding both groups, or a file per group.
// This is the single entry point the commands use; each file format has its reader
// (readers/registry.ts lists them), and folders, several files, returned tests and scans
// (PDF, page images) go through collect.ts.
//
// The format is found by content first and extension second: a zip or OLE file is a
// spreadsheet whatever its name, a text file named .xlsx is read as CSV, and a file with
// another extension is YAML when it looks like YAML or JSON (JSON is YAML), otherwise CSV.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { groupWords, onlyGroup, otherGroup, type Group } from '../content/groups.js';
import type { Scoring } from '../content/model.js';
import { InternalError, UserError } from '../errors.js';
import { collectResponses, isFolder, type CollectContent } from './collect.js';
import type { StatementTexts } from './readers/table/columns.js';
import { checkInputFile, readHead } from './input-file.js';
import { formatOfExtension, isPaperFile, readerOf, type Format } from './readers/registry.js';
import { isSpreadsheetBytes } from './readers/xlsx.js';
import type { Notice, NoticeLine, Respondent, Responses } from './types.js';
import type { ScanPrinting } from './readers/scan/geometry.js';
import type { FlaggedRow } from './readers/scan/read-scans.js';
import type { ScanReport } from './readers/scan/report.js';
import type { ReadMemo } from './memo.js';

export type { Notice } from './types.js';

export interface ResponseSources {
  /** A file with both groups: YAML/JSON with leaders/employees keys, or a table with a role column. */
  file?: string;
  /** More files with both groups. Any source may also be a folder, and may be returned fillable tests (PDF): see readers/returned-form.ts. */
  files?: string[];
  /** A file holding only leaders' answers (--leaders). */
  leader?: string;
  /** A file holding only employees' answers (--employees). */
  employee?: string;
}

interface SourceOptions {
  /** Short messages for the person, e.g. the columns of an export that were ignored (the CLI prints them on stderr). */
  notice?: Notice;
  /** Returned tests and files in folders that cannot be counted are listed in the notices and left out, instead of stopping. */
  skipInvalid?: boolean;
  /** What reading scanned paper tests needs from the printing side (app/scans.ts): needed once a source holds scans. */
  printing?: ScanPrinting;
  /** What was read of unchanged files before (the app keeps one per content); without it every file is read. */
  memo?: ReadMemo;
}

/** What reading responses needs of the content: the scale, and each statement's texts (for table headers). */
export interface SourcesContent {
  scoring: Pick<Scoring, 'scale'>;
  numbered: readonly StatementTexts[];
}

/** The format of a responses file, by content and extension. */
export function formatOf(file: string): Format {
  let head: Uint8Array | undefined;
  try {
    head = readHead(file, 4096);
  } catch {
    head = undefined; // its reader says why it cannot be read
  }
  const byExtension = formatOfExtension(file);
  if (head === undefined || head.length === 0) return byExtension ?? 'yaml';
  if (isSpreadsheetBytes(head)) return 'xlsx';
  const text = head.indexOf(0) === -1; // UTF-16 text has NULs too, but then it is no YAML either
  if (byExtension === 'xlsx') return text ? 'csv' : 'xlsx';
  if (byExtension) return byExtension;
  return text && looksLikeYamlOrJson(new TextDecoder().decode(head)) ? 'yaml' : 'csv';
}

/** A responses file in YAML or JSON starts with a mapping, a list or a document marker (after comments). */
function looksLikeYamlOrJson(head: string): boolean {
  for (const raw of head.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    return /^([{[%]|---)/.test(line) || /^["']?[\p{L}_][\p{L}\p{N}_ -]*["']?\s*:(\s|$)/u.test(line);
  }
  return false;
}

/** Reads one file; `group` when it was given with --leaders/--employees. */
async function readSource(
  file: string,
  group: Group | undefined,
  content: SourcesContent,
  options: SourceOptions,
  folder?: string,
): Promise<Responses> {
  checkInputFile(file, folder);
  const reader = readerOf(formatOf(file));
  const responses = await reader.read(file, content, { group, notice: options.notice });
  if (group === undefined || reader.checksGroup) return responses;
  // A YAML/JSON file given for one group: a file with only the other group's key in it is a mistake.
  const other = otherGroup(group);
  if (responses[other].length > 0 && responses[group].length === 0) {
    throw new UserError({
      file,
      message: `holds ${groupWords[other].possessive} answers, but was given as ${groupWords[group].flag}`,
    });
  }
  // Both groups' keys: counting them all as one group would be wrong without a word.
  if (responses[other].length > 0) {
    throw new UserError({
      file,
      message: `holds both leaders' and employees' answers (${responses.leader.length} and ${responses.employee.length}), but was given as ${groupWords[group].flag}; give it as the answers (without ${groupWords[group].flag}), each group is read from its key`,
    });
  }
  const respondents: Respondent[] = [...responses[group], ...responses[other]];
  return onlyGroup(group, respondents);
}

/** One file's reading as it went: its respondents or its problem, and its notices. */
interface Outcome {
  responses?: Responses;
  error?: UserError;
  notices: NoticeLine[];
}

/** Reads one file to its outcome; an unchanged file's outcome comes from the memo, when there is one. */
function settle(
  file: string,
  group: Group | undefined,
  content: SourcesContent,
  options: SourceOptions,
  folder?: string,
): Promise<Outcome> {
  const read = async (): Promise<Outcome> => {
    const notices: NoticeLine[] = [];
    try {
      const responses = await readSource(file, group, content, { ...options, notice: (l) => notices.push(l) }, folder);
      return { responses, notices };
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      return { error, notices };
    }
  };
  return options.memo ? options.memo.recall(file, `responses ${group ?? 'both'}`, read) : read();
}

/** An outcome told as reading the file tells it: its notices, then its problem or respondents. */
function replay(outcome: Outcome, notice: SourceOptions['notice']): Responses {
  for (const line of outcome.notices) notice?.(line);
  if (outcome.error) throw outcome.error;
  return outcome.responses!;
}

/** Reads one file, from the memo when there is one. */
const readOne = async (file: string, group: Group | undefined, content: SourcesContent, options: SourceOptions) =>
  options.memo
    ? replay(await settle(file, group, content, options), options.notice)
    : readSource(file, group, content, options);

/** Several files, folders or returned tests (PDF) are read by collect.ts. */
function collectsFiles(sources: ResponseSources): boolean {
  const paths = [sources.file, ...(sources.files ?? []), sources.leader, sources.employee].filter((p): p is string =>
    Boolean(p),
  );
  return (sources.files?.length ?? 0) > 0 || paths.some((p) => isPaperFile(p) || isFolder(p));
}

/** Every respondent of the sources, per group. */
export async function readResponseSources(
  sources: ResponseSources,
  content: SourcesContent & CollectContent,
  options: SourceOptions = {},
): Promise<Responses> {
  if (collectsFiles(sources)) return collect(sources, content, options);
  const result: Responses = sources.file
    ? await readOne(sources.file, undefined, content, options)
    : { leader: [], employee: [] };
  for (const [group, file] of [
    ['leader', sources.leader],
    ['employee', sources.employee],
  ] as const) {
    if (!file) continue;
    if (result[group].length > 0)
      throw new UserError({ file, message: `${groupWords[group].plural} are given twice (also in ${sources.file})` });
    result[group] = (await readOne(file, group, content, options))[group];
  }
  return result;
}

/**
 * Folders, several files and returned tests, through collect.ts. It asks for each
 * responses file's respondents as it goes, synchronously, and a CSV file is read by a stream: so
 * every responses file it may ask for is read first, and its outcome (respondents or problem,
 * and its notices) handed over when it is asked for.
 */
async function collect(
  sources: ResponseSources,
  content: SourcesContent & CollectContent,
  options: SourceOptions,
): Promise<Responses> {
  const both = [sources.file, ...(sources.files ?? [])].filter((file): file is string => Boolean(file));
  const slots: [Group | undefined, string[]][] = [
    [undefined, both],
    ['leader', sources.leader ? [sources.leader] : []],
    ['employee', sources.employee ? [sources.employee] : []],
  ];
  const outcomes = new Map<string, Outcome>();
  const key = (file: string, group: Group | undefined) => `${group ?? 'both'}\u0000${file}`;
  for (const [group, paths] of slots) {
    for (const { file, folder } of paths.flatMap(responsesFiles)) {
      outcomes.set(key(file, group), await settle(file, group, content, options, folder));
    }
  }
  const read = (file: string, group: Group | undefined): Responses => {
    const outcome = outcomes.get(key(file, group));
    if (!outcome) throw new InternalError(`${file} was not read beforehand`);
    return replay(outcome, options.notice);
  };
  // Folders may hold scanned pages (images) too, read with the scanned PDFs (readers/scan/).
  const flagged: FlaggedRow[] = [];
  let scans: ScanReport | undefined;
  const responses = await collectResponses(
    { both, leader: sources.leader, employee: sources.employee },
    content,
    read,
    {
      notice: options.notice,
      skipInvalid: options.skipInvalid,
      flagged: (rows) => flagged.push(...rows),
      scanReport: (report) => {
        scans = report;
      },
      printing: options.printing,
      memo: options.memo,
    },
  );
  return { ...responses, ...(flagged.length > 0 ? { flagged } : {}), ...(scans ? { scans } : {}) };
}

/** The responses files (not paper) a path names: itself, or those in the folder it is (with that folder). */
function responsesFiles(path: string): { file: string; folder?: string }[] {
  if (!isFolder(path)) return isPaperFile(path) ? [] : [{ file: path }];
  return readdirSync(path)
    .filter((name) => formatOfExtension(name) !== undefined)
    .map((name) => ({ file: join(path, name), folder: path }))
    .filter(({ file }) => !isFolder(file));
}
