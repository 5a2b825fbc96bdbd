// What the boxes of one statement say: one answer, no answer, or "look at it" — never a
// guess. The correction rule printed on the test: a box filled in completely is crossed
// out, and the one X beside it is the answer.
import type { BoxInk } from './ink.js';

/** Ink shares (see ink.ts) that separate the kinds of box; between them a box is doubtful. */
export const limits = {
  /** Inner part below this: empty (paper noise, dust)… */
  empty: 0.02,
  /** …unless the ring holds this much (a mark squeezed into a corner). */
  emptyRing: 0.12,
  /** From here: a mark (an X, a tick, a dot, a light pencil cross). */
  mark: 0.04,
  /** Filled in completely: the inner part and the ring dark. */
  filled: 0.85,
  filledRing: 0.7,
  /** A ring this dark around a dark inside is too much for a mark and too little for a filled box. */
  heavyRing: 0.45,
} as const;

export type BoxKind = 'empty' | 'mark' | 'filled' | 'doubtful';

export function kindOf(ink: BoxInk): BoxKind {
  if (ink.inner < limits.empty) return ink.ring < limits.emptyRing ? 'empty' : 'doubtful';
  if (ink.inner < limits.mark) return 'doubtful';
  if (ink.inner >= limits.filled && ink.ring >= limits.filledRing) return 'filled';
  if (ink.inner >= limits.filled && ink.ring >= limits.heavyRing) return 'doubtful';
  return 'mark';
}

export type Decision =
  | { kind: 'answer'; category: number }
  | { kind: 'unanswered' }
  | { kind: 'flagged'; reason: FlagReason };

export type FlagReason = 'two-marks' | 'unclear-box' | 'filled-only' | 'several-filled' | 'frame-missing';
/** Why a row is listed for review: its boxes (FlagReason), or its side of the sheet not in the scans. */
export type ReviewReason = FlagReason | 'front-missing' | 'back-missing';

/** The decision for one statement from its boxes' ink (scale order). */
export function decide(inks: BoxInk[], framesFound = true): Decision {
  if (!framesFound) return { kind: 'flagged', reason: 'frame-missing' };
  const kinds = inks.map(kindOf);
  if (kinds.includes('doubtful')) return { kind: 'flagged', reason: 'unclear-box' };
  const marks = kinds.flatMap((k, i) => (k === 'mark' ? [i] : []));
  const filled = kinds.filter((k) => k === 'filled').length;
  if (marks.length === 0 && filled === 0) return { kind: 'unanswered' };
  if (marks.length === 1 && filled <= 1) return { kind: 'answer', category: marks[0] };
  if (marks.length === 0) return { kind: 'flagged', reason: 'filled-only' };
  return { kind: 'flagged', reason: marks.length > 1 ? 'two-marks' : 'several-filled' };
}

/**
 * How sure a reading is, 0 to 1: for an answer, the ink of the chosen box against the next
 * inkiest box (a box filled in to cross it out left aside); for no answer, how far the inkiest
 * box is from counting as a mark; 0 for a row flagged. Sorting by it puts the readings a
 * spot check should look at first.
 */
export function marginOf(inks: BoxInk[], decision: Decision): number {
  const round = (v: number) => Math.max(0, Math.round(v * 100) / 100);
  if (decision.kind === 'flagged') return 0;
  if (decision.kind === 'unanswered') return round(limits.mark - Math.max(...inks.map((i) => i.inner)));
  const chosen = inks[decision.category].inner;
  const others = inks.filter((ink, i) => i !== decision.category && kindOf(ink) !== 'filled').map((i) => i.inner);
  return round(chosen - Math.max(0, ...others));
}
