// Pieces shared by several documents: texts their schemas have in common, and view data.
import type { Content, Group } from '../content/model.js';
import { text, texts, type Workshop } from '../content/schema.js';
import { excerpt, fillPlaceholders } from '../text.js';

/** Step 1 of a result poster (a group's, or both side by side): the band table's texts. */
export const step1Texts = {
  heading: text,
  intro: texts,
  pointsColumn: text,
  sentenceColumn: text,
  tendencyLabel: text,
};
/** Step 2 of a result poster: the statement table's texts both kinds of poster have. */
export const step2Texts = { heading: text, intro: texts, statementColumn: text };

/**
 * The lines of a content block of workshop labels whose value workshop.yaml gives, filled in
 * ("Enhed: {{unit}}" → "Enhed: HR-afdelingen"); none without a workshop.yaml.
 */
export function workshopLines(
  labels: Partial<Record<keyof Workshop, string>> | undefined,
  workshop: Workshop | undefined,
): string[] {
  if (!labels || !workshop) return [];
  return (Object.keys(labels) as (keyof Workshop)[])
    .filter((key) => workshop[key] !== undefined && labels[key] !== undefined)
    .map((key) => fillPlaceholders(labels[key]!, { [key]: workshop[key]! }));
}

/** The workshop's values for a header, without labels: "HR-afdelingen · Styrelsen X · 12. marts 2026". */
export function workshopHeader(workshop: Workshop | undefined, keys: (keyof Workshop)[]): string {
  return keys
    .map((key) => workshop?.[key])
    .filter((v): v is string => Boolean(v))
    .join(' · ');
}

/** The themes with the statement texts of one version of the test. */
/**
 * The answer categories as column headers, each with where its label is (skala.yaml), so a
 * label too long for its column is named by file and line.
 */
export function scaleColumns(content: Content) {
  return content.scoring.scale.map((category, i) => ({
    ...category,
    source: content.placeOf && {
      ...content.placeOf('scoring', ['scale', i, 'label']),
      label: `answer category ${i + 1} "${excerpt(category.label)}"`,
    },
  }));
}

export function themesFor(content: Content, group: Group) {
  return content.statements.themes.map((theme) => ({
    title: theme.title,
    statements: content.numbered
      .filter((s) => s.theme === theme.title)
      .map((s) => ({
        n: s.n,
        text: s[group],
        source: { ...s.source[group], label: `statement ${s.n} "${excerpt(s[group])}"` },
      })),
  }));
}

/** Splits themes into pages of at most `perPage` statements, never splitting a theme. */
export function pagesOfThemes<T extends { statements: unknown[] }>(themes: T[], perPage: number): T[][] {
  const pages: T[][] = [];
  let count = 0;
  for (const theme of themes) {
    if (pages.length === 0 || (count + theme.statements.length > perPage && count > 0)) {
      pages.push([]);
      count = 0;
    }
    pages[pages.length - 1].push(theme);
    count += theme.statements.length;
  }
  return pages;
}
