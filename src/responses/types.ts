// What a responses file means once read: respondents per group, answers as
// category indexes (0-based, in the content's scale order) so the tally never
// has to know about labels, aliases or points spellings.
import type { Group } from '../content/groups.js';
import type { NoticeLine } from '../errors.js';
import type { FlaggedRow } from './readers/scan/read-scans.js';
import type { ScanReport } from './readers/scan/report.js';

/** One respondent: one person's answers. `id` only helps trace typos back to a paper sheet; it never reaches a poster. */
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
  /** How scanned paper tests were read: pages, from three marks, photos, each reading's margin. */
  scans?: ScanReport;
}

/**
 * Receives a notice: a short message for the person (e.g. which columns were ignored); the CLI
 * prints them on stderr. A Problem (file '' when it is about no one file) is worded by the
 * content's problems.yaml when it has a kind (content/problems.ts); a string is shown as it is.
 */
export type Notice = (notice: NoticeLine) => void;
export type { NoticeLine } from '../errors.js';

/** How a responses file was given: for one group (--leaders/--employees) or both, and where notices go. */
export interface ReadOptions {
  /** The group the file was given for; without it, a table's role column or tab name decides. */
  group?: Group;
  notice?: Notice;
}

/** Each group's respondents' answers alone, as the tally takes them. */
export function answersByGroup(responses: Responses): Record<Group, (number | null)[][]> {
  return { leader: responses.leader.map((r) => r.answers), employee: responses.employee.map((r) => r.answers) };
}
