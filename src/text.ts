// Small text helpers shared by the documents, the terminal tally and the messages.
import { excerptLength } from './limits.js';

/** "0–20" style point ranges, as on the original sheets (with an en dash). */
export const range = (band: { min: number; max: number }): string => `${band.min}–${band.max}`;

/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts colour and title
 * sequences, CR and LF fake a line of their own, BEL rings), DEL, C1 controls (U+009B is a CSI
 * of its own), the Unicode line and paragraph separators, and the direction overrides that
 * make text read backwards.
 */
const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const escaped = (c: string) => named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A text with its control characters shown as escapes (`\n`, `\u001b`): what input may be printed as. */
export const visible = (text: string): string => text.replace(controls, escaped);

/** Program output with its own line ends kept and every other control character escaped (the CLI's last guard). */
export const visibleLines = (text: string): string => text.replace(controls, (c) => (c === '\n' ? c : escaped(c)));

/**
 * The one way a text from an input reaches the terminal or a PDF: control characters escaped,
 * and cut to `length` characters (ending in …), so each problem is one visible, short line and a
 * message never carries a whole line of someone's data.
 */
export function excerpt(text: string, length = excerptLength): string {
  const chars = [...text];
  const shown: string[] = [];
  let used = 0;
  for (const [i, c] of chars.entries()) {
    const part = c.replace(controls, escaped);
    const last = i === chars.length - 1;
    if (used + part.length > (last ? length : length - 1)) {
      shown.push('…');
      break;
    }
    shown.push(part);
    used += part.length;
  }
  return shown.join('');
}

/** An error's message as a message quotes it: its first line, escaped and cut. */
export const errorText = (error: unknown, length = 80): string =>
  excerpt((error instanceof Error ? error.message : String(error)).split('\n')[0], length);

/** Fills {{name}} placeholders in a content text; unknown names are left as they are. */
export function fillPlaceholders(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Most characters of someone's data a message may quote (limits.ts). */
export const quoteLength = excerptLength;

/** A value as a message quotes it: in quotes, cut to a short excerpt. */
export const quote = (value: string): string => `"${excerpt(value, quoteLength)}"`;
