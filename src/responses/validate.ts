// The one validation walk over a parsed responses file, shared by the YAML and the
// JSON reader. It works on plain values and reports findings by path; turning a path
// into a line and column is the reader's job, because only the reader knows the
// source text (and the JSON reader only pays for positions when there are problems).
import { excerpt, quote } from '../text.js';
import { groupKeys, type Group } from '../content/groups.js';
import type { Scoring } from '../content/model.js';
import type { Problem, ProblemKind } from '../errors.js';
import { createAnswerMatcher, describeValue, type AnswerMatcher } from './answers.js';
import type { LineColumn } from '../text-decode.js';
import type { Respondent, Responses } from './types.js';

/** The parts of the content that reading a YAML or JSON file needs: the scale, and how many statements. */
export interface ResponsesContent {
  scoring: Pick<Scoring, 'scale'>;
  numbered: readonly unknown[];
}

/** Keys into the parsed data: mapping keys and list indexes. */
export type DataPath = (string | number)[];

export interface Finding {
  path: DataPath;
  /** Whether the problem is with a mapping key (e.g. an unknown key) or the value at the path. */
  part: 'key' | 'value';
  message: string;
  kind?: ProblemKind;
}

/** The keys of a workshop file (content/schema.ts workshopSchema): given as answers, it is recognised. */
const workshopKeys = ['workplace', 'unit', 'date', 'facilitator', 'deadline', 'returnTo'] as const;

const respondentKeys = ['id', 'answers'];

interface ValidationResult {
  responses: Responses;
  findings: Finding[];
}

/** Checks parsed data against the content's scale and statements. */
export function validateData(data: unknown, content: ResponsesContent): ValidationResult {
  return validateResponses(data, createAnswerMatcher(content.scoring.scale), content.numbered.length);
}

/** A finding as a problem for the person, at its line and column when known. */
export function toProblem(finding: Finding, file: string, at: LineColumn | undefined): Problem {
  const field = formatPath(finding.path);
  return {
    file,
    ...at,
    ...(field ? { field } : {}),
    message: finding.message,
    ...(finding.kind ? { kind: finding.kind } : {}),
  };
}

/** Checks the shape of a responses file and converts its answers; collects every problem. */
function validateResponses(data: unknown, matcher: AnswerMatcher, statementCount: number): ValidationResult {
  const findings: Finding[] = [];
  const responses: Responses = { leader: [], employee: [] };

  if (!isMapping(data)) {
    findings.push({
      path: [],
      part: 'value',
      message: `the top level must be a mapping with ${listKeys()}, found ${describeValue(data)}`,
    });
    return { responses, findings };
  }

  const keys = Object.keys(data);
  if (keys.length > 0 && keys.every((key) => (workshopKeys as readonly string[]).includes(key))) {
    findings.push({
      path: [],
      part: 'value',
      kind: 'workshopFile',
      message:
        'is a workshop file (the details printed on the material), not answers: give it to mus build with --workshop, ' +
        "or in mus app as the workshop's details",
    });
    return { responses, findings };
  }
  const keyUsed: Partial<Record<Group, string>> = {};
  for (const [key, value] of Object.entries(data)) {
    const group = groupKeys[key];
    if (group === undefined) {
      findings.push({ path: [key], part: 'key', message: `unknown key ${quote(key)} (expected ${listKeys()})` });
      continue;
    }
    const earlier = keyUsed[group];
    if (earlier !== undefined) {
      findings.push({
        path: [key],
        part: 'key',
        message: `both ${quote(earlier)} and ${quote(key)} are given; they are the same group, use one`,
      });
      continue;
    }
    keyUsed[group] = key;
    responses[group] = readGroup(value, [key], matcher, statementCount, findings);
  }
  return { responses, findings };
}

