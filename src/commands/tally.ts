// `mus tally FILE`: the poster numbers for a responses file, as JSON or as a
// table to check in the terminal before printing.
import { saveCaches } from '../cache/persistent.js';
import { loadContentCached } from '../content/cached.js';
import type { Content, Group } from '../content/model.js';
import { tallyResponseSources, type Notices, type ResponseSources } from '../responses/sources.js';
import type { GroupTally, TallyResult } from '../tally/tally.js';
import { bothAnswered, compareGroups, largestDifferences, statementMean } from '../tally/compare.js';
import { dialogueStarters, formatDifference, formatMean } from '../layout/views/compare.js';
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
  const result = await tallyResponseSources(opts.sources, content, { notices: io.notices, skipInvalid: opts.skipInvalid });
  io.stdout(opts.json ? `${JSON.stringify(tallyJson(result, content), null, 2)}\n` : formatTallyTables(result, content));
  saveCaches();
}

const statementTextWidth = 40;

/**
 * The tally as JSON: each statement with its mean points (null when nobody answered it) and,
 * when both groups answered, each statement's means side by side with the difference.
 */
export function tallyJson(result: TallyResult, content: Content) {
  const points = content.scoring.scale.map((c) => c.points);
  const withMeans = (tally: GroupTally) => ({ ...tally, statements: tally.statements.map((s) => ({ ...s, mean: statementMean(s, points) })) });
  const compared = bothAnswered(result.leaders, result.employees) ? { comparison: compareGroups(result.leaders, result.employees, points) } : {};
  return { leaders: withMeans(result.leaders), employees: withMeans(result.employees), ...compared };
}

/** Both groups as plain-text tables: step 1 (bands) and step 2 (statements) of the posters. */
export function formatTallyTables(result: TallyResult, content: Content): string {
  const sections: [Group, GroupTally][] = [
    ['leader', result.leaders],
    ['employee', result.employees],
  ];
  const groups = sections.map(([group, tally]) => formatGroup(group, tally, content)).join('\n');
  return bothAnswered(result.leaders, result.employees) ? `${groups}\n${formatLargestDifferences(result, content)}` : groups;
}

/** The statements where employees and leaders differ most: the comparison poster's dialogue starters. */
function formatLargestDifferences(result: TallyResult, content: Content): string {
  const texts = content.comparison;
  const { language } = content.meta;
  const points = content.scoring.scale.map((c) => c.points);
  const largest = largestDifferences(compareGroups(result.leaders, result.employees, points), dialogueStarters);
  const rows = largest.map((c) => {
    const statement = content.numbered[c.statement - 1];
    const mean = (value: number | null) => (value === null ? texts.step2.noAnswers : formatMean(value, language));
    return [String(c.statement), excerpt(statement.short ?? statement.employee, statementTextWidth), mean(c.leaders), mean(c.employees), formatDifference(c.difference!, language)];
  });
  const header = ['#', texts.step2.statementColumn, texts.groups.leader, texts.groups.employee, texts.step2.differenceColumn];
  return `${[texts.step2.largestHeading, '', ...table(header, rows, [true, false, true, true, true])].join('\n')}\n`;
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

