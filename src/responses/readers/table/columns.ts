// Which column of a survey export is which statement. A header names statement n when,
// ignoring case, spacing and punctuation, it (or its row part after a question title:
// `Title.Row` from Microsoft Forms, `Title [Row]` from Google Forms) is
// - the text of statement n in the leader or the employee version of the content,
// - the number n alone or after a word like "Udsagn", "Spørgsmål", "Statement", "Q",
// - the number n followed by the text of statement n ("7. Jeg giver …").
// Every other column (ids, times, names, e-mails, comments) is not a statement.
import { groupWords, otherGroup, type Group } from '../../../content/groups.js';
import { excerpt } from '../../../text.js';

/** The two versions of one statement's text, as in content.numbered. */
export interface StatementTexts {
  leader: string;
  employee: string;
}

/** Letters and digits only, in lower case: what is left when case, spacing and punctuation are ignored. */
export function headerKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

// Words that may stand before a statement number, after the key has lost its spaces
// and punctuation ("Spørgsmål nr. 7" → "spørgsmålnr7"). A list, not "any word", so
// that a column like "Kommentar 2" stays a comment.
const numberWords = [
  'udsagn',
  'spørgsmål',
  'spørgsmal',
  'spm',
  'statement',
  'question',
  'item',
  'punkt',
  'påstand',
  'nr',
  'no',
  'q',
];
const numberPattern = new RegExp(`^(?:${numberWords.join('|')})*0*(\\d{1,4})$`, 'u');
const numberThenText = /^0*(\d{1,4})(\p{L}.*)$/u;

/** What one header (or one part of it) says about statements. */
interface HeaderReading {
  /** Statement number given by a number in the header (1-based, may be out of range). */
  number?: number;
  /** Statement number whose leader / employee text the header is. */
  text: Partial<Record<Group, number>>;
}

export interface HeaderMatcher {
  /** What a header names: a statement (1-based) per text version, or by number; undefined if nothing. */
  read(header: string): HeaderReading | undefined;
}

export function createHeaderMatcher(statements: readonly StatementTexts[]): HeaderMatcher {
  const byText: Record<Group, Map<string, number>> = { leader: new Map(), employee: new Map() };
  statements.forEach((statement, i) => {
    for (const version of ['leader', 'employee'] as const) {
      const key = headerKey(statement[version]);
      if (key !== '' && !byText[version].has(key)) byText[version].set(key, i + 1);
    }
  });

  function readPart(part: string): HeaderReading | undefined {
    const key = headerKey(part);
    if (key === '') return undefined;
    const text = textOf(key);
    if (text.leader !== undefined || text.employee !== undefined) return { text };
    const numbered = numberPattern.exec(key);
    if (numbered) return { number: Number(numbered[1]), text: {} };
    const withText = numberThenText.exec(key);
    if (withText) {
      const rest = textOf(withText[2]);
      if (rest.leader !== undefined || rest.employee !== undefined) return { number: Number(withText[1]), text: rest };
    }
    return undefined;
  }

  function textOf(key: string): Partial<Record<Group, number>> {
    const text: Partial<Record<Group, number>> = {};
    const leader = byText.leader.get(key);
    const employee = byText.employee.get(key);
    if (leader !== undefined) text.leader = leader;
    if (employee !== undefined) text.employee = employee;
    return text;
  }

  function read(header: string): HeaderReading | undefined {
    for (const part of headerParts(header)) {
      const reading = readPart(part);
      if (reading) return reading;
    }
    return undefined;
  }

  return { read };
}

/**
 * The header itself, then its possible row parts: Google's `Title [Row]`, then each
 * Microsoft `Title.Row` split (a dot with text right after it, not inside a number).
 */
function* headerParts(header: string): Generator<string> {
  yield header;
  const google = /^.*\S\s*\[([^[\]]+)\]\s*$/su.exec(header);
  if (google) yield google[1];
  for (let i = header.indexOf('.'); i !== -1; i = header.indexOf('.', i + 1)) {
    const before = header[i - 1];
    const after = header[i + 1];
    if (i === 0 || after === undefined || /\s/u.test(after) || after === '.') continue;
    if (/\d/u.test(before) && /\d/u.test(after)) continue; // "2.5" is a number, not Title.Row
    yield header.slice(i + 1);
  }
}

