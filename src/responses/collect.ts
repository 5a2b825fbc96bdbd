// Answers from folders and returned fillable tests, next to the responses files: every file
// in a folder is read (a returned PDF becomes one respondent in its group, a responses file
// adds its respondents), and files that cannot be counted are reported one line each; with
// skipInvalid they are listed and left out. Two people who tick alike get byte-identical
// returned files from a deterministic reader, so identical PDFs are all counted, and named
// in one notice (the facilitator may remove a file that was really sent twice); an identical
// responses file is the same respondents twice and counted once.
import { checkInputFile } from './input-file.js';
import { visible } from '../text.js';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { groupWords, type Group } from '../content/groups.js';
import { InternalError, throwIfProblems, type Problem, UserError } from '../errors.js';
import type { Notice, Respondent, Responses } from './types.js';
import type { FormContent } from '../content/form-identity.js';
import type { Content } from '../content/model.js';
import { paperReaders, readableExtensions } from './readers/registry.js';
import { reviewFiles } from './readers/scan/detect.js';
import type { ScanPrinting } from './readers/scan/geometry.js';
import type { FlaggedRow, ScanInput } from './readers/scan/read-scans.js';
import type { ScanReport } from './readers/scan/report.js';
import type { ReturnedForm } from './readers/returned-form.js';
import type { ReadMemo } from './memo.js';

interface CollectOptions {
  /** Count the files that can be counted; list the others instead of stopping. */
  skipInvalid?: boolean;
  /** Receives notes for the person running the tool (duplicates, skipped files), one line each. */
  notice?: Notice;
  /** Receives the rows of scanned paper tests that need a look (responses/readers/scan/). */
  flagged?: (rows: FlaggedRow[]) => void;
  /** Receives how the scanned paper tests were read (responses/readers/scan/report.ts). */
  scanReport?: (report: ScanReport) => void;
  /** What reading scanned paper tests needs from the printing side (given by app/scans.ts). */
  printing?: ScanPrinting;
  /** What was read of unchanged files before (the app's); without it every file is read. */
  memo?: ReadMemo;
}

/** Where answers come from (see ResponseSources in responses/sources.ts). */
interface CollectSources {
  /** Files or folders holding both groups. */
  both: string[];
  leader?: string;
  employee?: string;
}

/** Reads a responses file (not paper): for both groups, or given for one group. */
type ReadResponsesFile = (file: string, group: Group | undefined) => Responses;

/** Files a folder may hold that are nobody's answers: left out without a word. */
const ignored = (name: string) =>
  (reviewFiles as readonly string[]).includes(name.toLowerCase()) ||
  name.startsWith('.') ||
  name.startsWith('~$') ||
  /^(thumbs\.db|desktop\.ini)$/i.test(name);

/** True if a path is a folder (false when it does not exist: the readers report that). */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

interface Entry {
  file: string;
  problem?: string;
}

/** The files of a path: the path itself, or a folder's files in name order. */
function expand(path: string): Entry[] {
  if (!isFolder(path)) return [{ file: path }];
  const entries: Entry[] = [];
  const names = readdirSync(path)
    .filter((name) => !ignored(name))
    .sort();
  for (const name of names) {
    const file = join(path, name);
    const extension = extname(name).toLowerCase();
    if (isFolder(file)) entries.push({ file, problem: `is a folder; files in folders inside ${path} are not read` });
    else if (readableExtensions.includes(extension)) entries.push({ file });
    else {
      const kinds = readableExtensions.join(', ');
      entries.push({ file, problem: `is not a returned test or a responses file (only ${kinds} files are read)` });
    }
  }
  if (entries.length === 0) {
    throw new UserError({ file: path, message: 'the folder holds no returned tests or responses files' });
  }
  return entries;
}

/** What one file is, once its bytes are read: their hash, whether it is paper, and a returned test's answers. */
interface FileRead {
  hash: string;
  paper?: 'scan' | 'returned-form';
  form?: ReturnedForm;
  formError?: UserError;
}

/** The content as the commands have it; meta is needed once a returned test is read. */
export type CollectContent = Omit<FormContent, 'meta'> & { meta?: FormContent['meta'] };

