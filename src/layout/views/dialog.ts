// View data for the dialogue poster (A3, the guide's "Inspiration til dialog") and the
// action plan (A4, EFTER: "Drøftelser om videre forløb"). Both are made by every build; with
// answers, each theme's row names the category each group answered most across its statements.
import type { Content, Group } from '../../content/model.js';
import { mostAnswered } from '../../tally/compare.js';
import { fillPlaceholders } from '../../text.js';
import { hidesStatementCounts, type PosterOptions, type PosterTally } from './poster.js';

/** Rows to fill in on the action plan. */
const actionRows = 8;

/** One group's tendency in a theme, as printed: its most-answered category (all of them on a tie). */
function themeTendency(
  content: Content,
  group: Group,
  tally: PosterTally | undefined,
  statements: number[],
  options: PosterOptions,
): string {
  const texts = content.dialogue.poster;
  if (!tally || tally.respondents === 0) return texts.noAnswers;
  // As on the group posters: a small employee group's answers per statement stay hidden.
  if (hidesStatementCounts(content, group, tally, options))
    return fillPlaceholders(texts.hiddenSmallGroup, { minimum: content.scoring.minGroupSize });
  const most = mostAnswered(statements.map((n) => tally.statements[n - 1]));
  if (most.length === 0) return texts.noAnswers;
  return most.map((c) => content.scoring.scale[c].label).join(` ${texts.tieJoiner} `);
}

export function dialogView(
  content: Content,
  tallies: Partial<Record<Group, PosterTally>> | undefined,
  options: PosterOptions = {},
) {
  const texts = content.dialogue.poster;
  const answered = tallies !== undefined && Object.values(tallies).some((t) => t && t.respondents > 0);
  return {
    title: texts.title,
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

export function actionPlanView(content: Content) {
  const texts = content.dialogue.actionPlan;
  const { action, who, when, followUp } = texts.table.columns;
  return {
    ...texts,
    columns: [action, who, when, followUp],
    rows: Array.from({ length: actionRows }, (_, i) => i + 1),
  };
}
