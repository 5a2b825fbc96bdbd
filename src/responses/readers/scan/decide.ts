// What the boxes of one statement say: one answer, no answer, or "look at it" — never a
// guess. The correction rule printed on the test: a box filled in completely is crossed
// out, and the one X beside it is the answer.

/** Ink shares (see ink.ts) that separate the kinds of box; between them a box is doubtful. */
export const limits = {
  /** Below: empty (paper noise, dust). */
  empty: 0.03,
  /** From here: a mark (an X, a tick, a dot, a light pencil cross). */
  mark: 0.06,
  /** Up to here still a mark; above it, doubtful until… */
  markMax: 0.7,
  /** …from here: filled in completely (a correction). */
  filled: 0.85,
} as const;

export type BoxKind = 'empty' | 'mark' | 'filled' | 'doubtful';

export function kindOf(share: number): BoxKind {
  if (share < limits.empty) return 'empty';
  if (share < limits.mark) return 'doubtful';
  if (share <= limits.markMax) return 'mark';
  if (share < limits.filled) return 'doubtful';
  return 'filled';
}

export type Decision =
  | { kind: 'answer'; category: number }
  | { kind: 'unanswered' }
  | { kind: 'flagged'; reason: FlagReason };

export type FlagReason = 'two-marks' | 'unclear-box' | 'filled-only' | 'several-filled' | 'frame-missing';

/** The decision for one statement from its boxes' ink shares (scale order). */
export function decide(shares: number[], framesFound = true): Decision {
  if (!framesFound) return { kind: 'flagged', reason: 'frame-missing' };
  const kinds = shares.map(kindOf);
  if (kinds.includes('doubtful')) return { kind: 'flagged', reason: 'unclear-box' };
  const marks = kinds.flatMap((k, i) => (k === 'mark' ? [i] : []));
  const filled = kinds.filter((k) => k === 'filled').length;
  if (marks.length === 0 && filled === 0) return { kind: 'unanswered' };
  if (marks.length === 1 && filled <= 1) return { kind: 'answer', category: marks[0] };
  if (marks.length === 0) return { kind: 'flagged', reason: 'filled-only' };
  return { kind: 'flagged', reason: marks.length > 1 ? 'two-marks' : 'several-filled' };
}
