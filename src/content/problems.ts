// The problems a content words for the person (<content>/problems.yaml): one text per kind of
// problem, with its placeholders ({{file}} and the problem's own values), saying what is wrong
// and what to do. The code's message is the English text, used where the content has none;
// the CLI and the app both print a problem through here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { formatProblem, type Problem, type ProblemKind, UserError } from '../errors.js';
import { fillPlaceholders } from '../text.js';

export const problemsFile = 'problems.yaml';

const kinds: readonly ProblemKind[] = ['printedToPdf', 'onePerBox', 'workshopFile', 'photoMarks'];
const schema = z.object(Object.fromEntries(kinds.map((k) => [k, z.string().trim().min(1).optional()]))).strict();

export type ProblemTexts = Partial<Record<ProblemKind, string>>;

/** The content's problem texts; none when the content has no problems.yaml. */
export function loadProblemTexts(contentDir: string): ProblemTexts {
  const file = join(contentDir, problemsFile);
  if (!existsSync(file)) return {};
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError({ file, message: `is not valid YAML (${(error as Error).message.split('\n')[0]})` });
  }
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success)
    throw new UserError(parsed.error.issues.map((i) => ({ file, field: i.path.join('.'), message: i.message })));
  return parsed.data as ProblemTexts;
}

/** A problem as one line, in the content's words when it has a text for its kind. */
export function problemLine(problem: Problem, texts: ProblemTexts): string {
  const text = problem.kind && texts[problem.kind];
  if (!text) return formatProblem(problem);
  return formatProblem({ ...problem, message: fillPlaceholders(text, { file: problem.file, ...problem.values }) });
}
