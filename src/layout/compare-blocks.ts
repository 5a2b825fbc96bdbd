// The block kinds of the poster with leaders and employees side by side (drawn by
// src/render/blocks/compare-bands.ts and compare-statements.ts).

/** One group's numbers for one band of step 1. */
export interface BandGroupCell {
  count: number;
  /** 0..1 of the group's largest band: the bar's length. */
  share: number;
  /** This band is the group's tendency: a heavy frame and the label. */
  tendency: boolean;
}

/** Step 1 for both groups: a row per band, a bar and count per group. */
export interface CompareBandsBlock {
  kind: 'compareBands';
  /** Points, sentence, then one heading per group. */
  header: string[];
  /** The label on a group's tendency, e.g. "TENDENS". */
  tendencyLabel: string;
  rows: { range: string; sentence: string; source?: string; groups: BandGroupCell[] }[];
  /** Alternative text for screen readers summarising the table. */
  summary?: string;
}

/** One group's answers to one statement. */
export interface StatementGroupLine {
  /** The group, e.g. "Ledere". */
  label: string;
  /** Answers per category, in scale order: the stacked bar. */
  counts: number[];
  /** The mean as printed ("3,4"), or the text for no answers. */
  mean: string;
  /** How many answered, as printed ("9 svar"). */
  answered: string;
}

export interface CompareStatementRow {
  n: number;
  text: string;
  /** Where the text comes from, for "too long" messages. */
  source?: string;
  /** Leaders, then employees. */
  groups: StatementGroupLine[];
  /** employees − leaders as printed ("+0,5"), or empty when there is none. */
  difference: string;
  /** A dialogue starter (one of the largest differences): a heavy frame and this label. */
  mark?: string;
}

/** Step 2 for both groups: per statement two stacked bars, the means and the difference. */
export interface CompareStatementsBlock {
  kind: 'compareStatements';
  /** The category labels in scale order: the key to the bars' grey steps. */
  categories: string[];
  header: { statement: string; answers: string; mean: string; difference: string };
  sections: { title: string; rows: CompareStatementRow[] }[];
  summary?: string;
}
