// The A3 poster with leaders and employees side by side: step 1 (bands) for both groups, then
// per statement both groups' answers, means and the difference, the largest differences marked
// as dialogue starters. Made only when both groups answered. The texts of sammenligning.yaml,
// the view, and its registration.
import { z } from 'zod';
import type { Content, NumberedStatement } from '../../content/model.js';
import { text, textWith } from '../../content/schema.js';
import type { SourceRef } from '../../layout/schema.js';
import { answeredCount, bothAnswered, compareGroups, largestDifferences } from '../../tally/compare.js';
import { dialogueStarters, formatDifference, formatMean, hidesStatementCounts } from '../../tally/rules.js';
import { excerpt, fillPlaceholders, range } from '../../text.js';
import { step1Texts, step2Texts, workshopHeader } from '../common.js';
import type { DocumentKind, PosterTally, Tallies, ViewOptions } from '../types.js';

/** sammenligning.yaml: texts of the poster with leaders and employees side by side. */
export const comparisonSchema = z
  .object({
    title: text,
    subject: text,
    respondentsLine: textWith('leaders', 'employees'),
    groups: z.object({ leader: text, employee: text }).strict(), // row labels, e.g. "Ledere"
    step1: z
      .object({
        ...step1Texts,
        incompleteNote: textWith('leaders', 'employees'), // sheets left out of step 1, per group
      })
      .strict(),
    step2: z
      .object({
        ...step2Texts,
        answersColumn: text,
        meanColumn: text,
        differenceColumn: text,
        answered: textWith('count'), // beside a bar: how many answered
        noAnswers: text, // in place of a mean nobody gave
        dialogueLabel: text, // the mark on the largest differences
        largestHeading: text, // over the largest differences in the terminal (mus tally)
        smallGroupNote: textWith('count', 'minimum', 'employees'),
        // When equal differences (as printed) cross the cut at five: which were left out, and why
        tieNote: textWith('statements', 'difference'),
        listJoiner: text, // "og", between the last two of a list of statements
        moreStatements: text, // after the third of more tied statements, e.g. "m.fl."
      })
      .strict(),
  })
  .strict();

/** Statements on the first sheet (step 1 takes the rest of it) and on each further sheet. */
const firstSheetStatements = 6;
const sheetStatements = 16;

/** The text a statement is shown with: its short label, else the employee wording. */
function statementText(s: NumberedStatement): { text: string; source: SourceRef } {
  if (s.short)
    return {
      text: s.short,
      source: { ...(s.shortSource ?? s.source.employee), label: `statement ${s.n} short "${excerpt(s.short)}"` },
    };
  return { text: s.employee, source: { ...s.source.employee, label: `statement ${s.n} "${excerpt(s.employee)}"` } };
}

/** "10, 13 og 17": a list with the content's word before the last. */
const joinList = (items: string[], last: string): string =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;

const emptyTally = (content: Content): PosterTally => ({
  respondents: 0,
  complete: 0,
  bands: content.scoring.bands.map(() => ({ count: 0 })),
  tendency: [],
  statements: content.numbered.map(() => ({ counts: content.scoring.scale.map(() => 0), unanswered: 0 })),
});

