import { InternalError } from '../errors.js';
// Leaders and employees side by side, as pure functions of the two groups' counts: each
// statement's mean on the points scale (1–5), the difference employees − leaders, the
// largest differences (the dialogue starters) and a theme's most-answered category.
// Only counts go in, so this knows nothing of how the answers were read.

/** What a mean needs of a statement's tally: answers per category, in scale order. */
interface StatementCounts {
  counts: readonly number[];
}

/** What a comparison needs of a group's tally. */
interface GroupCounts {
  respondents: number;
  statements: readonly StatementCounts[];
}

export interface StatementComparison {
  /** 1-based, test order. */
  statement: number;
  /** Mean points of the leaders who answered it; null when none did. */
  leader: number | null;
  employee: number | null;
  /** employees − leaders; null when either group has no answer to it. */
  difference: number | null;
}

/** Mean points of the answers to one statement; null when nobody answered it. */
export function statementMean(statement: StatementCounts, points: readonly number[]): number | null {
  let answered = 0;
  let sum = 0;
  statement.counts.forEach((count, c) => {
    answered += count;
    sum += count * points[c];
  });
  return answered === 0 ? null : sum / answered;
}

/** How many answered a statement (the unanswered left out). */
export const answeredCount = (statement: StatementCounts): number => statement.counts.reduce((a, b) => a + b, 0);

/** Whether both groups have respondents: only then is there anything to compare. */
export const bothAnswered = (leader: GroupCounts, employee: GroupCounts): boolean =>
  leader.respondents > 0 && employee.respondents > 0;

/** Statement by statement, in test order. */
export function compareGroups(
  leader: GroupCounts,
  employee: GroupCounts,
  points: readonly number[],
): StatementComparison[] {
  if (leader.statements.length !== employee.statements.length)
    throw new InternalError('the groups were tallied with different statements');
  return leader.statements.map((statement, i) => {
    const l = statementMean(statement, points);
    const e = statementMean(employee.statements[i], points);
    return { statement: i + 1, leader: l, employee: e, difference: l === null || e === null ? null : e - l };
  });
}

/**
 * Means are fractions with small denominators; two differences closer than this are the
 * same difference (3.4 − 2.8 and 4.6 − 4.0 must tie, though floating point disagrees).
 */
const sameDifference = 1e-9;

/**
 * The statements with the largest differences, largest first, by absolute size: employees
 * seeing it very differently from leaders in either direction. Ties keep test order, also
 * at the cut (the first in test order are taken). Statements without a difference never count.
 */
export function largestDifferences(comparison: readonly StatementComparison[], count = 5): StatementComparison[] {
  return comparison
    .filter((c): c is StatementComparison & { difference: number } => c.difference !== null)
    .sort((a, b) => {
      const bySize = Math.abs(b.difference) - Math.abs(a.difference);
      return Math.abs(bySize) > sameDifference ? bySize : a.statement - b.statement;
    })
    .slice(0, count);
}

/**
 * The category (0-based, scale order) most answered across some statements, e.g. a theme's;
 * all of them on a tie, none when nobody answered any of them.
 */
export function mostAnswered(statements: readonly StatementCounts[]): number[] {
  const totals: number[] = [];
  for (const s of statements) s.counts.forEach((count, c) => (totals[c] = (totals[c] ?? 0) + count));
  const most = Math.max(0, ...totals);
  return most === 0 ? [] : totals.flatMap((total, c) => (total === most ? [c] : []));
}
