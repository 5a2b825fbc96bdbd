// The rules the numbers are shown by, wherever they are shown (the posters, `mus tally`):
// the anonymity threshold, how many dialogue starters, and how a mean or a difference is written.
import type { Group, Scoring } from '../content/model.js';

export interface AnonymityOptions {
  /** Show per-statement counts even for a group below the anonymity threshold. */
  allowSmallGroups?: boolean;
}

/** Leaders are exempt from the anonymity threshold: there are often only one or two. */
export function hidesStatementCounts(
  content: { scoring: Pick<Scoring, 'minGroupSize'> },
  group: Group,
  tally: { respondents: number },
  options: AnonymityOptions,
): boolean {
  return group === 'employee' && !options.allowSmallGroups && tally.respondents < content.scoring.minGroupSize;
}

/** The five largest differences are the dialogue starters (issue #17). */
export const dialogueStarters = 5;

/** Numbers as the content's language writes them: one decimal ("3,4" in Danish). */
export function formatMean(value: number, language: string): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** A difference with its sign: "+0,5", "−1,2" (a real minus sign), "0,0". */
export function formatDifference(value: number, language: string): string {
  const text = new Intl.NumberFormat(language, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(value);
  return text.replace('-', '−');
}
