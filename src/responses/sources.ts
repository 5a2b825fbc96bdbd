// Where answers come from: one responses file holding both groups, or a file per group.
// This is the single entry point the commands use; each file format has its reader.
//
// The format is found by content first and extension second: a zip or OLE file is a
// spreadsheet whatever its name, a text file named .xlsx is read as CSV, and a file with
// another extension is YAML/JSON when it looks like it, otherwise CSV.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { Group, Scoring } from '../content/model.js';
import { UserError } from '../errors.js';
import { collectResponses, isFolder } from '../forms/collect.js';
import { tallyGroup, type GroupTally, type TallyResult, type TallyScoring } from '../tally/tally.js';
import type { StatementTexts } from './columns.js';
import { readCsvResponses, tallyCsvFile, type ReadTableOptions } from './csv.js';
import { tallyJsonFile } from './json-stream.js';
import { readResponses } from './read.js';
import type { Notices } from './table.js';
import type { Respondent, Responses } from './types.js';
import { isSpreadsheetBytes, readXlsxResponses } from './xlsx.js';
import { imageExtensions, isImageFile } from './readers/scan/detect.js';
import type { FlaggedRow } from './readers/scan/read-scans.js';

export type { Notices } from './table.js';

export interface ResponseSources {
  /** A file with both groups: YAML/JSON with leaders/employees keys, or a table with a role column. */
  file?: string;
  /** More files with both groups. Any source may also be a folder, and may be returned fillable tests (PDF): see src/forms/. */
  files?: string[];
  /** A file holding only leaders' answers. */
  leaders?: string;
  /** A file holding only employees' answers. */
  employees?: string;
}

export interface SourceOptions {
  /** Short messages for the person, e.g. the columns of an export that were ignored (the CLI prints them on stderr). */
  notices?: Notices;
  /** Returned tests and files in folders that cannot be counted are listed in the notices and left out, instead of stopping. */
  skipInvalid?: boolean;
}

/** What reading responses needs of the content: the scale, and each statement's texts (for table headers). */
export interface SourcesContent {
  scoring: Pick<Scoring, 'scale'>;
  numbered: readonly StatementTexts[];
}

/** What tallying needs besides: the bands (Content itself fits). */
export interface SourcesTallyContent extends SourcesContent {
  scoring: TallyScoring;
}

type Format = 'yaml' | 'csv' | 'spreadsheet';

/** Reads a whole-responses file of one format. New formats register here. */
type Reader = (file: string, content: SourcesContent, options: ReadTableOptions) => Responses;
const readers: Record<Format, Reader> = {
  yaml: readResponses, // YAML and JSON: the format is sniffed again inside by extension and content
  csv: readCsvResponses,
  spreadsheet: readXlsxResponses,
};

/** Formats by extension; a file's content may overrule (see formatOf). */
const extensions: Readonly<Record<string, Format>> = {
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.json': 'yaml',
  '.csv': 'csv',
  '.tsv': 'csv',
  '.xlsx': 'spreadsheet',
  '.xlsm': 'spreadsheet',
  '.xls': 'spreadsheet',
  '.ods': 'spreadsheet',
};

/** The first bytes of a file, or undefined if it cannot be read (its reader then says why). */
function readHead(file: string, length: number): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(length);
    return buffer.subarray(0, readSync(fd, buffer, 0, length, 0));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The format of a responses file, by content and extension. */