export async function collectResponses(
  sources: CollectSources,
  content: CollectContent,
  readResponsesFile: ReadResponsesFile,
  options: CollectOptions = {},
): Promise<Responses> {
  const { readReturnedForm } = await import('./readers/returned-form.js');
  const slots: { group?: Group; paths: string[] }[] = [
    { paths: sources.both },
    { group: 'leader', paths: sources.leader ? [sources.leader] : [] },
    { group: 'employee', paths: sources.employee ? [sources.employee] : [] },
  ];
  const problems: Problem[][] = [];
  const skipped = new Set<string>();
  const seen = new Map<string, string>();
  const blank: string[] = [];
  const identical = new Map<string, string[]>(); // counted returned tests by their bytes' hash
  const results: Responses[] = [];

  for (const slot of slots) {
    const result: Responses = { leader: [], employee: [] };
    results.push(result);
    const scans: ScanInput[] = [];
    for (const path of slot.paths) {
      for (const entry of expand(path)) {
        const { file } = entry;
        // A file's bytes are let go once read: the scans are read after this loop (a copier's
        // PDF is tens of megabytes), and a memo keeps only what was read of them.
        const readFile = async (): Promise<FileRead> => {
          let bytes: Buffer;
          try {
            bytes = readFileSync(file);
          } catch (error) {
            throw new UserError({
              file,
              message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
            });
          }
          const hash = createHash('sha256').update(bytes).digest('hex');
          const paper = paperReaders.find((reader) => reader.takes(file, bytes))?.kind;
          if (paper !== 'returned-form') return { hash, paper };
          if (!content.meta) throw new InternalError('reading returned tests needs the content version (meta)');
          try {
            return { hash, paper, form: await readReturnedForm(bytes, file, { ...content, meta: content.meta }) };
          } catch (error) {
            if (!(error instanceof UserError)) throw error;
            return { hash, paper, formError: error };
          }
        };
        try {
          if (entry.problem) throw new UserError({ file, message: entry.problem });
          checkInputFile(file, isFolder(path) ? path : undefined);
          const { hash, paper, form, formError } = options.memo
            ? await options.memo.recall(file, 'file', readFile)
            : await readFile();
          const first = seen.get(hash);
          // Two people's returned tests may be alike byte for byte; two scans never are.
          if (first !== undefined && paper !== 'returned-form') {
            options.notice?.({
              file,
              message: `is the same file as ${first} (identical bytes); counted once`,
              kind: 'sameFile',
              values: { first },
            });
            continue;
          }
          if (first === undefined) seen.set(hash, file);
          if (paper === 'scan') scans.push({ file, group: slot.group });
          else if (paper === 'returned-form') {
            if (formError || !form) throw formError;
            if (slot.group && form.group !== slot.group) {
              throw new UserError({
                file,
                message: `is the ${form.group} test, but was given as ${groupWords[slot.group].flag} (${groupWords[slot.group].plural} only)`,
              });
            }
            const respondent: Respondent = { id: basename(file), answers: form.answers };
            result[form.group].push(respondent);
            const twins = identical.get(hash);
            if (twins) twins.push(file);
            else identical.set(hash, [file]);
            if (form.answers.every((answer) => answer === null)) blank.push(file);
          } else {
            const read = readResponsesFile(file, slot.group);
            result.leader.push(...read.leader);
            result.employee.push(...read.employee);
          }
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          problems.push(error.problems);
          skipped.add(file);
        }
      }
    }
    if (scans.length > 0) {
      // Paper tests scanned: read together, as a paper sheet's pages may be in two files.
      if (!('test' in content)) throw new InternalError('reading scanned tests needs the whole content');
      if (!options.printing) throw new InternalError('reading scanned tests needs the printed tests (app/scans.ts)');
      const { readScans } = await import('./readers/scan/read-scans.js');
      const scanned = await readScans(scans, content as unknown as Content, {
        printing: options.printing,
        notice: options.notice,
        memo: options.memo,
      });
      result.leader.push(...scanned.responses.leader);
      result.employee.push(...scanned.responses.employee);
      if (scanned.problems.length > 0) problems.push(scanned.problems);
      for (const file of scanned.problemFiles) skipped.add(file);
      options.flagged?.(scanned.flagged);
      options.scanReport?.(scanned.report);
    }
  }

  if (problems.length > 0 && !options.skipInvalid) throwIfProblems(problems.flat());
  for (const files of identical.values()) {
    if (files.length < 2) continue;
    options.notice?.({
      file: '',
      message:
        `${files.map(visible).join(', ')}: are identical files (the same answers, byte for byte); all ${files.length} are counted. ` +
        'If one person sent the same file twice, remove the extra copy',
      kind: 'identicalFiles',
      values: { files: files.map(visible).join(', '), count: String(files.length) },
    });
  }
  for (const file of blank) {
    options.notice?.({
      file,
      message: 'has no statement ticked; counted as a respondent who answered none',
      kind: 'blankSheet',
    });
  }
  if (problems.length > 0) {
    for (const problem of problems.flat()) options.notice?.({ ...problem, skipped: true });
    options.notice?.({
      file: '',
      message: `skipped ${skipped.size} file${skipped.size === 1 ? '' : 's'} that could not be counted (--skip-invalid)`,
      kind: 'skippedFiles',
      values: { count: String(skipped.size) },
    });
  }

  // As with responses files: a group comes from one place only.
  const [combined, leader, employee] = results;
  for (const [group, own, path] of [
    ['leader', leader, sources.leader],
    ['employee', employee, sources.employee],
  ] as const) {
    if (!path) continue;
    if (combined[group].length > 0) {
      throw new UserError({
        file: path,
        message: `${groupWords[group].plural} are given twice (also in ${sources.both.join(', ')})`,
      });
    }
    combined[group] = own[group];
  }
  return combined;
}