export function comparisonView(content: Content, tallies: Tallies | undefined, options: ViewOptions = {}) {
  const texts = content.comparison;
  const language = content.meta.language;
  const leaders = tallies?.leader ?? emptyTally(content);
  const employees = tallies?.employee ?? emptyTally(content);
  const groups = [
    ['leader', leaders],
    ['employee', employees],
  ] as const;
  const points = content.scoring.scale.map((c) => c.points);
  const hidden = hidesStatementCounts(content, 'employee', employees, options);

  const bands = content.scoring.bands.map((band, i) => ({
    range: range(band),
    sentence: band.sentence,
    source: { ...content.bandSources[i], label: `band ${range(band)}` },
    groups: groups.map(([, tally]) => {
      const most = Math.max(1, ...tally.bands.map((b) => b.count));
      return {
        count: tally.bands[i].count,
        share: Number((tally.bands[i].count / most).toFixed(3)),
        tendency: tally.tendency.some((t) => t.min === band.min && t.max === band.max),
      };
    }),
  }));

  const comparison = compareGroups(leaders, employees, points);
  const largest = bothAnswered(leaders, employees) ? largestDifferences(comparison, dialogueStarters) : [];
  const starters = new Set(largest.map((c) => c.statement));
  // Statements printed with the same difference as the smallest one marked, but left out at
  // the cut of five: the poster says by which rule (a reader sees equal numbers, one framed).
  const shown = (d: number) => formatMean(Math.abs(d), language);
  const cut = largest.length === dialogueStarters ? largest[largest.length - 1].difference : null;
  const tiedOut =
    cut === null
      ? []
      : comparison.filter(
          (c) => c.difference !== null && !starters.has(c.statement) && shown(c.difference) === shown(cut),
        );
  const themes = content.statements.themes.map((theme) => ({
    title: theme.title,
    rows: content.numbered
      .filter((s) => s.theme === theme.title)
      .map((s) => {
        const compared = comparison[s.n - 1];
        return {
          n: s.n,
          ...statementText(s),
          groups: groups.map(([group, tally]) => {
            const mean = compared[group];
            const statement = tally.statements[s.n - 1];
            return {
              label: texts.groups[group],
              counts: statement.counts,
              mean: mean === null ? texts.step2.noAnswers : formatMean(mean, language),
              answered: fillPlaceholders(texts.step2.answered, { count: answeredCount(statement) }),
            };
          }),
          difference: compared.difference === null ? '' : formatDifference(compared.difference, language),
          mark: starters.has(s.n) ? texts.step2.dialogueLabel : '',
        };
      }),
  }));

  const pages: (typeof themes)[] = [];
  let room = firstSheetStatements;
  for (const theme of themes) {
    const last = pages[pages.length - 1];
    const used = last ? last.reduce((n, t) => n + t.rows.length, 0) : 0;
    if (last && used + theme.rows.length <= room) last.push(theme);
    else {
      if (last) room = sheetStatements;
      pages.push([theme]);
    }
  }

  // At most three statements named, so the note stays short on a full sheet.
  const tiedList =
    tiedOut.length > 3
      ? `${tiedOut
          .slice(0, 3)
          .map((c) => c.statement)
          .join(', ')} ${texts.step2.moreStatements}`
      : joinList(
          tiedOut.map((c) => String(c.statement)),
          texts.step2.listJoiner,
        );
  const tieNote =
    tiedOut.length > 0 && cut !== null
      ? fillPlaceholders(texts.step2.tieNote, {
          statements: tiedList,
          difference: formatDifference(Math.abs(cut), language).replace('+', ''),
        })
      : '';

  const incomplete = {
    leaders: leaders.respondents - leaders.complete,
    employees: employees.respondents - employees.complete,
  };
  return {
    title: texts.title,
    subject: texts.subject,
    respondentsLine: fillPlaceholders(texts.respondentsLine, {
      leaders: leaders.respondents,
      employees: employees.respondents,
    }),
    step1: texts.step1,
    step2: texts.step2,
    /** Step 2's intro; the tie rule, when there is one, ends its last paragraph (no line of its own on a full sheet). */
    step2Intro: tieNote
      ? [...texts.step2.intro.slice(0, -1), `${texts.step2.intro.at(-1) ?? ''} ${tieNote}`.trim()]
      : texts.step2.intro,
    bandsHeader: [texts.step1.pointsColumn, texts.step1.sentenceColumn, texts.groups.leader, texts.groups.employee],
    bands,
    incompleteNote:
      incomplete.leaders + incomplete.employees > 0 ? fillPlaceholders(texts.step1.incompleteNote, incomplete) : '',
    /** Unit, workplace and date from workshop.yaml, under the title of every sheet; '' without one. */
    workshopLine: workshopHeader(content.workshop, ['unit', 'workplace', 'date']),
    pageLabel: content.meta.pageLabel,
    /** The tie rule, when equal differences as printed cross the cut at five. */
    tieNote,
    smallGroupNote: hidden
      ? fillPlaceholders(texts.step2.smallGroupNote, {
          count: employees.respondents,
          minimum: content.scoring.minGroupSize,
          employees:
            employees.respondents === 1 ? content.resultSheet.employee.group : content.resultSheet.employee.groupPlural,
        })
      : '',
    categories: content.scoring.scale.map((c) => c.label),
    header: {
      statement: texts.step2.statementColumn,
      answers: texts.step2.answersColumn,
      mean: texts.step2.meanColumn,
      difference: texts.step2.differenceColumn,
    },
    // With the employee group too small, no statement is compared: step 2 is only the note.
    pages: hidden ? [] : pages.map((pageThemes, i) => ({ first: i === 0, themes: pageThemes })),
  };
}

/** Its part of the content: content.comparison, from sammenligning.yaml. */
const part = { key: 'comparison', file: 'sammenligning.yaml', schema: comparisonSchema } as const;

export const comparison: DocumentKind<typeof part> = {
  id: 'comparison',
  content: part,
  documents: [
    {
      id: 'comparisonPoster',
      template: 'comparison',
      paper: 'A3',
      answers: 'both groups',
      view: (c, t, o) => comparisonView(c, t, o),
    },
  ],
};
