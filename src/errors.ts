import { isAbsolute, relative } from 'node:path';
import { excerpt, visible, visibleLines } from './text.js';
// Errors meant for the person running the tool: each names where the problem is
// (file, line, column, field) so it can be fixed without reading code.

export interface Problem {
  file: string;
  line?: number;
  column?: number;
  /** Path of the offending field, e.g. "bands[2].max" or a column header. */
  field?: string;
  message: string;
  /** The kind of problem, when the content's catalogue (problems.yaml) words it for the person. */
  kind?: ProblemKind;
  /** The values its catalogue text is filled with. */
  values?: Record<string, string>;
}

/** The problems a content's problems.yaml may word (content/problems.ts). */
export type ProblemKind = 'printedToPdf' | 'onePerBox' | 'workshopFile' | 'photoMarks';

/** Longest field path a message shows (a path holds keys from the file, which may be anyone's text). */
const fieldLength = 80;

/**
 * Formats a problem as one line: `file:line:column field: message`. File names and field
 * paths come from the input (a returned test's name is the participant's choice), so their
 * control characters are escaped and a path is cut; a message quotes input only through
 * `excerpt`, and is escaped here as well, so that a problem is always one visible line.
 */
export function formatProblem(p: Problem): string {
  let where = visible(p.file);
  if (p.line !== undefined) where += `:${p.line}`;
  if (p.line !== undefined && p.column !== undefined) where += `:${p.column}`;
  return `${where}${p.field ? ` ${excerpt(p.field, fieldLength)}` : ''}: ${visible(p.message)}`;
}

/** A path as the user should see it: relative to the working directory when inside it. */
export function displayPath(path: string): string {
  const relativePath = relative(process.cwd(), path);
  return relativePath && !relativePath.startsWith('..') && !isAbsolute(relativePath) ? relativePath : path;
}

/** The code of a file-system error (ENOENT, EACCES, …), or undefined for any other error. */
export const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;

/**
 * Whether an error is a structure the file built to exhaust the reader (a loop in a PDF's
 * page or field tree, nesting past the stack): a property of the file, not a bug.
 */
export const isExhaustion = (error: unknown): boolean =>
  error instanceof RangeError && /call stack|array length|allocation/i.test(error.message);

/** One or more problems with the user's input; the CLI prints them without a stack trace. */
export class UserError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[] | Problem) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map(formatProblem).join('\n'));
    this.name = 'UserError';
    this.problems = list;
  }
}

/** Most problems reported from one input; past this the rest are summarised in one line. */
export const maxReportedProblems = 20;

/** Throws a UserError for the problems collected, if any, capped at maxReportedProblems. */
export function throwIfProblems(problems: Problem[]): void {
  if (problems.length === 0) return;
  if (problems.length <= maxReportedProblems) throw new UserError(problems);
  const shown = problems.slice(0, maxReportedProblems);
  const rest = problems.length - shown.length;
  shown.push({ file: problems[0].file, message: `… and ${rest} more problem${rest === 1 ? '' : 's'}` });
  throw new UserError(shown);
}

/**
 * A fault of the program itself (a state the code should never reach), never of the input:
 * the CLI says "internal error" and exits 2. `cause` keeps the error that led to it, so that
 * `--debug` shows the whole chain.
 */
export class InternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InternalError';
  }
}

/** Deepest cause chain shown: a cause that points back at itself must not loop. */
const maxCauses = 10;

/** An error's stack followed by its causes' ("caused by: …"), for --debug. */
function stackWithCauses(err: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let e: unknown = err; e !== undefined && e !== null && parts.length <= maxCauses; ) {
    if (seen.has(e)) break;
    seen.add(e);
    const text = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
    parts.push(parts.length === 0 ? text : `caused by: ${text}`);
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join('\n');
}

/**
 * What the CLI writes to stderr for an error, and the exit code: the person's input errors are
 * one line each (exit 1); anything else is a bug, one line "internal error: …" (exit 2), with the
 * stack and its cause chain under --debug.
 */
export function describeFailure(err: unknown, debug: boolean): { text: string; exitCode: 1 | 2 } {
  if (err instanceof UserError) {
    return { text: `${visibleLines(err.message)}\n${debug ? `${err.stack}\n` : ''}`, exitCode: 1 };
  }
  if (debug) return { text: `mus: internal error:\n${visibleLines(stackWithCauses(err))}\n`, exitCode: 2 };
  const message = err instanceof Error ? err.message : String(err);
  return { text: `mus: internal error: ${excerpt(message, 200)} (run with --debug for details)\n`, exitCode: 2 };
}
