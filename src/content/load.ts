// Reads content/<language>/*.yaml, validates every file against its schema and the
// cross-file rules (bands, points), and returns one typed Content object.
// Every problem is reported with file, line, column and field, all at once.
// Which documents there are, and so which files besides the shared ones, the caller says:
// src/documents/load.ts gives the registry's.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { ZodIssue, ZodTypeAny } from 'zod';
import { z } from 'zod';
import { metaSchemaFor, scoringSchema, statementsSchema, workshopSchema, type Workshop } from './schema.js';
import { sharedContentFiles, workshopFileName } from './files.js';
import type { Content, ContentKey, NumberedStatement, Place, Statements } from './model.js';
import { displayPath, InternalError, throwIfProblems, type Problem, UserError } from '../errors.js';
import { checkScoring } from './rules.js';
import { fieldName, locate, type SourceFile } from './source.js';
import { readContentText } from './text-file.js';
import { deepFreeze } from '../freeze.js';

/** A document's part of the content: where it is and the schema it must satisfy. */
export interface ContentPart {
  /** Its name in Content (content.checklist). */
  key: string;
  /** The file under content/<language>/ it is read from. */
  file: string;
  /** The top-level field of the file it is, when documents share a file (dialog.yaml); the whole file when absent. */
  section?: string;
  schema: ZodTypeAny;
}

/** A content file to read: its schema, and the parts it holds (a section each, or the whole file). */
interface ContentFile {
  file: string;
  schema: ZodTypeAny;
  parts: { key: string; section?: string }[];
}

/** The files to read, in order: the shared ones, then each document's, once (parts sharing a file are its sections). */
function contentFiles(parts: readonly ContentPart[], documentIds: readonly string[]): ContentFile[] {
  const shared: ContentFile[] = [
    { file: sharedContentFiles.meta, schema: metaSchemaFor(documentIds), parts: [{ key: 'meta' }] },
    { file: sharedContentFiles.scoring, schema: scoringSchema, parts: [{ key: 'scoring' }] },
    { file: sharedContentFiles.statements, schema: statementsSchema, parts: [{ key: 'statements' }] },
  ];
  const files = new Map<string, ContentPart[]>();
  for (const part of parts) files.set(part.file, [...(files.get(part.file) ?? []), part]);
  const own = [...files].map(([file, [first, ...rest]]): ContentFile => {
    if (first.section === undefined && rest.length === 0) return { file, schema: first.schema, parts: [first] };
    const inFile = [first, ...rest];
    if (inFile.some((p) => p.section === undefined))
      throw new InternalError(
        `content file ${file}: shared by ${inFile.map((p) => p.key).join(', ')}, each must be a section`,
      );
    const shape = Object.fromEntries(inFile.map((p) => [p.section!, p.schema]));
    return { file, schema: z.object(shape).strict(), parts: inFile };
  });
  return [...shared, ...own];
}

/** A file read and checked against its schema: its source, and the data or the problems. */
interface Checked {
  source: SourceFile | Problem;
  data?: unknown;
  problems: Problem[];
}

function parseSource(shown: string, text: string): SourceFile | Problem {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const source = { path: shown, doc, lines };
  const syntax = doc.errors[0];
  if (syntax) {
    const { line, col } = lines.linePos(syntax.pos[0]);
    return {
      file: shown,
      line,
      column: col,
      message: `YAML syntax: ${syntax.message.split('\n')[0]}${quotingHint(syntax.code)}`,
    };
  }
  return source;
}

/**
 * The YAML errors a colon (or a leading {, [, *, &, #) inside an unquoted text gives: the
 * person wrote a sentence, so tell them how to write it.
 */
function quotingHint(code: string): string {
  const fromText = [
    'BLOCK_AS_IMPLICIT_KEY',
    'MULTILINE_IMPLICIT_KEY',
    'UNEXPECTED_TOKEN',
    'BAD_INDENT',
    'ALIAS_PROPS',
    'BAD_ALIAS',
  ];
  return fromText.includes(code)
    ? ' (a text with ": " in it, or starting with {, [, * or &, must be put in quotes)'
    : '';
}

/** A folder holding language folders (content/ instead of content/da) is named for what it is. */
function checkIsContentFolder(dir: string): void {
  if (existsSync(join(dir, sharedContentFiles.meta))) return;
  let languages: string[] = [];
  try {
    languages = readdirSync(dir).filter((name) => existsSync(join(dir, name, sharedContentFiles.meta)));
  } catch {
    return; // no such folder: each file is reported missing
  }
  if (languages.length > 0) {
    const shown = displayPath(dir);
    throw new UserError({
      file: shown,
      message: `holds language folders (${languages.join(', ')}), not content files: did you mean ${join(shown, languages[0])}?`,
    });
  }
}

