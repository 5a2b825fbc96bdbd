// A problem or a notice as the one line the person reads: in the content's words
// (problems.yaml, loaded by problems.ts) when it has a text for its kind, else the code's
// English message. The CLI and the app both word their lines here.
import { formatProblem, type NoticeLine, type Problem } from '../errors.js';
import type { ProblemKind } from '../problem-kinds.js';
import { fillPlaceholders } from '../text.js';

export type ProblemTexts = Partial<Record<ProblemKind, string>>;

/** A problem as one line, in the content's words when it has a text for its kind. */
export function problemLine(problem: Problem, texts: ProblemTexts): string {
  const text = problem.kind && texts[problem.kind];
  const worded = text
    ? { ...problem, message: fillPlaceholders(text, { file: problem.file, ...problem.values }) }
    : problem;
  if (!problem.skipped || !texts.skipped) return formatProblem(worded);
  return fillPlaceholders(texts.skipped, { problem: formatProblem({ ...worded, skipped: false }) });
}

/** A notice as one line: a problem worded as problemLine words it, a plain line as it is. */
export const noticeLine = (notice: NoticeLine, texts: ProblemTexts): string =>
  typeof notice === 'string' ? notice : problemLine(notice, texts);
