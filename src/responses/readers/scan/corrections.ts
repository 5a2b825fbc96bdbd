// The corrections file beside the scans (rettelser.yaml): one entry per row the scan could
// not read for sure, which the facilitator answers after looking at the review sheet. The
// next reading applies every entry that has an answer; an entry may also overrule a row
// that was read (a misread seen on the poster).
import { errorText, excerpt } from '../../../text.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type Document, isSeq, LineCounter, parseDocument, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { maxCorrectionsBytes } from '../../../limits.js';
import { checkInputFile } from '../../input-file.js';
import type { Category } from '../../../content/model.js';
import { InternalError, UserError } from '../../../errors.js';
import { createAnswerMatcher } from '../../answers.js';

export const correctionsFileName = 'rettelser.yaml';

export interface CorrectionEntry {
  sheet: string;
  statement: number;
  /** What was written: a label, points, "-" for not answered, or nothing yet. */
  answer: unknown;
  /** The entry's line in the file. */
  line?: number;
}

/** Answers by sheet, then statement: a category index, or null for "not answered". */
export type Corrections = Map<string, Map<number, number | null>>;

/** The entries of the file as written (empty when there is no file). */
export function readCorrectionEntries(file: string): CorrectionEntry[] {
  if (!existsSync(file)) return [];
  // The guards of any file read (a pipe, a device, a link out of the folder, its size).
  checkInputFile(file, dirname(file), { maxBytes: maxCorrectionsBytes, name: 'a corrections file' });
  let data: unknown;
  const lineCounter = new LineCounter();
  let lines: (number | undefined)[] = [];
  try {
    const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter });
    if (doc.errors.length > 0) throw doc.errors[0];
    data = doc.toJS();
    if (isSeq(doc.contents))
      lines = doc.contents.items.map((item) => {
        const at = (item as { range?: readonly number[] }).range?.[0];
        return at === undefined ? undefined : lineCounter.linePos(at).line;
      });
  } catch (error) {
    throw new UserError({
      file,
      message: `is not valid YAML (${errorText(error)})`,
    });
  }
  if (data === null || data === undefined) return [];
  if (!Array.isArray(data))
    throw new UserError({ file, message: 'must be a list of entries (sheet, statement, answer)' });
  return data.map((entry, i) => {
    const e = entry as Record<string, unknown> | null;
    const sheet = e?.sheet;
    const statement = e?.statement;
    if (
      typeof e !== 'object' ||
      e === null ||
      (typeof sheet !== 'string' && typeof sheet !== 'number') ||
      typeof statement !== 'number'
    ) {
      throw new UserError({
        file,
        line: lines[i],
        field: `entry ${i + 1}`,
        message: 'needs sheet, statement and answer',
        kind: 'correctionEntry',
      });
    }
    return { sheet: String(sheet), statement, answer: e.answer, line: lines[i] };
  });
}

/**
 * The entries that have an answer, checked against the scale and the test's statements
 * (1…statements): a correction that could apply to no statement is an error, not ignored.
 * One for a sheet the scans do not hold is the caller's to notice (the scan may have been removed).
 */
export function readCorrections(file: string, scale: readonly Category[], statements = Infinity): Corrections {
  const matcher = createAnswerMatcher(scale);
  const corrections: Corrections = new Map();
  readCorrectionEntries(file).forEach((entry, i) => {
    const at = { file, line: entry.line, field: `entry ${i + 1}` };
    if (!Number.isInteger(entry.statement) || entry.statement < 1 || entry.statement > statements)
      throw new UserError({
        ...at,
        message: `statement ${entry.statement} is not a statement of the test (1 to ${statements})`,
        kind: 'correctionStatement',
        values: { statement: String(entry.statement), count: String(statements) },
      });
    if (entry.answer === null || entry.answer === undefined || entry.answer === '') return; // not answered yet
    let category: number | null;
    if (entry.answer === '-') category = null;
    else {
      const match = matcher.match(entry.answer);
      if (!match.ok)
        throw new UserError({
          file,
          line: entry.line,
          field: `entry ${i + 1} (sheet ${excerpt(entry.sheet)}, statement ${entry.statement})`,
          message: `${match.reason}; or - for not answered`,
          kind: 'correctionAnswer',
          values: { answer: excerpt(String(entry.answer)), categories: scale.map((c) => c.label).join(', ') },
        });
      category = match.category;
    }
    const bySheet = corrections.get(entry.sheet) ?? new Map<number, number | null>();
    bySheet.set(entry.statement, category);
    corrections.set(entry.sheet, bySheet);
  });
  return corrections;
}

/** A new entry; its sheet in quotes, as a sheet is a name ("007" is not 7). */
function entryNode(doc: Document, sheet: string, statement: number, answer: string | null) {
  const entry = doc.createNode({ sheet, statement, answer });
  (entry.items[0].value as Scalar).type = 'QUOTE_DOUBLE';
  return entry;
}

/** A decision to write into the file: the answer of one row (a label, or "-" for not answered). */
export interface CorrectionDecision {
  sheet: string;
  statement: number;
  answer: string;
}

/**
 * The file's new text: the file as the person left it — entries, comments and the way each
 * value is written (`.inf` stays `.inf`) — with a decision set on its row's entry (or added),
 * then the rows not yet in it, each with its reason as a comment. A new file starts with
 * `comment`. The yaml Document keeps what is not changed; the text is read back before it is
 * returned, so that nothing the person wrote can come back meaning something else.
 */
export function correctionsText(
  comment: readonly string[],
  file: string,
  rows: { sheet: string; statement: number; note: string }[],
  decision?: CorrectionDecision,
): string {
  const earlier = readCorrectionEntries(file); // the file's checks, and its entries in order
  const source = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const doc: Document = parseDocument(source);
  // An empty file, or one of comments only: a list to add to, under the person's comment if any.
  if (!isSeq(doc.contents)) doc.contents = doc.createNode([]);
  if (!source.trim()) doc.commentBefore = comment.map((c) => ` ${c}`).join('\n');
  const items = (doc.contents as YAMLSeq).items;
  const key = (sheet: string, statement: number) => `${sheet}\u0000${statement}`;
  const known = new Map(earlier.map((e, i) => [key(e.sheet, e.statement), i]));
  if (decision) {
    const at = known.get(key(decision.sheet, decision.statement));
    if (at !== undefined) (items[at] as YAMLMap).set('answer', decision.answer);
    else {
      items.push(entryNode(doc, decision.sheet, decision.statement, decision.answer));
      known.set(key(decision.sheet, decision.statement), items.length - 1);
    }
  }
  for (const row of rows) {
    if (known.has(key(row.sheet, row.statement))) continue;
    const entry = entryNode(doc, row.sheet, row.statement, null);
    (entry.items[0].value as Scalar).comment = ` ${row.note}`;
    items.push(entry);
  }
  const text = doc.toString({ nullStr: '' });
  if (!isDeepStrictEqual(parseDocument(text).toJS() ?? [], doc.toJS() ?? []))
    throw new InternalError(`${correctionsFileName}: the rewritten file would read back differently`);
  return text;
}
