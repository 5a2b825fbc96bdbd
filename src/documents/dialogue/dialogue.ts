// The dialogue poster (A3 sheets, the guide's "Inspiration til dialog"): the texts of
// dialog.yaml's `poster:`, the view, and its registration. Made by every build. A field for
// post-its holds six of 76 × 76 mm (two rows of three), so a theme's three questions take two
// sheets; the first sheet has the guide's overall questions, the last INDSATSOMRÅDER. With
// answers, a theme's first sheet shows each group's answers to the theme's statements together.
import { z } from 'zod';
import type { Content, Group } from '../../content/model.js';
import { text, texts, textWith } from '../../content/schema.js';
import { hidesStatementCounts } from '../../tally/rules.js';
import { fillPlaceholders } from '../../text.js';
import { workshopHeader } from '../common.js';
import type { DocumentKind, PosterTally, Tallies, ViewOptions } from '../types.js';

/** dialog.yaml `poster:`: the dialogue poster's texts. */
export const dialogueSchema = z
  .object({
    title: text,
    intro: texts,
    overall: z.object({ heading: text, questions: texts.min(1) }).strict(),
    questions: texts.length(3, 'needs the three questions asked of each theme'),
    continued: textWith('theme'), // heading of a theme's second sheet
    distribution: z
      .object({
        title: textWith('count'),
        group: text,
        unanswered: text,
        leaders: text,
        employees: text,
        noAnswers: textWith('group'),
        hiddenSmallGroup: textWith('group', 'minimum'),
      })
      .strict(),
    focusAreas: z.object({ heading: text, questions: texts.min(1) }).strict(),
  })
  .strict();

interface GroupRow {
  text: string;
  counts: number[];
  unanswered: number;
}

/**
 * One group's answers to a theme's statements together: per category how many answers
 * (a respondent counts once per statement), and how many were left unanswered; or the
 * line said instead (no answers; a small employee group, hidden as on its poster).
 */
function groupDistribution(
  content: Content,
  group: Group,
  tally: PosterTally | undefined,
  statements: number[],
  options: ViewOptions,
): { row: GroupRow } | { note: string } {
  const texts = content.dialogue.distribution;
  const name = group === 'leader' ? texts.leaders : texts.employees;
  if (!tally || tally.respondents === 0) return { note: fillPlaceholders(texts.noAnswers, { group: name }) };
  if (hidesStatementCounts(content, group, tally, options))
    return {
      note: fillPlaceholders(texts.hiddenSmallGroup, { group: name, minimum: content.scoring.minGroupSize }),
    };
  const counts = content.scoring.scale.map((_, c) =>
    statements.reduce((sum, n) => sum + (tally.statements[n - 1]?.counts[c] ?? 0), 0),
  );
  const unanswered = statements.reduce((sum, n) => sum + (tally.statements[n - 1]?.unanswered ?? 0), 0);
  return { row: { text: name, counts, unanswered } };
}

export function dialogueView(content: Content, tallies: Tallies | undefined, options: ViewOptions = {}) {
  const texts = content.dialogue;
  const answered = tallies !== undefined && Object.values(tallies).some((t) => t && t.respondents > 0);
  const [first, ...rest] = texts.questions;
  return {
    title: texts.title,
    pageLabel: content.meta.pageLabel,
    /** Unit, workplace and date from workshop.yaml under the title of every sheet; '' without one. */
    workshopLine: workshopHeader(content.workshop, ['unit', 'workplace', 'date']),
    intro: texts.intro,
    overall: texts.overall,
    categories: content.scoring.scale.map((c) => c.label),
    themes: content.statements.themes.map((theme) => {
      const statements = content.numbered.filter((s) => s.theme === theme.title).map((s) => s.n);
      const groups = (['leader', 'employee'] as const).map((group) =>
        groupDistribution(content, group, tallies?.[group], statements, options),
      );
      return {
        title: theme.title,
        continued: fillPlaceholders(texts.continued, { theme: theme.title }),
        firstQuestion: first,
        otherQuestions: rest,
        distribution: answered
          ? {
              title: fillPlaceholders(texts.distribution.title, { count: statements.length }),
              header: { statement: texts.distribution.group, unanswered: texts.distribution.unanswered },
              rows: groups.flatMap((g) => ('row' in g ? [g.row] : [])),
              notes: groups.flatMap((g) => ('note' in g ? [g.note] : [])),
            }
          : undefined,
      };
    }),
    focusAreas: texts.focusAreas,
  };
}

/** Its part of the content: content.dialogue, dialog.yaml's `poster:` (the action plan has the rest of the file). */
const part = { key: 'dialogue', file: 'dialog.yaml', section: 'poster', schema: dialogueSchema } as const;

export const dialogue: DocumentKind<typeof part> = {
  id: 'dialogue',
  content: part,
  documents: [
    {
      id: 'dialoguePoster',
      template: 'dialogue',
      paper: 'A3',
      answers: 'optional',
      view: (c, t, o) => dialogueView(c, t, o),
    },
  ],
};
