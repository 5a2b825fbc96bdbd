// Small text helpers shared by the documents, the terminal tally and the messages.

/** "0–20" style point ranges, as on the original sheets (with an en dash). */
export const range = (band: { min: number; max: number }): string => `${band.min}–${band.max}`;

/** The start of a long text (at most `length` characters, ending in …), to name it in a message or a narrow column. */
export function excerpt(text: string, length = 40): string {
  const chars = [...text];
  return chars.length <= length ? text : `${chars.slice(0, length - 1).join('')}…`;
}

/** Fills {{name}} placeholders in a content text; unknown names are left as they are. */
export function fillPlaceholders(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Most characters of someone's data a message may quote: enough to find the value, too few to leak a line of it. */
export const quoteLength = 40;

/** A value as a message quotes it: in quotes, cut to a short excerpt. */
export const quote = (value: string): string => `"${excerpt(value, quoteLength)}"`;
