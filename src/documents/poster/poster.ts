// The A3 result posters, one per group, blank or pre-filled from the group's tally: the
// texts of resultatskema.yaml, the view, and their registration.
import { z } from 'zod';
import type { Content, Group } from '../../content/model.js';
import { text, textWith } from '../../content/schema.js';
import { fillPlaceholders, range } from '../../text.js';
import { hidesStatementCounts } from '../../tally/rules.js';
import { pagesOfThemes, scaleColumns, step1Texts, step2Texts, themesFor, workshopHeader } from '../common.js';
import type { DocumentKind, PosterTally, ViewOptions } from '../types.js';

const groupSheetSchema = z.object({ title: text, group: text, groupPlural: text }).strict();

/** resultatskema.yaml: texts of the A3 result posters. */
export const resultSheetSchema = z
  .object({
    leader: groupSheetSchema,
    employee: groupSheetSchema,
    step1: z
      .object({
        ...step1Texts,
        countColumn: text,
        incompleteNote: textWith('count'), // sheets left out of step 1
        respondentsLabel: text,
      })
      .strict(),
    step2: z
      .object({
        ...step2Texts,
        unansweredColumn: text,
        smallGroupNote: textWith('count', 'minimum'),
      })
      .strict(),
  })
  .strict();

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

export function posterView(content: Content, group: Group, tally?: PosterTally, options: ViewOptions = {}) {
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

/** Its part of the content: content.resultSheet, from resultatskema.yaml. */
const part = { key: 'resultSheet', file: 'resultatskema.yaml', schema: resultSheetSchema } as const;

export const poster: DocumentKind<typeof part> = {
  id: 'poster',
  content: part,
  documents: [
    {
      id: 'leaderPoster',
      template: 'poster',
      paper: 'A3',
      group: 'leader',
      answers: 'optional',
      view: (c, t, o) => posterView(c, 'leader', t?.leader, o),
    },
    {
      id: 'employeePoster',
      template: 'poster',
      paper: 'A3',
      group: 'employee',
      answers: 'optional',
      view: (c, t, o) => posterView(c, 'employee', t?.employee, o),
    },
  ],
};
