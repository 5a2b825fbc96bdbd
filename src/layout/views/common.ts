// Pieces of view data shared by several documents.
import type { Content, Group } from '../../content/model.js';
import { excerpt } from '../../text.js';

/** The themes with the statement texts of one version of the test. */
export function themesFor(content: Content, group: Group) {
  return content.statements.themes.map((theme) => ({
    title: theme.title,
    statements: content.numbered
      .filter((s) => s.theme === theme.title)
      .map((s) => ({ n: s.n, text: s[group], source: { ...s.source[group], label: `statement ${s.n} "${excerpt(s[group])}"` } })),
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
