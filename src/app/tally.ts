// `mus tally FILE`: the poster numbers for a responses file, as JSON or as a table to check
// in the terminal before printing; and the tally a pre-filled build puts on the posters.
// The one place that reads answers and counts them: inside the program the groups are
// keyed by Group (leader/employee); only the JSON printed keeps `leaders`/`employees`.
import { loadContent } from '../documents/load.js';
import { groups, type Group } from '../content/groups.js';
import type { Content } from '../content/model.js';
import { readResponseSources, type Notice, type ResponseSources } from '../responses/sources.js';
import type { FlaggedRow } from '../responses/readers/scan/read-scans.js';
import { type ScanReport, spotCheckLines } from '../responses/readers/scan/report.js';
import { answersByGroup, type Responses } from '../responses/types.js';
import { tallyResponses, type GroupTallies, type GroupTally } from '../tally/tally.js';
import { bothAnswered, compareGroups, largestDifferences, statementMean } from '../tally/compare.js';
import { dialogueStarters, formatDifference, formatMean, hidesStatementCounts } from '../tally/rules.js';
import { excerpt, fillPlaceholders, range } from '../text.js';
import { recoverOutput } from '../output.js';
import { scanPrinting } from './scans.js';

export type { ResponseSources } from '../responses/sources.js';
export type { GroupTallies } from '../tally/tally.js';

export interface AnswerOptions {
  /** Notice about the input (e.g. ignored columns of a survey export); never mixed into stdout. */
  notice?: Notice;
  /** Leave out (and list) returned tests and files that cannot be counted. */
  skipInvalid?: boolean;
}

export interface TallyOptions extends AnswerOptions {
  sources: ResponseSources;
  contentDir: string;
  json: boolean;
  /** The workshop file the tests were printed with: scans carry a fingerprint of its lines too. */
  workshopFile?: string;
  /** Scans: list this many of the least sure rows read, for a spot check against the paper. */
  spotCheck?: number;
}

export interface TallyIo {
  stdout: (text: string) => void;
  notice?: Notice;
}

/** Reads the answers of the sources and counts them per group. */
export async function tallySources(
  sources: ResponseSources,
  content: Content,
  options: AnswerOptions = {},
): Promise<GroupTallies> {
  return (await countSources(sources, content, options)).tallies;
}

/** Every respondent of the sources; scanned paper tests are read against the tests as the content prints them. */
export function readAnswers(
  sources: ResponseSources,
  content: Content,
  options: AnswerOptions = {},
): Promise<Responses> {
  // A folder whose files a build was replacing when it was stopped is put back before it is read.
  for (const path of [sources.file, ...(sources.files ?? []), sources.leader, sources.employee]) {
    if (!path) continue;
    try {
      recoverOutput(path);
    } catch {
      // not a folder, or one that cannot be written: read as it is
    }
  }
  return readResponseSources(sources, content, {
    notice: options.notice,
    skipInvalid: options.skipInvalid,
    printing: scanPrinting(content),
  });
}

/** The tallies, and the rows of scanned paper tests that need a look (counted as unanswered). */
async function countSources(
  sources: ResponseSources,
  content: Content,
  options: AnswerOptions,
): Promise<{ tallies: GroupTallies; flagged?: FlaggedRow[]; scans?: ScanReport }> {
  const responses = await readAnswers(sources, content, options);
  return {
    tallies: tallyResponses(answersByGroup(responses), content),
    flagged: responses.flagged,
    scans: responses.scans,
  };
}

export async function runTally(opts: TallyOptions, io: TallyIo): Promise<void> {
  const content = loadContent(opts.contentDir, { workshopFile: opts.workshopFile });
  const { tallies, flagged, scans } = await countSources(opts.sources, content, {
    notice: io.notice ?? opts.notice,
    skipInvalid: opts.skipInvalid,
  });
  if (scans && opts.spotCheck) for (const line of spotCheckLines(scans, opts.spotCheck)) io.notice?.(line);
  // Rows of scans that need a look are added when there are any (they also went to stderr).
  const json = { ...tallyJson(tallies, content), ...(flagged ? { flagged } : {}), ...(scans ? { scans } : {}) };
  io.stdout(opts.json ? `${JSON.stringify(json, null, 2)}\n` : formatTallyTables(tallies, content));
}

const statementTextWidth = 40;

/**
 * The tally as JSON: each statement with its mean points (null when nobody answered it) and,
 * when both groups answered, each statement's means side by side with the difference.
 */
export function tallyJson(tallies: GroupTallies, content: Content) {
  const points = content.scoring.scale.map((c) => c.points);
  const withMeans = (tally: GroupTally) => ({
    ...tally,
    statements: tally.statements.map((s) => ({ ...s, mean: statementMean(s, points) })),
  });
  // The printed JSON's keys are part of the command's output: `leaders`/`employees`, unchanged.
  const compared = bothAnswered(tallies.leader, tallies.employee)
    ? {
        comparison: compareGroups(tallies.leader, tallies.employee, points).map(
          ({ statement, leader, employee, difference }) => ({
            statement,
            leaders: leader,
            employees: employee,
            difference,
          }),
        ),
      }
    : {};
  return { leaders: withMeans(tallies.leader), employees: withMeans(tallies.employee), ...compared };
}

/** Both groups as plain-text tables: step 1 (bands) and step 2 (statements) of the posters. */
export function formatTallyTables(tallies: GroupTallies, content: Content): string {
  const tables = groups.map((group) => formatGroup(group, tallies[group], content)).join('\n');
  return bothAnswered(tallies.leader, tallies.employee)
    ? `${tables}\n${formatLargestDifferences(tallies, content)}`
    : tables;
}

/** The statements where employees and leaders differ most: the comparison poster's dialogue starters. */
function formatLargestDifferences(tallies: GroupTallies, content: Content): string {
  const texts = content.comparison;
  const { language } = content.meta;
  const points = content.scoring.scale.map((c) => c.points);
  const largest = largestDifferences(compareGroups(tallies.leader, tallies.employee, points), dialogueStarters);
  const rows = largest.map((c) => {
    const statement = content.numbered[c.statement - 1];
    const mean = (value: number | null) => (value === null ? texts.step2.noAnswers : formatMean(value, language));
    return [
      String(c.statement),
      excerpt(statement.short ?? statement.employee, statementTextWidth),
      mean(c.leader),
      mean(c.employee),
      formatDifference(c.difference!, language),
    ];
  });
  const header = [
    '#',
    texts.step2.statementColumn,
    texts.groups.leader,
    texts.groups.employee,
    texts.step2.differenceColumn,
  ];
  return `${[texts.step2.largestHeading, '', ...table(header, rows, [true, false, true, true, true])].join('\n')}\n`;
}

function formatGroup(group: Group, tally: GroupTally, content: Content): string {
  // Headings come from the poster texts, so the terminal speaks the content's language.
  const { step1, step2 } = content.resultSheet;
  const lines = [content.resultSheet[group].title, `${step1.respondentsLabel}: ${tally.respondents}`];
  if (tally.incomplete > 0) lines.push(fillPlaceholders(step1.incompleteNote, { count: tally.incomplete }));
  // The note the poster carries when it leaves out step 2 to keep a small group anonymous.
  if (tally.respondents > 0 && hidesStatementCounts(content, group, tally, {})) {
    lines.push(
      fillPlaceholders(step2.smallGroupNote, { count: tally.respondents, minimum: content.scoring.minGroupSize }),
    );
  }
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
        return [
          String(statement.n),
          excerpt(statement[group], statementTextWidth),
          ...s.counts.map(String),
          String(s.unanswered),
        ];
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
