// Pieces of view data shared by several documents.
import type { Content, Group } from '../../content/model.js';

/** "0-20" style ranges, as on the original sheets (with an en dash). */
export const range = (band: { min: number; max: number }) => `${band.min}–${band.max}`;

/** The themes with the statement texts of one version of the test. */
export function themesFor(content: Content, group: Group) {
  return content.statements.themes.map((theme) => ({
    title: theme.title,
    statements: content.numbered
      .filter((s) => s.theme === theme.title)
      .map((s) => ({ n: s.n, text: s[group], source: `${s.source[group]} statement ${s.n} "${excerpt(s[group])}"` })),
  }));
}

/** The start of a long text, to name it in a message. */
export const excerpt = (text: string, length = 40) => (text.length <= length ? text : `${text.slice(0, length - 1)}…`);

/** Fills {{name}} placeholders in a content text. */
export function fillPlaceholders(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
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