export function formatOf(file: string): Format {
  const head = readHead(file, 4096);
  const byExtension = extensions[extname(file).toLowerCase()];
  if (head === undefined || head.length === 0) return byExtension ?? 'yaml';
  if (isSpreadsheetBytes(head)) return 'spreadsheet';
  const text = head.indexOf(0) === -1; // UTF-16 text has NULs too, but then it is no YAML either
  if (byExtension === 'spreadsheet') return text ? 'csv' : 'spreadsheet';
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

const flag = (group: Group) => (group === 'leader' ? '--leaders' : '--employees');
const plural = (group: Group) => (group === 'leader' ? 'leaders' : 'employees');

/** Reads one file; `group` when it was given with --leaders/--employees. */
function readSource(file: string, group: Group | undefined, content: SourcesContent, options: SourceOptions): Responses {
  const format = formatOf(file);
  const responses = readers[format](file, content, { group, notices: options.notices });
  if (group === undefined || format !== 'yaml') return responses; // table readers check the group themselves
  // A YAML/JSON file given for one group: a file with only the other group's key in it is a mistake.
  const other: Group = group === 'leader' ? 'employee' : 'leader';
  if (responses[other].length > 0 && responses[group].length === 0) {
    throw new UserError({ file, message: `holds ${plural(other)}' answers, but was given as ${flag(group)}` });
  }
  const respondents: Respondent[] = [...responses[group], ...responses[other]];
  return group === 'leader' ? { leader: respondents, employee: [] } : { leader: [], employee: respondents };
}

function givenTwice(group: Group, file: string, sources: ResponseSources): UserError {
  return new UserError({ file, message: `${plural(group)} are given twice (also in ${sources.file})` });
}

const groupFiles = (sources: ResponseSources) =>
  [
    ['leader', sources.leaders],
    ['employee', sources.employees],
  ] as const;

/** JSON files from this size on are streamed into the tally (json-stream.ts): flat memory, and faster. */
const streamJsonFrom = 1 << 20;

function isLargeJson(file: string): boolean {
  if (extname(file).toLowerCase() !== '.json') return false;
  try {
    return statSync(file).size >= streamJsonFrom;
  } catch {
    return false; // the reader says what is wrong with it
  }
}

/** Several files, folders or returned tests (PDF) are read by src/forms/collect.ts. */
function collectsFiles(sources: ResponseSources): boolean {
  const paths = [sources.file, ...(sources.files ?? []), sources.leaders, sources.employees].filter((p): p is string => Boolean(p));
  return (sources.files?.length ?? 0) > 0 || paths.some((p) => extname(p).toLowerCase() === '.pdf' || isImageFile(p) || isFolder(p));
}

/** Reads every answer sheet of the sources into memory. */
export function readResponseSources(sources: ResponseSources, content: SourcesContent, options: SourceOptions = {}): Responses {
  const result: Responses = sources.file ? readSource(sources.file, undefined, content, options) : { leader: [], employee: [] };
  for (const [group, file] of groupFiles(sources)) {
    if (!file) continue;
    if (result[group].length > 0) throw givenTwice(group, file, sources);
    result[group] = readSource(file, group, content, options)[group];
  }
  return result;
}

/**
 * The tally of the sources, for the commands. CSV files are streamed into the tally
 * (tallyCsvFile), so exports of any size are counted without holding their rows.
 */
export async function tallyResponseSources(
  sources: ResponseSources,
  content: SourcesTallyContent,
  options: SourceOptions = {},
): Promise<TallyResult & { flagged?: FlaggedRow[] }> {
  const statementCount = content.numbered.length;
  if (collectsFiles(sources)) {
    // Folders may hold scanned pages (images) too: see readers/scan/.
    const reader = { read: (file: string, group: Group | undefined) => readSource(file, group, content, options), extensions: [...Object.keys(extensions), ...imageExtensions] };
    const both = [sources.file, ...(sources.files ?? [])].filter((file): file is string => Boolean(file));
    const flagged: FlaggedRow[] = [];
    const collect = { notice: options.notices, skipInvalid: options.skipInvalid, flagged: (rows: FlaggedRow[]) => flagged.push(...rows) };
    const responses = await collectResponses({ both, leaders: sources.leaders, employees: sources.employees }, content, reader, collect);
    const tally = { leaders: tallyGroup(responses.leader, content.scoring, statementCount), employees: tallyGroup(responses.employee, content.scoring, statementCount) };
    return flagged.length > 0 ? { ...tally, flagged } : tally;
  }
  const tallyFile = async (file: string, group: Group | undefined): Promise<TallyResult> => {
    if (formatOf(file) === 'csv') return tallyCsvFile(file, content, { group, notices: options.notices });
    if (isLargeJson(file)) return tallyJsonFile(file, content, { group });
    const responses = readSource(file, group, content, options);
    return {
      leaders: tallyGroup(responses.leader, content.scoring, statementCount),
      employees: tallyGroup(responses.employee, content.scoring, statementCount),
    };
  };
  const empty = (): GroupTally => tallyGroup([], content.scoring, statementCount);
  const result: TallyResult = sources.file ? await tallyFile(sources.file, undefined) : { leaders: empty(), employees: empty() };
  for (const [group, file] of groupFiles(sources)) {
    if (!file) continue;
    const key = group === 'leader' ? 'leaders' : 'employees';
    if (result[key].respondents > 0) throw givenTwice(group, file, sources);
    result[key] = (await tallyFile(file, group))[key];
  }
  return result;
}
