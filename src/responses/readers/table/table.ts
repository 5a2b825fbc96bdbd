// Survey exports as tables: a header row, then one row per respondent. Every table
// format (CSV, xlsx) feeds its rows here one at a time: each row is matched, checked and
// kept as a respondent, and its cells are dropped.
//
// Which group a row belongs to is known either from how the file was given
// (--leaders/--employees) or from a role column: a column whose non-empty values are all
// leder/medarbejder (or their plurals, or English). Since that can only be known after the
// last row, every column that could still be the role column keeps a list per group (of
// the same respondents), and a column drops out (with its lists) at its first other value.
import { excerpt, quoteLength } from '../../../text.js';
import { groupWords, onlyGroup, otherGroup, roleWords, type Group } from '../../../content/groups.js';
import type { Scoring } from '../../../content/model.js';
import { maxReportedProblems, UserError, type Problem } from '../../../errors.js';
import { createAnswerMatcher, normalizeLabel, type AnswerMatch } from '../../answers.js';
import { headerKey, planColumns, type HeaderMatcher, type StatementTexts } from './columns.js';
import type { Notice, Respondent, Responses } from '../../types.js';

/** A cell as a parser gives it. */
export type Cell = string | number | boolean | Date | null | undefined;

/** What reading a table needs of the content: the scale, and each statement's texts. */
export interface TableContent {
  scoring: Pick<Scoring, 'scale'>;
  numbered: readonly StatementTexts[];
}

interface TableOptions {
  /** The file, as named in messages. */
  file: string;
  /** The group the whole file was given for (--leaders/--employees); without it, a role column decides. */
  group?: Group;
  /** Put before every row location, e.g. `sheet "Ark2", ` (a spreadsheet tab), when the file has several tables. */
  where?: string;
  /** Index of the first column in spreadsheet terms (0 = A); for column letters in messages. */
  firstColumn?: number;
  notice?: Notice;
  /** A header matcher built once for the content (several candidate tables may be tried). */
  matcher?: HeaderMatcher;
}

export interface TableReader {
  /** Feeds one row, in order; the first row with anything in it is the header. */
  row(cells: readonly Cell[], rowNumber: number): void;
  /** Checks what can only be checked at the end, throws every problem found, or returns each group's respondents. */
  finish(): Responses;
}

