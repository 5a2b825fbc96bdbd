// Scanned paper tests into respondents: every page of every scan file is read one at a time
// (read-page.ts), the pages are paired into sheets (sheets.ts), the corrections beside the
// scans are applied, and what still needs a look goes to the review sheet and the corrections
// file beside the scans. Rows that need a look count as unanswered until corrected, and
// each is named in a notice: the numbers come first, the doubts are listed, none is guessed.
import { basename, dirname, join } from 'node:path';
import type { Content, Group } from '../../../content/model.js';
import { displayPath, isExhaustion, type Problem } from '../../../errors.js';
import { excerpt } from '../../../text.js';
import type { Notice, Respondent, Responses } from '../../types.js';
import { correctionsFileName, correctionsText, readCorrections } from './corrections.js';
import { scanPages } from './decode.js';
import type { ScanPrinting } from './geometry.js';
import type { PageReader } from './page-readers.js';
import type { ReadMemo } from '../../memo.js';
import type { PageResult } from './read-page.js';
import { reviewFileName, reviewSheet, rowLine, type ReviewRow } from './review.js';
import {
  pageRef,
  spotCheckOrder,
  summaryLine,
  type PageRef,
  type PhotoRef,
  type Reading,
  type ScanReport,
} from './report.js';
import { pairSheets, type ScannedPage } from './sheets.js';

export { isScanInput } from './detect.js';

export interface ScanInput {
  file: string;
  /** Set when the file was given with --leaders/--employees. */
  group?: Group;
}

export interface FlaggedRow {
  sheet: string;
  group: Group;
  statement: number;
  file: string;
  page: number;
  reason: string;
}

export interface ScanResult {
  responses: Responses;
  /** Rows that need a look (counted as unanswered). */
  flagged: FlaggedRow[];
  /** Pages and sheets that cannot be counted, one line each (--skip-invalid lists them). */
  problems: Problem[];
  /** The files the problems are in. */
  problemFiles: Set<string>;
  /** Pages read and how, and how sure each reading is. */
  report: ScanReport;
}

export interface ScanOptions {
  /** Where the tests print their boxes, and the drawer of the review sheet (app/scans.ts). */
  printing: ScanPrinting;
  notice?: Notice;
  /** What was read of unchanged scan files before (the app's): their pages are not read again. */
  memo?: ReadMemo;
}

/** "13–20", or "3, 5, 7–9": statement numbers for a message. */
function spans(numbers: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    parts.push(j > i ? `${numbers[i]}–${numbers[j]}` : String(numbers[i]));
    i = j;
  }
  return parts.join(', ');
}

const groupWords = (content: Content) => (group: Group) => content.resultSheet[group].group;

/**
 * A scan file none of whose pages could be counted is an error, not a row of skips: a photo
 * of a test whose marks were not found, or a damaged image, would otherwise leave the
 * posters blank while the build succeeds.
 */
function unreadFiles(
  inputs: ScanInput[],
  skipped: Map<string, number>,
  pages: ScannedPage[],
  problems: Problem[],
): Problem[] {
  const files = [...new Set(inputs.map((input) => input.file))];
  return files
    .filter((file) => !pages.some((p) => p.file === file) && !problems.some((p) => p.file === file))
    .map((file) => {
      const count = skipped.get(file) ?? 0;
      // No page at all came out of it: nothing was blank, the file is damaged (or holds no page).
      if (count === 0)
        return {
          file,
          message: 'holds no page that could be decoded (it is damaged or empty); scan it or send it again',
        };
      const what = count === 1 ? 'its page is' : `all its ${count} pages are`;
      return {
        file,
        message: `no page in it could be read as a page of a MUS test (${what} blank or without the corner marks and code); scan the tests again, whole and straight, at 300 dpi`,
        kind: 'scanNoTestPage' as const,
      };
    });
}