/** A header problem: where (the column) and what. */
interface ColumnProblem {
  column?: number;
  message: string;
  /** Statements without a column: a table of one X per box is told apart by its caller. */
  missing?: boolean;
}

interface ColumnPlan {
  /** For each statement (0-based), the index of its column; -1 where a problem was reported. */
  columns: number[];
  /** Columns that are not statements, in order. */
  others: number[];
  /** The text version the headers were read in. */
  version: Group;
  problems: ColumnProblem[];
}

/**
 * Assigns columns to statements. A header text that is one statement in the leader version
 * and another in the employee version (e.g. "Jeg er godt forberedt til MUS") is read in the
 * version most headers use; for a file given for one group, that group's version on a tie.
 */
export function planColumns(
  headers: readonly string[],
  statements: readonly StatementTexts[],
  options: {
    group?: Group;
    matcher?: HeaderMatcher;
    describe: (column: number) => string;
    letter?: (column: number) => string;
  },
): ColumnPlan {
  const matcher = options.matcher ?? createHeaderMatcher(statements);
  const readings = headers.map((header) => matcher.read(header));
  const score = (version: Group) => readings.filter((r) => r?.text[version] !== undefined).length;
  const preferred = options.group ?? 'leader';
  const other = otherGroup(preferred);
  const version = score(other) > score(preferred) ? other : preferred;
  const fallback = otherGroup(version);

  const problems: ColumnProblem[] = [];
  if (options.group !== undefined && version !== options.group) {
    // More headers are the other test's wording: the files were most likely given the wrong way round.
    return {
      columns: statements.map(() => -1),
      others: [],
      version,
      problems: [
        {
          message: `the headers are the ${groupWords[version].possessive} statements, but the file was given as ${groupWords[options.group].flag}; are --leaders and --employees swapped?`,
        },
      ],
    };
  }
  const count = statements.length;
  const found: number[][] = Array.from({ length: count }, () => []);
  const others: number[] = [];
  readings.forEach((reading, column) => {
    const byText = reading?.text[version] ?? reading?.text[fallback];
    if (reading?.number !== undefined && byText !== undefined && reading.number !== byText) {
      problems.push({
        column,
        message: `the number says statement ${reading.number}, but the text is statement ${byText}; correct one of them`,
      });
      return;
    }
    const n = reading?.number ?? byText;
    if (n === undefined || n < 1 || n > count) {
      others.push(column); // e.g. "Udsagn 21" in a test of 20 statements: listed in the notice
      return;
    }
    found[n - 1].push(column);
  });

  const columns = found.map((list) => (list.length === 1 ? list[0] : -1));
  found.forEach((list, i) => {
    if (list.length > 1) {
      // By their letters, as the spreadsheet shows them: "columns F and M are both …".
      const letters = options.letter ? `columns ${listNumbers(list.map(options.letter))}` : `${list.length} columns`;
      const texts = [...new Set(list.map((c) => headers[c].trim()))];
      const what =
        texts.length === 1
          ? `"${shortHeader(texts[0])}" (statement ${i + 1})`
          : `statement ${i + 1} (${texts.map((t) => `"${shortHeader(t)}"`).join(', ')})`;
      problems.push({ message: `${letters} are both ${what}; keep one` });
    }
  });
  const missing = found.flatMap((list, i) => (list.length === 0 ? [i + 1] : []));
  if (missing.length > 0) {
    const which = missing.length === 1 ? `statement ${missing[0]}` : `statements ${listNumbers(missing)}`;
    problems.push({
      missing: true,
      message:
        `no column for ${which} (a header is a statement's text, its number like "7", "Udsagn 7" or "Q7", ` +
        `or "7. " and the text, also after a question title as "Title.Row" or "Title [Row]")`,
    });
  }
  return { columns, others, version, problems };
}

/** A header as a message shows it: on one line, escaped and cut short. */
const shortHeader = (text: string): string => excerpt(text.replace(/\s+/g, ' '), 60);

/** "3", "3 and 7", "3, 7 and 12" (also for column letters). */
function listNumbers(numbers: readonly (number | string)[]): string {
  if (numbers.length <= 1) return numbers.join('');
  return `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}
