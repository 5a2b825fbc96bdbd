// What a responses file means once read: answer sheets per group, answers as
// category indexes (0-based, in the content's scale order) so the tally never
// has to know about labels, aliases or points spellings.
import type { Group } from '../content/model.js';
import type { FlaggedRow } from './readers/scan/read-scans.js';

/** One answer sheet. `id` only helps trace typos back to a paper sheet; it never reaches a poster. */
export interface Respondent {
  id?: string;
  /** One entry per statement, in statement order: a category index, or null for not answered. */
  answers: (number | null)[];
}

export interface Responses {
  leader: Respondent[];
  employee: Respondent[];
  /** Rows of scanned paper tests that need a look (counted as unanswered until corrected). */
  flagged?: FlaggedRow[];
}

/** Each group's answer sheets alone, as the tally takes them. */
export function answerSheets(responses: Responses): Record<Group, (number | null)[][]> {
  return { leader: responses.leader.map((r) => r.answers), employee: responses.employee.map((r) => r.answers) };
}
