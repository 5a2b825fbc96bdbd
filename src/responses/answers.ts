// Turns one answer as typed by a person (a label, an alias, points, or null) into
// a category index of the content's scale. Built once per file from the content,
// so every spelling the content allows is accepted and nothing Danish is hard-coded.
import { quote, quoteLength } from '../text.js';
import type { Category } from '../content/model.js';

export type AnswerMatch =
  | { ok: true; category: number | null } // null = not answered
  | { ok: false; reason: string };

export interface AnswerMatcher {
  match(value: unknown): AnswerMatch;
  /** The accepted answers for messages, e.g. "Aldrig, Sjældent, Af og til, Oftest, Altid or 1–5". */
  readonly validAnswers: string;
}

/** Case, surrounding whitespace, inner whitespace runs and Unicode composition don't matter. */
export function normalizeLabel(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

// A text that is clearly meant as points ("4", " 2.5 ") is judged as points, so the
// message says what is wrong with the number instead of calling it an unknown label.
const numericText = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function createAnswerMatcher(scale: readonly Category[]): AnswerMatcher {
  const byLabel = new Map<string, number>();
  const byPoints = new Map<number, number>();
  scale.forEach((category, index) => {
    for (const spelling of [category.label, ...category.aliases]) {
      const key = normalizeLabel(spelling);
      if (!byLabel.has(key)) byLabel.set(key, index);
    }
    if (!byPoints.has(category.points)) byPoints.set(category.points, index);
  });

  const pointsRange = describePoints([...byPoints.keys()]);
  const pointsAnswer = pointsRange.includes('–') ? pointsRange : `the points ${pointsRange}`;
  const validAnswers = `${scale.map((c) => c.label).join(', ')} or ${pointsAnswer}`;

  function matchPoints(points: number, shown: string): AnswerMatch {
    if (!Number.isInteger(points)) {
      return { ok: false, reason: `${shown} is not a whole number of points (${validAnswers})` };
    }
    const index = byPoints.get(points);
    if (index === undefined) {
      return { ok: false, reason: `${shown} is not one of the points ${pointsRange} (${validAnswers})` };
    }
    return { ok: true, category: index };
  }

  // Exports repeat a handful of spellings: each is matched once (a bounded memo, so a file
  // of free texts cannot grow it without end).
  const known = new Map<string, AnswerMatch>();
  function match(value: unknown): AnswerMatch {
    if (value === null || value === undefined) return { ok: true, category: null };
    if (typeof value === 'number') return matchPoints(value, String(value));
    if (typeof value === 'string') {
      let result = known.get(value);
      if (result === undefined) {
        result = matchText(value);
        if (known.size < 10_000) known.set(value, result);
      }
      return result;
    }
    return { ok: false, reason: `${describeValue(value)} is not an answer (${validAnswers})` };
  }

  function matchText(value: string): AnswerMatch {
    const key = normalizeLabel(value);
    const index = byLabel.get(key);
    if (index !== undefined) return { ok: true, category: index };
    if (numericText.test(key)) return matchPoints(Number(key), quote(value));
    const hint = key === '' ? '; write null for not answered' : '';
    return { ok: false, reason: `${quote(value)} is not an answer (${validAnswers}${hint})` };
  }

  return { match, validAnswers };
}

/** "1–5" for consecutive points, otherwise a list, e.g. "0, 2 or 4". */
function describePoints(points: number[]): string {
  const sorted = [...points].sort((a, b) => a - b);
  const consecutive = sorted.every((p, i) => i === 0 || p === sorted[i - 1] + 1);
  if (consecutive && sorted.length >= 2) return `${sorted[0]}–${sorted[sorted.length - 1]}`;
  return sorted.length === 1 ? String(sorted[0]) : `${sorted.slice(0, -1).join(', ')} or ${sorted[sorted.length - 1]}`;
}

/** A short description of a value of the wrong kind, for messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') {
    // A long text is likely a line of someone's data (or a whole file): described, not quoted.
    return [...value].length <= quoteLength && !value.includes('\n')
      ? `the text ${quote(value)}`
      : `a text of ${[...value].length} characters`;
  }
  if (typeof value === 'number') return `the number ${value}`;
  return String(value);
}
