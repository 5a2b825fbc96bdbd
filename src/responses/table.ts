// Survey exports as tables: a header row, then one row per answer sheet. Every table
// format (CSV, xlsx) feeds its rows here one at a time, so a large CSV is read with
// flat memory: each row is matched, checked and handed to a sink (a tally or a list of
// respondents) and then dropped.
//
// Which group a row belongs to is known either from how the file was given
// (--leaders/--employees) or from a role column: a column whose non-empty values are all
// leder/medarbejder (or their plurals, or English). Since that can only be known after the
// last row, every column that could still be the role column keeps a sink per group, and
// a column drops out (with its sinks) at its first other value.
import type { Group, Scoring } from '../content/model.js';
import { maxReportedProblems, UserError, type Problem } from '../errors.js';
import { createAnswerMatcher, normalizeLabel, type AnswerMatch } from './answers.js';
import { planColumns, type HeaderMatcher, type StatementTexts } from './columns.js';

/** A cell as a parser gives it. */
export type Cell = string | number | boolean | Date | null | undefined;

/** What reading a table needs of the content: the scale, and each statement's texts. */
export interface TableContent {
  scoring: Pick<Scoring, 'scale'>;
  numbered: readonly StatementTexts[];
}

/** Receives short messages for the person (e.g. which columns were ignored); the CLI prints them on stderr. */
export type Notices = (message: string) => void;

export interface TableOptions {
  /** The file, as named in messages. */
  file: string;
  /** The group the whole file was given for (--leaders/--employees); without it, a role column decides. */
  group?: Group;
  /** Put before every row location, e.g. `sheet "Ark2", `, when the file has several tables. */
  where?: string;
  /** Index of the first column in spreadsheet terms (0 = A); for column letters in messages. */
  firstColumn?: number;
  notices?: Notices;
  /** A header matcher built once for the content (several candidate tables may be tried). */
  matcher?: HeaderMatcher;
}

/** Where the answer sheets of one group go. */
export interface GroupSink {
  /** One answer sheet: a category index or null per statement. The array is not reused. */
  add(answers: (number | null)[]): void;
}

export interface TableReader<S extends GroupSink> {
  /** Feeds one row, in order; the first row with anything in it is the header. */
  row(cells: readonly Cell[], rowNumber: number): void;
  /** Answer sheets so far (not counting the header and empty rows). */
  readonly sheets: number;
  /** Checks what can only be checked at the end, throws every problem found, or returns each group's sink. */
  finish(): Record<Group, S>;
  /** What the rows so far found, with each sink turned into plain data by `convert` (e.g. to send it to another thread). */
  part<T>(convert: (sink: S) => T): TablePart<T>;
  /**
   * Takes in the part another reader found in the rows after this reader's rows of the same
   * table, its sinks added to this reader's by `merge`; finish() then covers both. A part's
   * row numbers are its own, so a part with problems cannot be taken in, and a part's empty
   * role cells count but are not listed: to report problems exactly, read the table in one piece.
   */
  absorb<T>(part: TablePart<T>, merge: (into: S, from: T) => void): void;
}

/** What a table reader found in some rows of a table, without where: see TableReader.part. */
export interface TablePart<T> {
  headers: readonly string[];
  sheets: number;
  /** Problems found in the rows. */
  problems: number;
  /** Columns without a header that hold a value in some row. */
  unnamedWithValues: number[];
  /** The columns that may still be the role column. */
  candidates: { column: number; counts: Record<Group, number>; emptyCount: number; sinks?: Record<Group, T> }[];
  /** Every sheet, when the file was given for one group. */
  all: T;
}

const roleWords: Readonly<Record<string, Group>> = {
  leder: 'leader',
  ledere: 'leader',
  leader: 'leader',
  leaders: 'leader',
  medarbejder: 'employee',
  medarbejdere: 'employee',
  employee: 'employee',
  employees: 'employee',
};

/** A column that may be the role column, while all its values so far are roles. */
interface RoleCandidate<S> {
  column: number;
  counts: Record<Group, number>;
  emptyRows: number[];
  emptyCount: number;
  sinks?: Record<Group, S>;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const groupWords: Record<Group, { flag: string; answers: string }> = {
  leader: { flag: '--leaders', answers: "leaders' answers" },
  employee: { flag: '--employees', answers: "employees' answers" },
};

export function createTableReader<S extends GroupSink>(
  content: TableContent,
  options: TableOptions,
  newSink: () => S,
): TableReader<S> {
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
  let candidates: RoleCandidate<S>[] = [];
  const unnamedWithValues = new Set<number>();
  let unnamed: number[] = [];
  let sheets = 0;
  const all = newSink();

  // Answer cells repeat a handful of spellings; match each spelling once.
  const cache = new Map<string, AnswerMatch>();
  const unanswered: AnswerMatch = { ok: true, category: null };
  function matchCell(value: Cell): AnswerMatch {
    if (value === null || value === undefined) return unanswered;
    if (typeof value === 'string') {
      let result = cache.get(value);
      if (result === undefined) {
        result = value.trim() === '' ? unanswered : matcher.match(value);
        if (cache.size < 10_000) cache.set(value, result);
      }
      return result;
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
    return header.trim() === '' ? `column ${columnLetter(column)}` : `column "${shorten(header, 60)}"`;
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
    });
    statementColumns = plan.columns;
    otherColumns = plan.others;
    unnamed = otherColumns.filter((c) => headers![c].trim() === '');
    if (plan.problems.length > 0) {
      notifyIgnored(otherColumns);
      throw new UserError(
        plan.problems.map((p) => ({
          file,
          message: p.column === undefined ? `${where}${p.message}` : `${where}${describeColumn(p.column)}: ${p.message}`,
        })),
      );
    }
    candidates = otherColumns.map((column) => ({
      column,
      counts: { leader: 0, employee: 0 },
      emptyRows: [],
      emptyCount: 0,
      ...(group === undefined ? { sinks: { leader: newSink(), employee: newSink() } } : {}),
    }));
  }

