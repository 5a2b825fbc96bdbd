// `mus tally FILE`: the poster numbers for a responses file, as JSON or as a
// table to check in the terminal before printing.
import { saveCaches } from '../cache/persistent.js';
import { loadContentCached } from '../content/cached.js';
import type { Content, Group } from '../content/model.js';
import { readResponseSources, type Notices, type ResponseSources } from '../responses/sources.js';
import { answerSheets } from '../responses/types.js';
import { tallyResponses, type GroupTally, type TallyResult } from '../tally/tally.js';
import { excerpt, fillPlaceholders, range } from '../text.js';

export interface TallyOptions {
  sources: ResponseSources;
  contentDir: string;
  json: boolean;
  /** Leave out (and list) returned tests and files that cannot be counted. */
  skipInvalid?: boolean;
}

export interface TallyIo {
  stdout: (text: string) => void;
  /** Notices about the input (e.g. ignored columns of a survey export); never mixed into stdout. */
  notices?: Notices;
}

export async function runTally(opts: TallyOptions, io: TallyIo): Promise<void> {
  const content = await loadContentCached(opts.contentDir);
  const responses = await readResponseSources(opts.sources, content, { notices: io.notices, skipInvalid: opts.skipInvalid });
  const result = tallyResponses(answerSheets(responses), content);
  // Rows of scanned paper tests that need a look are listed with the numbers (they also went to stderr).
  const json = responses.flagged ? { ...result, flagged: responses.flagged } : result;
  io.stdout(opts.json ? `${JSON.stringify(json, null, 2)}\n` : formatTallyTables(result, content));
  saveCaches();
}

const statementTextWidth = 40;

/** Both groups as plain-text tables: step 1 (bands) and step 2 (statements) of the posters. */
export function formatTallyTables(result: TallyResult, content: Content): string {
  const sections: [Group, GroupTally][] = [
    ['leader', result.leaders],
    ['employee', result.employees],
  ];
  return sections.map(([group, tally]) => formatGroup(group, tally, content)).join('\n');
}

function formatGroup(group: Group, tally: GroupTally, content: Content): string {
  // Headings come from the poster texts, so the terminal speaks the content's language.
  const { step1, step2 } = content.resultSheet;
  const lines = [content.resultSheet[group].title, `${step1.respondentsLabel}: ${tally.respondents}`];
  if (tally.incomplete > 0) lines.push(fillPlaceholders(step1.incompleteNote, { count: tally.incomplete }));
  lines.push('');

  const isTendency = (min: number, max: number) => tally.tendency.some((t) => t.min === min && t.max === max);
  lines.push(
    ...table(
      [step1.pointsColumn, step1.countColumn, ''],
      tally.bands.map((b) => [range(b), String(b.count), isTendency(b.min, b.max) ? `◀ ${step1.tendencyLabel}` : '']),
      [false, true, false],
    ),
  );
  lines.push('');

  const labels = content.scoring.scale.map((category) => category.label);
  lines.push(
    ...table(
      ['#', step2.statementColumn, ...labels, step2.unansweredColumn],
      tally.statements.map((s, i) => {
        const statement = content.numbered[i];
        return [String(statement.n), excerpt(statement[group], statementTextWidth), ...s.counts.map(String), String(s.unanswered)];
      }),
      [true, false, ...labels.map(() => true), true],
    ),
  );
  return `${lines.join('\n')}\n`;
}

/** Columns padded to their widest cell; numbers right-aligned. */
function table(header: string[], rows: string[][], alignRight: boolean[]): string[] {
  const widths = header.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c]))));
  const format = (cells: string[]) =>
    cells
      .map((cell, c) => {
        const pad = ' '.repeat(widths[c] - width(cell));
        return alignRight[c] ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [format(header), ...rows.map(format)].map((line) => `  ${line}`);
}

/** Display width in characters (code points, so "æ" and "–" count as one). */
function width(text: string): number {
  return [...text].length;
}