function readGroup(
  value: unknown,
  path: DataPath,
  matcher: AnswerMatcher,
  statementCount: number,
  findings: Finding[],
): Respondent[] {
  if (value === null || value === undefined) return []; // "employees:" with nothing under it
  if (!Array.isArray(value)) {
    findings.push({
      path,
      part: 'value',
      message: `must be a list of respondents, found ${describeValue(value)}`,
    });
    return [];
  }
  const respondents: Respondent[] = [];
  value.forEach((item, index) => {
    const respondent = readRespondent(item, [...path, index], matcher, statementCount, findings);
    if (respondent) respondents.push(respondent);
  });
  return respondents;
}

function readRespondent(
  value: unknown,
  path: DataPath,
  matcher: AnswerMatcher,
  statementCount: number,
  findings: Finding[],
): Respondent | undefined {
  if (Array.isArray(value)) {
    return { answers: readAnswers(value, path, undefined, matcher, statementCount, findings) };
  }
  if (!isMapping(value)) {
    findings.push({
      path,
      part: 'value',
      message:
        `a respondent must be a list of ${statementCount} answers or a mapping {id, answers}, ` +
        `found ${describeValue(value)}`,
    });
    return undefined;
  }

  let ok = true;
  for (const key of Object.keys(value)) {
    if (!respondentKeys.includes(key)) {
      findings.push({ path: [...path, key], part: 'key', message: `unknown key ${quote(key)} (expected id, answers)` });
      ok = false;
    }
  }
  let id: string | undefined;
  if (typeof value.id === 'string' || typeof value.id === 'number') id = String(value.id);
  else if (value.id !== undefined && value.id !== null) {
    findings.push({
      path: [...path, 'id'],
      part: 'value',
      message: `id must be a text, found ${describeValue(value.id)}`,
    });
    ok = false;
  }
  const who = id === undefined ? '' : `respondent ${quote(id)}: `;
  if (!Array.isArray(value.answers)) {
    const has = 'answers' in value;
    findings.push({
      path: has ? [...path, 'answers'] : path,
      part: 'value',
      message: has
        ? `${who}answers must be a list of ${statementCount} answers, found ${describeValue(value.answers)}`
        : `${who}"answers" is missing (a list of ${statementCount} answers)`,
    });
    return undefined;
  }
  const answers = readAnswers(value.answers, [...path, 'answers'], id, matcher, statementCount, findings);
  return ok ? (id === undefined ? { answers } : { id, answers }) : undefined;
}

function readAnswers(
  values: unknown[],
  path: DataPath,
  id: string | undefined,
  matcher: AnswerMatcher,
  statementCount: number,
  findings: Finding[],
): (number | null)[] {
  const who = id === undefined ? '' : `respondent ${quote(id)}: `;
  if (values.length !== statementCount) {
    findings.push({
      path,
      part: 'value',
      message: `${who}has ${values.length} answer${values.length === 1 ? '' : 's'}, expected ${statementCount} (one per statement)`,
    });
  }
  return values.map((value, index) => {
    const result = matcher.match(value);
    if (result.ok) return result.category;
    findings.push({ path: [...path, index], part: 'value', message: `${who}statement ${index + 1}: ${result.reason}` });
    return null;
  });
}

/** A plain mapping (not a list, not null). */
function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listKeys(): string {
  const keys = Object.keys(groupKeys);
  return `${keys.slice(0, -1).join(', ')} or ${keys[keys.length - 1]}`;
}

/** A path as a field name for messages: "employees sheet 4 answers". */
export function formatPath(path: DataPath): string {
  // As the facilitator counts: "leaders sheet 3", not "leaders[2]"; an answer's index is left
  // out, since its message names the statement (counted from 1, as on the test).
  return path
    .map((part, i) => {
      // A key is anyone's text (free text pasted as a key): escaped and cut like any echo.
      if (i === 0) return excerpt(String(part));
      if (typeof part === 'number') return i === 1 ? ` sheet ${part + 1}` : '';
      return typeof path[i + 1] === 'number' ? '' : ` ${excerpt(part)}`; // "answers" of an answer: the statement says it
    })
    .join('');
}