  function row(cells: readonly Cell[], rowNumber: number): void {
    if (cells.every(isEmpty)) return;
    if (headers === undefined) {
      readHeader(cells);
      return;
    }
    sheets++;
    for (let c = headers.length; c < cells.length; c++) {
      if (!isEmpty(cells[c])) {
        report(located(`${where}row ${rowNumber}`, `has a value in column ${columnLetter(c)}, right of the last header; is a separator missing or extra?`));
        break;
      }
    }
    const answers = new Array<number | null>(statementCount);
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
        candidate.column = -1; // not a role column: dropped below, with its sinks
        dropped = true;
        continue;
      }
      candidate.counts[role]++;
      candidate.sinks?.[role].add(answers);
    }
    if (dropped) candidates = candidates.filter((c) => c.column !== -1);
    if (group !== undefined) all.add(answers);
  }

  function finish(): Record<Group, S> {
    if (headers === undefined) throw new UserError({ file, message: `${where}has no header row (the file holds no data)` });
    const roleColumns = candidates.filter((c) => c.counts.leader + c.counts.employee > 0);
    notifyIgnored(otherColumns.filter((c) => !roleColumns.some((r) => r.column === c)));

    let result: Record<Group, S>;
    if (group !== undefined) {
      const other: Group = group === 'leader' ? 'employee' : 'leader';
      const mixed = roleColumns.find((c) => c.counts[other] > 0);
      if (mixed) {
        const holds = mixed.counts[group] > 0 ? "both leaders' and employees' answers" : groupWords[other].answers;
        report(
          located(
            `${where}${describeColumn(mixed.column)}`,
            `holds ${holds}, but was given as ${groupWords[group].flag}; ` +
              `give it as the responses file (mus tally FILE, mus build --responses FILE)`,
          ),
        );
      }
      result = group === 'leader' ? { leader: all, employee: newSink() } : { leader: newSink(), employee: all };
    } else if (sheets === 0) {
      result = { leader: newSink(), employee: newSink() }; // header only: no answer sheets yet
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
      result = role.sinks!;
    }
    if (problems.length + moreProblems > 0) { // after absorb(), some may be counted only
      const list = [...problems];
      if (moreProblems > 0) list.push({ file, message: `… and ${plural(moreProblems, 'more problem')}` });
      throw new UserError(list);
    }
    return result;
  }

  function part<T>(convert: (sink: S) => T): TablePart<T> {
    if (headers === undefined) throw new Error('internal: a part of a table without its header');
    return {
      headers,
      sheets,
      problems: problems.length + moreProblems,
      unnamedWithValues: [...unnamedWithValues],
      candidates: candidates.map((c) => ({
        column: c.column,
        counts: { ...c.counts },
        emptyCount: c.emptyCount,
        ...(c.sinks ? { sinks: { leader: convert(c.sinks.leader), employee: convert(c.sinks.employee) } } : {}),
      })),
      all: convert(all),
    };
  }

  function absorb<T>(other: TablePart<T>, merge: (into: S, from: T) => void): void {
    const sameTable = headers !== undefined && headers.length === other.headers.length && headers.every((h, i) => h === other.headers[i]);
    if (!sameTable || other.problems > 0) throw new Error('internal: taking in a part of another table, or one with problems');
    sheets += other.sheets;
    for (const column of other.unnamedWithValues) unnamedWithValues.add(column);
    // A column stays a possible role column only if it still is in both parts.
    candidates = candidates.filter((candidate) => {
      const same = other.candidates.find((c) => c.column === candidate.column);
      if (same === undefined) return false;
      candidate.counts.leader += same.counts.leader;
      candidate.counts.employee += same.counts.employee;
      candidate.emptyCount += same.emptyCount;
      if (candidate.sinks && same.sinks) {
        merge(candidate.sinks.leader, same.sinks.leader);
        merge(candidate.sinks.employee, same.sinks.employee);
      }
      return true;
    });
    merge(all, other.all);
  }

  let notified = false;
  function notifyIgnored(columns: number[]): void {
    if (notified || !options.notices) return;
    notified = true;
    const shown = columns.filter((c) => headers![c].trim() !== '' || unnamedWithValues.has(c));
    if (shown.length === 0) return;
    const max = 12;
    const names = shown.slice(0, max).map((c) => {
      const header = headers![c];
      return header.trim() === '' ? `(column ${columnLetter(c)})` : `"${shorten(header, 40)}"`;
    });
    if (shown.length > max) names.push(`and ${shown.length - max} more`);
    options.notices(`${file}: ${where}ignored ${plural(shown.length, 'column')} that ${shown.length === 1 ? 'is' : 'are'} not statements: ${names.join(', ')}`);
  }

  return {
    row,
    get sheets() {
      return sheets;
    },
    finish,
    part,
    absorb,
  };
}

function isEmpty(value: Cell): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function headerText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** A long header cut for messages, on one line. */
function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function letters(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A sink that keeps the answer sheets, for the Responses of a file. */
export function respondentList(): GroupSink & { respondents: { answers: (number | null)[] }[] } {
  const respondents: { answers: (number | null)[] }[] = [];
  return { respondents, add: (answers) => respondents.push({ answers }) };
}