export async function readScans(inputs: ScanInput[], content: Content, options: ScanOptions): Promise<ScanResult> {
  const { geometry } = options.printing;
  const pageCounts = new Map<Group, number>();
  const problems: Problem[] = [];
  const pages: ScannedPage[] = [];
  const fromThreeMarks: PageRef[] = [];
  const photos: PhotoRef[] = [];
  const skipped = new Map<string, number>(); // pages skipped in each file
  const take = async (file: string, group: Group | undefined, page: number, result: PageResult) => {
    const at = { file, field: `page ${page}` };
    if (result.kind === 'skip') skipped.set(file, (skipped.get(file) ?? 0) + 1);
    if (result.kind === 'skip') options.notice?.({ ...at, message: result.notice, kind: result.said });
    else if (result.kind === 'problem')
      problems.push({ ...at, message: result.message, kind: result.said, values: result.values });
    else if (group && result.code.group !== group) {
      problems.push({
        ...at,
        message: `is a page of the ${result.code.group} test, but the file was given as ${group === 'leader' ? '--leaders' : '--employees'}`,
        kind: 'scanWrongGroup',
        values: { group: content.comparison.groups[result.code.group], given: content.comparison.groups[group] },
      });
    } else {
      pageCounts.set(result.code.group, (await geometry(result.code.group)).pages.length);
      if (result.turn === 180)
        options.notice?.({ ...at, message: 'was scanned upside down; read turned', kind: 'upsideDown' });
      // A photo is taken any way round the phone is held: only a scan fed sideways is said.
      else if (result.turn !== 0 && !result.photo)
        options.notice?.({ ...at, message: 'was scanned sideways; read turned', kind: 'sideways' });
      if (result.marks === 3) fromThreeMarks.push(pageRef(file, page));
      if (result.photo) photos.push({ ...pageRef(file, page), turn: result.turn, ...result.shape });
      pages.push({ file, page, code: result.code, statements: result.statements });
    }
  };
  // Pages are read as they are decoded, several at a time, and taken in scanned order; the
  // page readers (and the tests they measure against, rendered first) are started only when a
  // page is to be read at all: not when all are in the memo, nor for a file refused from its
  // header, so that a refusal comes in well under a second.
  let reader: PageReader | undefined;
  const openReader = async () => {
    const opened = (await import('./page-readers.js')).openPageReader({ contentDir: content.dir, geometry });
    options.printing.prepare?.();
    return opened;
  };
  const readFilePages = async (file: string) => {
    const read: { page: number; result: PageResult }[] = [];
    const reading: { page: number; result: Promise<PageResult> }[] = [];
    const takeFirst = async () => {
      const first = reading.shift()!;
      read.push({ page: first.page, result: await first.result });
    };
    let problem: Problem | undefined;
    try {
      for await (const scanned of scanPages(file)) {
        const result: Promise<PageResult> = scanned.problem
          ? Promise.resolve({ kind: 'problem', message: scanned.problem })
          : (reader ??= await openReader()).read(scanned);
        result.catch(() => undefined); // awaited in turn below; a failure is not unhandled meanwhile
        reading.push({ page: scanned.page, result });
        if (reading.length >= (reader?.capacity ?? 1)) await takeFirst();
      }
    } catch (error) {
      if (!isExhaustion(error)) throw error;
      problem = { file, message: 'is damaged (its page tree loops or nests too deep); scan it again' };
    }
    while (reading.length > 0) await takeFirst();
    return { read, problem };
  };
  try {
    for (const { file, group } of inputs) {
      const { read, problem } = options.memo
        ? await options.memo.recall(file, 'scan pages', () => readFilePages(file))
        : await readFilePages(file);
      for (const { page, result } of read) await take(file, group, page, result);
      if (problem) problems.push(problem);
    }
  } finally {
    await reader?.close();
  }
  problems.push(...unreadFiles(inputs, skipped, pages, problems));
  const { sheets, problems: pairing } = pairSheets(pages, {
    pageCount: (g) => pageCounts.get(g) ?? 0,
    groupWord: groupWords(content),
  });
  problems.push(...pairing);

  const place = inputs.length > 0 ? dirname(inputs[0].file) : '.';
  const correctionsFile = join(place, correctionsFileName);
  const corrections = readCorrections(correctionsFile, content.scoring.scale, content.numbered.length);
  // A correction for a sheet that is not in these scans would be lost without a word.
  const sheetIds = new Set(sheets.map((s) => s.id));
  for (const sheet of corrections.keys())
    if (!sheetIds.has(sheet))
      options.notice?.({
        file: correctionsFile,
        message: `has answers for sheet ${excerpt(sheet)}, which is not in the scans; not applied`,
        kind: 'correctionForMissingSheet',
        values: { sheet: excerpt(sheet) },
      });
  const responses: Responses = { leader: [], employee: [] };
  const readings: Reading[] = [];
  const labels = content.scoring.scale.map((c) => c.label);
  const reading = (
    sheet: string,
    statement: number,
    category: number | null | undefined,
    how: Reading['how'],
    margin: number,
  ): Reading => ({ sheet, statement, answer: category == null ? null : labels[category], how, margin });
  const review: (ReviewRow & { group: Group })[] = [];
  for (const sheet of sheets) {
    const answers: (number | null)[] = Array(content.numbered.length).fill(null);
    const corrected = corrections.get(sheet.id);
    if (sheet.missing) {
      // A side not in the scans: its statements are unanswered (unless corrected by hand), and listed.
      const present = sheet.pages[0];
      const { pages: printed } = await geometry(sheet.group);
      for (const n of sheet.missing) {
        const numbers = (printed[n - 1] ?? []).map((s) => s.n);
        options.notice?.({
          file: present.file,
          field: `page ${present.page}`,
          message: `sheet ${sheet.id}: page ${n} (${n === 1 ? 'the front' : 'the back'}) is missing from the scans; counted with statement${numbers.length === 1 ? '' : 's'} ${spans(numbers)} unanswered, as an incomplete sheet`,
          kind: 'missingPage',
          values: { sheet: sheet.id, page: String(n), statements: spans(numbers) },
        });
        for (const statement of numbers) {
          const correction = corrected?.get(statement);
          readings.push(
            reading(sheet.id, statement, correction, correction === undefined ? 'missing' : 'corrected', 0),
          );
          if (correction !== undefined) answers[statement - 1] = correction;
          else {
            review.push({
              sheet: sheet.id,
              group: sheet.group,
              statement,
              file: basename(present.file),
              page: present.page,
              reason: n === 1 ? 'front-missing' : 'back-missing',
            });
          }
        }
      }
    }
    for (const page of sheet.pages) {
      for (const s of page.statements) {
        const correction = corrected?.get(s.n);
        if (correction !== undefined) readings.push(reading(sheet.id, s.n, correction, 'corrected', s.margin));
        else if (s.decision.kind === 'flagged') readings.push(reading(sheet.id, s.n, null, 'flagged', 0));
        else
          readings.push(
            reading(sheet.id, s.n, s.decision.kind === 'answer' ? s.decision.category : null, 'read', s.margin),
          );
        if (correction !== undefined) answers[s.n - 1] = correction;
        else if (s.decision.kind === 'answer') answers[s.n - 1] = s.decision.category;
        else if (s.decision.kind === 'flagged') {
          review.push({
            sheet: sheet.id,
            group: sheet.group,
            statement: s.n,
            file: basename(page.file),
            page: page.page,
            reason: s.decision.reason,
            picture: s.picture,
          });
        }
      }
    }
    const respondent: Respondent = { id: `sheet ${sheet.id}`, answers };
    responses[sheet.group].push(respondent);
  }

  const texts = content.test.review;
  const flagged: FlaggedRow[] = review.map((r) => ({
    sheet: r.sheet,
    group: r.group,
    statement: r.statement,
    file: r.file,
    page: r.page,
    reason: texts ? texts.reasons[r.reason] : r.reason,
  }));
  if (review.length > 0 && texts) {
    // A missing side was said once for its sheet above.
    for (const row of review.filter((r) => r.reason !== 'front-missing' && r.reason !== 'back-missing'))
      options.notice?.({
        file: '',
        message: `${rowLine(texts, row)}: counted as unanswered until corrected in ${displayPath(correctionsFile)}`,
        kind: 'rowNeedsLook',
        values: { row: rowLine(texts, row), corrections: displayPath(correctionsFile) },
      });
    const reviewFile = join(place, reviewFileName);
    const rows = review.map((r) => ({ sheet: r.sheet, statement: r.statement, note: texts.reasons[r.reason] }));
    const corrections = correctionsText(texts.corrections, correctionsFile, rows);
    const needs = { count: String(review.length) };
    const need = `${review.length} answer${review.length === 1 ? '' : 's'} on the scans need${review.length === 1 ? 's' : ''} a look`;
    try {
      options.printing.writeBeside(
        reviewFile,
        await options.printing.reviewSheet(
          reviewSheet(texts, review, { labels, statement: (group, n) => content.numbered[n - 1]?.[group] ?? '' }),
        ),
      );
      options.printing.writeBeside(correctionsFile, corrections);
      options.notice?.({
        file: '',
        message: `${need}: see ${displayPath(reviewFile)} and write the answers into ${displayPath(correctionsFile)}`,
        kind: 'reviewWritten',
        values: { ...needs, review: displayPath(reviewFile), corrections: displayPath(correctionsFile) },
      });
    } catch (error) {
      // The numbers stand without the review files; the rows were listed above.
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      options.notice?.({
        file: '',
        message: `${need}, but ${displayPath(reviewFile)} and ${displayPath(correctionsFile)} cannot be written (${code}); write the answers into ${correctionsFileName} beside the scans by hand`,
        kind: 'reviewNotWritten',
        values: { ...needs, review: displayPath(reviewFile), corrections: displayPath(correctionsFile), code },
      });
    }
  }
  const report: ScanReport = {
    pages: pages.length,
    fromThreeMarks,
    photos,
    rowsFlagged: review.length,
    rowsCorrected: readings.filter((r) => r.how === 'corrected').length,
    readings: spotCheckOrder(readings),
  };
  // Said when there is something to say: a clean reading stays quiet, as every other reading does.
  const noteworthy = fromThreeMarks.length + photos.length + report.rowsFlagged + report.rowsCorrected > 0;
  if (noteworthy)
    options.notice?.({
      file: '',
      message: summaryLine(report),
      kind: 'scanSummary',
      values: {
        pages: String(report.pages),
        threeMarks: String(fromThreeMarks.length),
        photos: String(photos.length),
        flagged: String(report.rowsFlagged),
        corrected: String(report.rowsCorrected),
      },
    });
  return { responses, flagged, problems, problemFiles: new Set(problems.map((p) => p.file)), report };
}
