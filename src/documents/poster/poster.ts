// The A3 result posters, one per group, blank or pre-filled from the group's tally: the
// texts of resultatskema.yaml, the view, and their registration.
import { z } from 'zod';
import type { Content, Group } from '../../content/model.js';
import { text, texts, textWith } from '../../content/schema.js';
import { excerpt, fillPlaceholders, range } from '../../text.js';
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
        filledIntro: texts, // in place of intro on a pre-filled poster: what the numbers show, no order to fill in
        countColumn: text,
        incompleteNote: textWith('count'), // sheets left out of step 1
        respondentsLabel: text,
      })
      .strict(),
    step2: z
      .object({
        ...step2Texts,
        filledHeader: text, // over the statements of a pre-filled poster: how to read the bars
        unansweredColumn: text,
        smallGroupNote: textWith('count', 'minimum'),
        // Under minGroupSize but shown (the leaders; employees with --allow-small-groups): say so
        recognisableNote: textWith('count', 'group').optional(),
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

/** A pre-filled poster is one A3 sheet: step 1 and a stacked bar per statement (nothing to write in). */
export const filledPosterSheets = 1;

/** How many A3 sheets a blank poster has (the same for both groups): step 1, then step 2's sheets to write in. */
export function posterSheets(content: Content): number {
  return 1 + pagesOfThemes(themesFor(content, 'leader'), statementsPerSheet).length;
}

const blankLine = '________';

/** Where statement n's short label is, for "too long" messages. */
function shortSource(content: Content, n: number) {
  const s = content.numbered[n - 1];
  return s.short && s.shortSource && { ...s.shortSource, label: `statement ${n} short "${excerpt(s.short)}"` };
}

export function posterView(content: Content, group: Group, tally?: PosterTally, options: ViewOptions = {}) {
  const texts = content.resultSheet;
  const filled = tally !== undefined;
  const hidden = tally !== undefined && hidesStatementCounts(content, group, tally, options);
  const mostInABand = tally ? Math.max(1, ...tally.bands.map((b) => b.count)) : 1;

  const bands = content.scoring.bands
    .map((band, i) => ({
      range: range(band),
      sentence: band.sentence,
      source: { ...content.bandSources[i], label: `band ${range(band)}` },
      filled,
      count: tally?.bands[i].count ?? 0,
      share: tally ? tally.bands[i].count / mostInABand : 0,
      tendency: tally?.tendency.some((t) => t.min === band.min && t.max === band.max) ?? false,
    }))
    .map((band) => ({
      ...band,
      /** The pre-filled poster's column header: the range, and on the tendency's "TENDENS". */
      header: band.tendency ? `${band.range} ${texts.step1.tendencyLabel}` : band.range,
    }));

  const themes = themesFor(content, group).map((theme) => ({
    ...theme,
    statements: theme.statements.map((statement) => ({
      ...statement,
      /** The neutral short label (udsagn.yaml short:): the one-sheet pre-filled poster's text. */
      short: content.numbered[statement.n - 1].short ?? statement.text,
      shortSource: shortSource(content, statement.n) ?? statement.source,
      /** The answers per category (pre-filled), in scale order. */
      counts: tally?.statements[statement.n - 1].counts ?? [],
      unanswered: tally?.statements[statement.n - 1].unanswered ?? 0,
      /** The blank poster's cells to write the counts in. */
      cells: content.scoring.scale.map(() => ({})),
    })),
  }));

  const incomplete = tally ? tally.respondents - tally.complete : 0;
  return {
    title: texts[group].title,
    subject: `${texts.step1.heading} · ${texts.step2.heading}`,
    pageLabel: content.meta.pageLabel,
    /** Unit, workplace and date from workshop.yaml, under the title of every sheet; '' without one. */
    workshopLine: workshopHeader(content.workshop, ['unit', 'workplace', 'date']),
    respondentsLine: `${texts.step1.respondentsLabel}: ${tally ? tally.respondents : blankLine}`,
    /** With answers: one sheet, the texts say what the numbers show. */
    prefilled: filled,
    // Pre-filled, the number of answers opens step 1's text (one line less on the one sheet).
    step1Intro: filled
      ? [
          `${texts.step1.respondentsLabel}: ${tally.respondents}. ${texts.step1.filledIntro[0] ?? ''}`.trim(),
          ...texts.step1.filledIntro.slice(1),
        ]
      : texts.step1.intro,
    step1: texts.step1,
    step2: texts.step2,
    themes,
    bands,
    incompleteNote: incomplete > 0 ? fillPlaceholders(texts.step1.incompleteNote, { count: incomplete }) : '',
    /** Few, but shown: the answers can be recognised, and the poster says it. */
    recognisableNote:
      tally && !hidden && tally.respondents < content.scoring.minGroupSize && texts.step2.recognisableNote
        ? fillPlaceholders(texts.step2.recognisableNote, {
            count: tally.respondents,
            group: tally.respondents === 1 ? texts[group].group : texts[group].groupPlural,
          })
        : '',
    smallGroupNote: hidden
      ? fillPlaceholders(texts.step2.smallGroupNote, {
          count: tally.respondents,
          minimum: content.scoring.minGroupSize,
        })
      : '',
    columns: scaleColumns(content),
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