function check(schema: ZodTypeAny, shown: string, text: string): Checked {
  const source = parseSource(shown, text);
  if (!('doc' in source)) return { source, problems: [source] };
  let data: unknown;
  try {
    data = source.doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // e.g. an alias bomb ("billion laughs"): too many alias expansions
    const problem = { file: shown, message: `cannot be read as YAML: ${(err as Error).message}` };
    return { source: problem, problems: [problem] };
  }
  const result = schema.safeParse(data);
  if (result.success) return { source, data: deepFreeze(result.data), problems: [] };
  return { source, problems: result.error.issues.map((i) => issueToProblem(source, i)) };
}

function readChecked(dir: string, file: ContentFile): Checked {
  const full = join(dir, file.file);
  const shown = displayPath(full);
  const read = readContentText(full, shown);
  if (typeof read !== 'string') return { source: read, problems: [read] };
  return check(file.schema, shown, read);
}

function issueToProblem(source: SourceFile, issue: ZodIssue): Problem {
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  let message = issue.message;
  if (issue.code === 'invalid_type') {
    message = issue.received === 'undefined' ? 'is missing' : `must be ${issue.expected}, not ${issue.received}`;
  } else if (issue.code === 'unrecognized_keys') {
    message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  }
  return { file: source.path, ...locate(source, path), field: fieldName(path) || undefined, message };
}

/** Where the node at path is: the file, and its line when found. */
function sourceOf(source: SourceFile, path: (string | number)[]): Place {
  const { line } = locate(source, path);
  return line === undefined ? { file: source.path } : { file: source.path, line };
}

function numberStatements(statements: Statements, source: SourceFile): NumberedStatement[] {
  let n = 0;
  return statements.themes.flatMap((theme, t) =>
    theme.statements.map((s, i) => ({
      n: ++n,
      theme: theme.title,
      leader: s.leader,
      employee: s.employee,
      ...(s.short === undefined
        ? {}
        : { short: s.short, shortSource: sourceOf(source, ['themes', t, 'statements', i, 'short']) }),
      source: {
        leader: sourceOf(source, ['themes', t, 'statements', i, 'leader']),
        employee: sourceOf(source, ['themes', t, 'statements', i, 'employee']),
      },
    })),
  );
}

export interface LoadOptions {
  /** The workshop file to use instead of the content folder's workshop.yaml (`--workshop FILE`). */
  workshopFile?: string;
}

/**
 * Loads and validates the content folder: the shared files and each document's part, with
 * meta.yaml naming a file for each of documentIds; throws UserError listing every problem found.
 */
export function loadContentParts(
  dir: string,
  parts: readonly ContentPart[],
  documentIds: readonly string[],
  options: LoadOptions = {},
): Content {
  checkIsContentFolder(dir);
  const problems: Problem[] = [];
  const sources = new Map<string, { source: SourceFile; section?: string }>();
  const parsed: Record<string, unknown> = {};
  for (const file of contentFiles(parts, documentIds)) {
    const { source, data, problems: found } = readChecked(dir, file);
    for (const { key, section } of file.parts) {
      if ('doc' in source) sources.set(key, { source, section });
      if (data !== undefined) parsed[key] = section === undefined ? data : (data as Record<string, unknown>)[section];
    }
    problems.push(...found);
  }
  // The scoring is checked against the statements even when another file has problems, so
  // that one run reports them all.
  const shared = parsed as Partial<Pick<Content, 'meta' | 'scoring' | 'statements'>>;
  const statementsSource = sources.get('statements')?.source;
  const scoringSource = sources.get('scoring')?.source;
  const numbered = shared.statements && statementsSource && numberStatements(shared.statements, statementsSource);
  if (numbered && shared.scoring && scoringSource)
    problems.push(...checkScoring(shared.scoring, numbered.length, scoringSource));
  throwIfProblems(problems);
  // With no problems, every file was read and parsed.
  const bandSources = shared.scoring!.bands.map((_, i) => sourceOf(scoringSource!, ['bands', i, 'sentence']));

  const workshop = readWorkshop(dir, options.workshopFile);
  const placeOf = (part: ContentKey, path: (string | number)[]) => {
    const { source, section } = sources.get(part)!;
    return sourceOf(source, section === undefined ? path : [section, ...path]);
  };
  return {
    dir,
    ...(parsed as Omit<Content, 'dir'>),
    numbered: numbered!,
    bandSources,
    placeOf,
    ...(workshop ? { workshop } : {}),
  };
}

/** The workshop named on the command line (which must be there), else the content folder's, if any. */
function readWorkshop(dir: string, given: string | undefined): Workshop | undefined {
  if (given !== undefined) return loadWorkshop(given);
  const inContent = join(dir, workshopFileName);
  return existsSync(inContent) ? loadWorkshop(inContent) : undefined;
}

/** Reads and checks a workshop file (workshop.yaml); throws UserError naming file, line and field. */
export function loadWorkshop(file: string): Workshop {
  const shown = displayPath(file);
  const read = readContentText(file, shown);
  if (typeof read !== 'string') throw new UserError(read);
  const { data, problems } = check(workshopSchema, shown, read);
  throwIfProblems(problems);
  return data as Workshop;
}

export { UserError };
