// The numbers on the result posters, as pure functions without I/O.
//
// It knows nothing of files or readers: its input is each respondent's answers, a category
// index (0-based, in the content's scale order) or null per statement.
import type { Group } from '../content/groups.js';
import type { Scoring } from '../content/model.js';
import { InternalError } from '../errors.js';

/** One respondent's answers: a category index or null (not answered) per statement, in statement order. */
export type Answers = readonly (number | null)[];

/** Each respondent's answers, per group. */
type GroupAnswers = Readonly<Record<Group, Iterable<Answers>>>;

interface BandCount {
  min: number;
  max: number;
  /** Complete respondents whose total lies in min..max. */
  count: number;
}

interface BandRange {
  min: number;
  max: number;
}

interface StatementTally {
  /** Answers per category, in scale order (Aldrig … Altid). */
  counts: number[];
  unanswered: number;
}

export interface GroupTally {
  /** Respondents in the group. */
  respondents: number;
  /** Respondents with every statement answered; only these count in `bands`. */
  complete: number;
  incomplete: number;
  /** One entry per band of the content, ascending. */
  bands: BandCount[];
  /** The band(s) with the most complete respondents: all of them on a tie, none without complete respondents. */
  tendency: BandRange[];
  /** One entry per statement, in statement order. */
  statements: StatementTally[];
}

/** Both groups' tallies. */
export type GroupTallies = Record<Group, GroupTally>;

interface GroupTallyAccumulator {
  /** Adds one respondent's answers: a category index (0-based, scale order) or null per statement. */
  add(answers: Answers): void;
  /** The tally of the respondents added so far (a snapshot; adding more later does not change it). */
  result(): GroupTally;
}

/** What the tally needs of the content's scoring: points per category, and the bands. */
type TallyScoring = Pick<Scoring, 'scale' | 'bands'>;

/** What tallying both groups needs of the content (Content itself fits). */
interface TallyContent {
  scoring: TallyScoring;
  numbered: readonly unknown[];
}

export function createGroupTally(scoring: TallyScoring, statementCount: number): GroupTallyAccumulator {
  const points = scoring.scale.map((category) => category.points);
  const categoryCount = points.length;
  const bands = [...scoring.bands].sort((a, b) => a.min - b.min);
  const bandCounts = new Array<number>(bands.length).fill(0);
  // Flat counts (statement × category) keep adding a respondent to a few array writes.
  const counts = new Array<number>(statementCount * categoryCount).fill(0);
  const unanswered = new Array<number>(statementCount).fill(0);
  let respondents = 0;
  let complete = 0;

  function add(answers: Answers): void {
    if (answers.length !== statementCount) {
      throw new InternalError(`a sheet has ${answers.length} answers, expected ${statementCount}`);
    }
    let total = 0;
    let answered = 0;
    for (let s = 0; s < statementCount; s++) {
      const category = answers[s];
      if (category === null) {
        unanswered[s]++;
        continue;
      }
      if (!Number.isInteger(category) || category < 0 || category >= categoryCount) {
        throw new InternalError(`answer ${category} to statement ${s + 1} is not a category index`);
      }
      counts[s * categoryCount + category]++;
      total += points[category];
      answered++;
    }
    respondents++;
    if (answered < statementCount) return; // incomplete respondents stay out of the bands
    complete++;
    const band = bands.findIndex((b) => b.min <= total && total <= b.max);
    if (band === -1) {
      // Content validation guarantees the bands cover every possible total.
      throw new InternalError(`total ${total} lies in no band of the content`);
    }
    bandCounts[band]++;
  }

  function result(): GroupTally {
    const most = Math.max(0, ...bandCounts);
    return {
      respondents,
      complete,
      incomplete: respondents - complete,
      bands: bands.map((b, i) => ({ min: b.min, max: b.max, count: bandCounts[i] })),
      tendency:
        most === 0 ? [] : bands.filter((_, i) => bandCounts[i] === most).map((b) => ({ min: b.min, max: b.max })),
      statements: unanswered.map((missing, s) => ({
        counts: counts.slice(s * categoryCount, (s + 1) * categoryCount),
        unanswered: missing,
      })),
    };
  }

  return { add, result };
}

/** Tallies one group's respondents. */
export function tallyGroup(respondents: Iterable<Answers>, scoring: TallyScoring, statementCount: number): GroupTally {
  const tally = createGroupTally(scoring, statementCount);
  for (const answers of respondents) tally.add(answers);
  return tally.result();
}

/** Tallies both groups; a group absent from the responses comes out with zero respondents. */
export function tallyResponses(answers: GroupAnswers, content: TallyContent): GroupTallies {
  const statementCount = content.numbered.length;
  return {
    leader: tallyGroup(answers.leader, content.scoring, statementCount),
    employee: tallyGroup(answers.employee, content.scoring, statementCount),
  };
}
