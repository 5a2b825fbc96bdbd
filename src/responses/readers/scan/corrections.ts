// The corrections file beside the scans (rettelser.yaml): one entry per row the scan could
// not read for sure, which the facilitator answers after looking at the review sheet. The
// next reading applies every entry that has an answer; an entry may also overrule a row
// that was read (a misread seen on the poster).
import { errorText, excerpt } from '../../../text.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isSeq, LineCounter, parseDocument } from 'yaml';
import { maxCorrectionsBytes } from '../../../limits.js';
import { checkInputFile } from '../../input-file.js';
import type { Category } from '../../../content/model.js';
import { UserError } from '../../../errors.js';
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
        });
      category = match.category;
    }
    const bySheet = corrections.get(entry.sheet) ?? new Map<number, number | null>();
    bySheet.set(entry.statement, category);
    corrections.set(entry.sheet, bySheet);
  });
  return corrections;
}

const quote = (text: string) => JSON.stringify(text);

/** The file's text: the earlier entries as they were, then the rows not yet in it. */
export function correctionsText(
  comment: readonly string[],
  earlier: CorrectionEntry[],
  rows: { sheet: string; statement: number; note: string }[],
): string {
  const known = new Set(earlier.map((e) => `${e.sheet}\u0000${e.statement}`));
  const lines = comment.map((c) => `# ${c}`);
  for (const e of earlier) {
    const answer =
      e.answer === null || e.answer === undefined
        ? ''
        : ` ${typeof e.answer === 'string' ? quote(e.answer) : String(e.answer)}`;
    lines.push(`- sheet: ${quote(e.sheet)}`, `  statement: ${e.statement}`, `  answer:${answer}`);
  }
  for (const row of rows) {
    if (known.has(`${row.sheet}\u0000${row.statement}`)) continue;
    lines.push(`- sheet: ${quote(row.sheet)}  # ${row.note}`, `  statement: ${row.statement}`, '  answer:');
  }
  return `${lines.join('\n')}\n`;
}
