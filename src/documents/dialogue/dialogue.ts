// The dialogue poster (A3, the guide's "Inspiration til dialog"): the texts of dialog.yaml's
// `poster:`, the view, and its registration. Made by every build; with answers, each theme's
// row names the category each group answered most across its statements.
import { z } from 'zod';
import type { Content, Group } from '../../content/model.js';
import { text, texts, textWith } from '../../content/schema.js';
import { mostAnswered } from '../../tally/compare.js';
import { hidesStatementCounts } from '../../tally/rules.js';
import { fillPlaceholders } from '../../text.js';
import { workshopHeader } from '../common.js';
import type { DocumentKind, PosterTally, Tallies, ViewOptions } from '../types.js';

/** dialog.yaml `poster:`: the dialogue poster's texts. */
export const dialogueSchema = z
  .object({
    title: text,
    intro: texts,
    questions: texts.length(3, 'needs the three questions asked of each theme'),
    themeLine: textWith('theme', 'tendency'), // a theme's row with answers; tendency is tendencyLine
    tendencyLine: textWith('leaders', 'employees'), // each group's most-answered category
    noAnswers: text,
    hiddenSmallGroup: textWith('minimum'),
    tieJoiner: text, // between categories answered equally often, e.g. "og"
    focusAreas: z.object({ heading: text, questions: texts.min(1) }).strict(),
  })
  .strict();

/** One group's tendency in a theme, as printed: its most-answered category (all of them on a tie). */
function themeTendency(
  content: Content,
  group: Group,
  tally: PosterTally | undefined,
  statements: number[],
  options: ViewOptions,
): string {
  const texts = content.dialogue;
  if (!tally || tally.respondents === 0) return texts.noAnswers;
  // As on the group posters: a small employee group's answers per statement stay hidden.
  if (hidesStatementCounts(content, group, tally, options))
    return fillPlaceholders(texts.hiddenSmallGroup, { minimum: content.scoring.minGroupSize });
  const most = mostAnswered(statements.map((n) => tally.statements[n - 1]));
  if (most.length === 0) return texts.noAnswers;
  return most.map((c) => content.scoring.scale[c].label).join(` ${texts.tieJoiner} `);
}

export function dialogueView(content: Content, tallies: Tallies | undefined, options: ViewOptions = {}) {
  const texts = content.dialogue;
  const answered = tallies !== undefined && Object.values(tallies).some((t) => t && t.respondents > 0);
  return {
    title: texts.title,
    /** Unit, workplace and date from workshop.yaml under the title; '' without one. */
    workshopLine: workshopHeader(content.workshop, ['unit', 'workplace', 'date']),
    intro: texts.intro,
    questions: texts.questions,
    themes: content.statements.themes.map((theme) => {
      const statements = content.numbered.filter((s) => s.theme === theme.title).map((s) => s.n);
      const line = fillPlaceholders(texts.tendencyLine, {
        leaders: themeTendency(content, 'leader', tallies?.leader, statements, options),
        employees: themeTendency(content, 'employee', tallies?.employee, statements, options),
      });
      return {
        title: answered ? fillPlaceholders(texts.themeLine, { theme: theme.title, tendency: line }) : theme.title,
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
