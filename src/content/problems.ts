// The problems a content words for the person (<content>/problems.yaml): one text per kind of
// problem or notice (the kinds and their placeholders: problem-kinds.ts), with {{file}} and
// the problem's own values, saying what is wrong and what to do. Loaded here; a line is
// worded by problem-lines.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { problemKinds, type ProblemKind } from '../problem-kinds.js';
import type { ProblemTexts } from './problem-lines.js';

export const problemsFile = 'problems.yaml';

const kinds = Object.keys(problemKinds) as ProblemKind[];
const schema = z.object(Object.fromEntries(kinds.map((k) => [k, z.string().trim().min(1).optional()]))).strict();

export type { ProblemTexts } from './problem-lines.js';
export { noticeLine, problemLine } from './problem-lines.js';

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
