// View data for an A3 result poster, blank or pre-filled from a group's tally.
import type { Content, Group } from '../../content/model.js';
import { fillPlaceholders, range } from '../../text.js';
import { pagesOfThemes, scaleColumns, themesFor, workshopHeader } from './common.js';

/** The numbers a poster shows (the tally's GroupTally satisfies this). */
export interface PosterTally {
  respondents: number;
  complete: number;
  bands: { count: number }[];
  tendency: { min: number; max: number }[];
  statements: { counts: number[]; unanswered: number }[];
}

export interface PosterOptions {
  /** Show per-statement counts even for a group below the anonymity threshold. */
  allowSmallGroups?: boolean;
}

/**
 * Statements per A3 sheet in step 2: keeps statement text ≥ 14 pt with room for counts.
 * All 20 on one sheet was measured not to fit, even with tighter rows and a wider statement
 * column (test/posters.test.ts): a poster is step 1 on one sheet and step 2 on two.
 */
const statementsPerSheet = 12;

/** How many A3 sheets a poster has (the same for both groups): step 1, then step 2's sheets. */
export function posterSheets(content: Content): number {
  return 1 + pagesOfThemes(themesFor(content, 'leader'), statementsPerSheet).length;
}

const blankLine = '________';

/** Leaders are exempt from the anonymity threshold: there are often only one or two. */
export function hidesStatementCounts(
  content: Content,
  group: Group,
  tally: PosterTally,
  options: PosterOptions,
): boolean {
  return group === 'employee' && !options.allowSmallGroups && tally.respondents < content.scoring.minGroupSize;
}

export function posterView(content: Content, group: Group, tally?: PosterTally, options: PosterOptions = {}) {
  const texts = content.resultSheet;
  const filled = tally !== undefined;
  const hidden = tally !== undefined && hidesStatementCounts(content, group, tally, options);
  const showCounts = filled && !hidden;
  const mostInABand = tally ? Math.max(1, ...tally.bands.map((b) => b.count)) : 1;

  const bands = content.scoring.bands.map((band, i) => ({
    range: range(band),
    sentence: band.sentence,
    source: { ...content.bandSources[i], label: `band ${range(band)}` },
    filled,
    count: tally?.bands[i].count ?? 0,
    share: tally ? tally.bands[i].count / mostInABand : 0,
    tendency: tally?.tendency.some((t) => t.min === band.min && t.max === band.max) ?? false,
  }));

  const themes = themesFor(content, group).map((theme) => ({
    ...theme,
    statements: theme.statements.map((statement) => {
      const numbers = tally?.statements[statement.n - 1];
      const values = numbers ? [...numbers.counts, numbers.unanswered] : [];
      const cellCount = content.scoring.scale.length + (showCounts ? 1 : 0);
      return {
        ...statement,
        cells: Array.from({ length: cellCount }, (_, i) => ({
          filled: showCounts,
          count: values[i] ?? 0,
          shade: tally && tally.respondents > 0 ? Number(((values[i] ?? 0) / tally.respondents).toFixed(3)) : 0,
        })),
      };
    }),
  }));

  const incomplete = tally ? tally.respondents - tally.complete : 0;
  return {
    title: texts[group].title,
    subject: `${texts.step1.heading} · ${texts.step2.heading}`,
    pageLabel: content.meta.pageLabel,
    /** Unit, workplace and date from workshop.yaml, under the title of every sheet; '' without one. */
    workshopLine: workshopHeader(content.workshop, ['unit', 'workplace', 'date']),
    respondentsLine: `${texts.step1.respondentsLabel}: ${tally ? tally.respondents : blankLine}`,
    step1: texts.step1,
    step2: texts.step2,
    bands,
    incompleteNote: incomplete > 0 ? fillPlaceholders(texts.step1.incompleteNote, { count: incomplete }) : '',
    smallGroupNote: hidden
      ? fillPlaceholders(texts.step2.smallGroupNote, {
          count: tally.respondents,
          minimum: content.scoring.minGroupSize,
        })
      : '',
    columns: [
      ...scaleColumns(content),
      ...(showCounts ? [{ label: texts.step2.unansweredColumn, source: undefined }] : []),
    ],
    step2Pages: pagesOfThemes(themes, statementsPerSheet).map((pageThemes) => ({ themes: pageThemes })),
  };
}