/** A column that may be the role column, while all its values so far are roles. */
interface RoleCandidate {
  column: number;
  counts: Record<Group, number>;
  emptyRows: number[];
  emptyCount: number;
  respondents?: Responses;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The group a name stands for ("Ledere", "medarbejdere", "Employees" …), e.g. a spreadsheet tab's name. */
export function groupNamed(name: string): Group | undefined {
  return roleWords[normalizeLabel(name)];
}

export function createTableReader(content: TableContent, options: TableOptions): TableReader {
  const { file, group } = options;
  const where = options.where ?? '';
  const firstColumn = options.firstColumn ?? 0;
  const matcher = createAnswerMatcher(content.scoring.scale);
  const statementCount = content.numbered.length;

  const problems: Problem[] = [];
  let moreProblems = 0;
  const report = (problem: Problem) => {
    if (problems.length < maxReportedProblems) problems.push(problem);
    else moreProblems++;
  };

  let headers: string[] | undefined;
  let statementColumns: number[] = [];
  let otherColumns: number[] = [];
  let candidates: RoleCandidate[] = [];
  const unnamedWithValues = new Set<number>();
  let unnamed: number[] = [];
  let rowsRead = 0;
  const all: Respondent[] = [];
  const none = (): Responses => ({ leader: [], employee: [] });

  const unanswered: AnswerMatch = { ok: true, category: null };
  function matchCell(value: Cell): AnswerMatch {
    if (value === null || value === undefined || value === '') return unanswered;
    if (typeof value === 'string') {
      const result = matcher.match(value); // remembers each spelling
      return !result.ok && value.trim() === '' ? unanswered : result;
    }
    if (value instanceof Date) return { ok: false, reason: `a date is not an answer (${matcher.validAnswers})` };
    return matcher.match(value);
  }

  // Role cells repeat a few spellings too.
  const roles = new Map<string, Group | undefined>();
  function roleOf(value: string): Group | undefined {
    if (roles.has(value)) return roles.get(value);
    const role = roleWords[normalizeLabel(value)];
    if (roles.size < 10_000) roles.set(value, role);
    return role;
  }

  const columnLetter = (column: number) => letters(firstColumn + column);
  const describeColumn = (column: number) => {
    const header = headers?.[column] ?? '';
    return header.trim() === '' ? `column ${columnLetter(column)}` : `column "${shownHeader(header, 60)}"`;
  };
  // Locations go first in the message ("svar.csv: row 14, column "Spørgsmål 7": …"); the
  // Problem's field is for paths in YAML/JSON, formatted after the file without a colon.
  const at = (rowNumber: number, column: number) => `${where}row ${rowNumber}, ${describeColumn(column)}`;
  const located = (location: string, message: string): Problem => ({ file, message: `${location}: ${message}` });

  function readHeader(cells: readonly Cell[]): void {
    headers = cells.map(headerText);
    const plan = planColumns(headers, content.numbered, {
      group,
      matcher: options.matcher,
      describe: describeColumn,
      letter: columnLetter,
    });
    statementColumns = plan.columns;
    otherColumns = plan.others;
    unnamed = otherColumns.filter((c) => headers![c].trim() === '');
    if (plan.problems.length > 0 && plan.columns.every((c) => c < 0) && looksLikeData(headers)) {
      // The first row holds answers or personal details, not headers: name none of them.
      throw new UserError({
        file,
        message: `${where}has no header row: the first row holds values (answers, names or e-mail addresses), not the statements' texts or numbers; add a header row (see the README)`,
      });
    }
    if (plan.problems.some((p) => p.missing) && namesCategories(headers, content.scoring.scale)) {
      // A column per box, crossed as on paper: the layout, not a statement, is what is wrong.
      throw new UserError({
        file,
        kind: 'onePerBox',
        message:
          `${where}has a column per answer box (headers name the categories), not one per statement: ` +
          'give each statement one column and write the answer in its cell (the typing template of mus app is made so)',
      });
    }
    if (plan.problems.length > 0) {
      notifyIgnored(otherColumns);
      throw new UserError(
        plan.problems.map((p) => ({
          file,
          message:
            p.column === undefined ? `${where}${p.message}` : `${where}${describeColumn(p.column)}: ${p.message}`,
        })),
      );
    }
    candidates = otherColumns.map((column) => ({
      column,
      counts: { leader: 0, employee: 0 },
      emptyRows: [],
      emptyCount: 0,
      ...(group === undefined ? { respondents: none() } : {}),
    }));
  }

  /** Whether header cells look like a data row: an e-mail address, a CPR-like number, or several answers. */
  function looksLikeData(cells: readonly string[]): boolean {
    const email = /[^\s@]+@[^\s@]+\.[^\s@]+/;
    const idNumber = /\b\d{6}-?\d{4}\b/;
    if (cells.some((c) => email.test(c) || idNumber.test(c))) return true;
    const answers = cells.filter((c) => c.trim() !== '' && matcher.match(c).ok).length;
    return answers >= 2;
  }

  function row(cells: readonly Cell[], rowNumber: number): void {
    if (cells.every(isEmpty)) return;
    if (headers === undefined) {
      readHeader(cells);
      return;
    }
    rowsRead++;
    for (let c = headers.length; c < cells.length; c++) {
      if (!isEmpty(cells[c])) {
        report(
          located(
            `${where}row ${rowNumber}`,
            `has a value in column ${columnLetter(c)}, right of the last header; is a separator missing or extra?`,
          ),
        );
        break;
      }
    }
    const answers = new Array<number | null>(statementCount);
    const respondent: Respondent = { answers };
    for (let s = 0; s < statementCount; s++) {
      const column = statementColumns[s];
      const result = matchCell(cells[column]);
      if (result.ok) answers[s] = result.category;
      else {
        answers[s] = null;
        report(located(at(rowNumber, column), result.reason));
      }
    }
    for (const column of unnamed) if (!isEmpty(cells[column])) unnamedWithValues.add(column);

    let dropped = false;
    for (const candidate of candidates) {
      const value = cells[candidate.column];
      if (isEmpty(value)) {
        candidate.emptyCount++;
        if (candidate.emptyRows.length < maxReportedProblems) candidate.emptyRows.push(rowNumber);
        continue;
      }
      const role = typeof value === 'string' ? roleOf(value) : undefined;
      if (role === undefined) {
        candidate.column = -1; // not a role column: dropped below, with its lists
        dropped = true;
        continue;
      }
      candidate.counts[role]++;
      candidate.respondents?.[role].push(respondent);
    }
    if (dropped) candidates = candidates.filter((c) => c.column !== -1);
    if (group !== undefined) all.push(respondent);
  }

  function finish(): Responses {
    if (headers === undefined)
      throw new UserError({ file, message: `${where}has no header row (the file holds no data)` });
    if (rowsRead === 0)
      options.notice?.({
        file,
        message: `${where}no answers in it (only a header row)`,
        kind: 'headerOnly',
        values: { where },
      });
    const roleColumns = candidates.filter((c) => c.counts.leader + c.counts.employee > 0);
    notifyIgnored(otherColumns.filter((c) => !roleColumns.some((r) => r.column === c)));

    let result: Responses;
    if (group !== undefined) {
      const other = otherGroup(group);
      const mixed = roleColumns.find((c) => c.counts[other] > 0);
      if (mixed) {
        const holds =
          mixed.counts[group] > 0 ? "both leaders' and employees' answers" : `${groupWords[other].possessive} answers`;
        report(
          located(
            `${where}${describeColumn(mixed.column)}`,
            `holds ${holds}, but was given as ${groupWords[group].flag}; ` +
              `give it as the responses file (mus tally FILE, mus build --responses FILE)`,
          ),
        );
      }
      result = onlyGroup(group, all);
    } else if (rowsRead === 0) {
      result = none(); // header only: no respondents yet
    } else if (roleColumns.length === 0) {
      throw new UserError({
        file,
        message:
          `has no role column (a column saying leder or medarbejder in every row), so whose answers these are ` +
          `is not known; give the file as --leaders ${file} or --employees ${file}, or add a role question to the survey`,
      });
    } else if (roleColumns.length > 1) {
      throw new UserError({
        file,
        message: `${roleColumns.map((c) => describeColumn(c.column)).join(' and ')} ${roleColumns.length === 2 ? 'both' : 'all'} say leder or medarbejder; keep one role column`,
      });
    } else {
      const role = roleColumns[0];
      for (const rowNumber of role.emptyRows) {
        report(located(at(rowNumber, role.column), 'is empty; write leder or medarbejder'));
      }
      moreProblems += role.emptyCount - role.emptyRows.length;
      result = role.respondents!;
    }
    if (problems.length + moreProblems > 0) {
      const list = [...problems];
      if (moreProblems > 0) list.push({ file, message: `… and ${plural(moreProblems, 'more problem')}` });
      throw new UserError(list);
    }
    return result;
  }

  let notified = false;
  function notifyIgnored(columns: number[]): void {
    if (notified || !options.notice) return;
    notified = true;
    const shown = columns.filter((c) => headers![c].trim() !== '' || unnamedWithValues.has(c));
    if (shown.length === 0) return;
    const max = 12;
    const names = shown.slice(0, max).map((c) => {
      const header = headers![c];
      return header.trim() === '' ? `(column ${columnLetter(c)})` : `"${shownHeader(header, quoteLength)}"`;
    });
    if (shown.length > max) names.push(`and ${shown.length - max} more`);
    options.notice({
      file,
      message: `${where}ignored ${plural(shown.length, 'column')} that ${shown.length === 1 ? 'is not a statement' : 'are not statements'}: ${names.join(', ')}`,
      kind: 'ignoredColumns',
      values: { where, count: String(shown.length), columns: names.join(', ') },
    });
  }

  return { row, finish };
}

function isEmpty(value: Cell): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function headerText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** A header as a message shows it: white space folded, escaped and cut. */
const shownHeader = (text: string, max: number) => excerpt(text.replace(/\s+/g, ' ').trim(), max);

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function letters(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Whether the headers name most of the scale's categories ("1 Aldrig", "Udsagn 1 [Altid]"): one column per box. */
function namesCategories(headers: readonly string[], scale: TableContent['scoring']['scale']): boolean {
  const keys = headers.map(headerKey);
  const named = scale.filter((category) => {
    const label = headerKey(category.label);
    return label !== '' && keys.some((key) => key.endsWith(label) || key.startsWith(label));
  });
  return named.length >= Math.min(3, scale.length);
}
