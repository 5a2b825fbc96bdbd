// The corrections file beside the scans (rettelser.yaml): one entry per row the scan could
// not read for sure, which the facilitator answers after looking at the review sheet. The
// next reading applies every entry that has an answer; an entry may also overrule a row
// that was read (a misread seen on the poster).
import { errorText } from '../../../text.js';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Category } from '../../../content/model.js';
import { UserError } from '../../../errors.js';
import { createAnswerMatcher } from '../../answers.js';

export const correctionsFileName = 'rettelser.yaml';

export interface CorrectionEntry {
  sheet: string;
  statement: number;
  /** What was written: a label, points, "-" for not answered, or nothing yet. */
  answer: unknown;
}

/** Answers by sheet, then statement: a category index, or null for "not answered". */
export type Corrections = Map<string, Map<number, number | null>>;

/** The entries of the file as written (empty when there is no file). */
export function readCorrectionEntries(file: string): CorrectionEntry[] {
  if (!existsSync(file)) return [];
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
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
      throw new UserError({ file, field: `entry ${i + 1}`, message: 'needs sheet, statement and answer' });
    }
    return { sheet: String(sheet), statement, answer: e.answer };
  });
}

/** The entries that have an answer, checked against the scale. */
export function readCorrections(file: string, scale: readonly Category[]): Corrections {
  const matcher = createAnswerMatcher(scale);
  const corrections: Corrections = new Map();
  readCorrectionEntries(file).forEach((entry, i) => {
    if (entry.answer === null || entry.answer === undefined || entry.answer === '') return; // not answered yet
    let category: number | null;
    if (entry.answer === '-') category = null;
    else {
      const match = matcher.match(entry.answer);
      if (!match.ok)
        throw new UserError({
          file,
          field: `entry ${i + 1} (sheet ${entry.sheet}, statement ${entry.statement})`,
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
