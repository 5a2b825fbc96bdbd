// The leader and the employee test (A4), each also as a fillable PDF: the texts of test.yaml,
// the view a test is drawn from, and their registration.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Content, Group } from '../../content/model.js';
import { text, texts, textWith } from '../../content/schema.js';
import { fillPlaceholders, range } from '../../text.js';
import { pagesOfThemes, scaleColumns, themesFor, workshopHeader, workshopLines } from '../common.js';
import type { DocumentKind, ViewOptions } from '../types.js';

const testVersionSchema = z
  .object({
    title: text,
    subtitle: text,
    intro: text,
    steps: texts.min(1),
  })
  .strict();

/** test.yaml onScreen: what the fillable versions say instead (click, save and send back). */
const onScreenSchema = z
  .object({
    leader: z.object({ steps: texts.min(1) }).strict(),
    employee: z.object({ steps: texts.min(1) }).strict(),
    sendBack: text, // the last step: save the file and send it back (to whom and by when: workshop.yaml)
    resultNote: text, // in place of the RESULTAT instructions
  })
  .strict();

/** test.yaml: the printed texts of the two tests and their RESULTAT box. */
export const testSchema = z
  .object({
    leader: testVersionSchema,
    employee: testVersionSchema,
    onScreen: onScreenSchema.optional(),
    marking: text.optional(), // how to mark and correct on paper, printed above the statements (a scan reads it back)
    markingExamples: z.object({ answer: text, corrected: text }).strict().optional(), // labels of its drawn examples
    sheetLabel: textWith('sheet').optional(), // beside the page code of numbered copies: "Ark {{sheet}}"
    review: z // the review sheet of rows a scan could not read for sure (gennemgang.pdf)
      .object({
        title: text,
        intro: texts,
        row: textWith('sheet', 'statement', 'file', 'page', 'reason'), // "Ark {{sheet}} · udsagn {{statement}} · {{file}} side {{page}} · {{reason}}"
        reasons: z
          .object({
            'two-marks': text,
            'unclear-box': text,
            'filled-only': text,
            'several-filled': text,
            'frame-missing': text,
            'front-missing': text, // a sheet whose front is not in the scans: its statements are unanswered
            'back-missing': text,
          })
          .strict(),
        corrections: texts, // the comment at the top of rettelser.yaml
      })
      .strict()
      .optional(),
    // Printed when workshop.yaml gives them: where to send the test back, and by when.
    workshop: z.object({ returnTo: textWith('returnTo'), deadline: textWith('deadline') }).strict(),
    turnOver: text, // quietly at the foot of every page but the last, e.g. "Vend ▸"
    result: z
      .object({
        title: text,
        instructions: texts, // the original test's words, kept as they are
        // Added under them: what to multiply, and that the crosses add up ({{statements}}: how many there are)
        clarification: textWith('statements').optional(),
        columns: z.object({ category: text, count: text, points: text, total: text }).strict(),
        totalLabel: text,
        bandsHeading: text,
        bandsIntro: text,
      })
      .strict(),
  })
  .strict();

/** Share of the statements on the first page (it also holds the instructions). */
const firstPageShare = 0.6;

/**
 * The view of a test: as printed, or (onScreen) as the fillable version says it: click
 * instead of a cross, save and send the file back, RESULTAT not needed (content's onScreen).
 */
export function testView(content: Content, group: Group, onScreen = false, options: ViewOptions = {}) {
  const screen = onScreen ? content.test.onScreen : undefined;
  const texts = screen
    ? { ...content.test[group], steps: [...screen[group].steps, screen.sendBack] }
    : content.test[group];
  const { clarification, ...resultTexts } = content.test.result;
  const result = screen
    ? { ...resultTexts, instructions: [screen.resultNote], bandsIntro: '' }
    : {
        ...resultTexts,
        instructions: [
          ...resultTexts.instructions,
          ...(clarification ? [fillPlaceholders(clarification, { statements: content.numbered.length })] : []),
        ],
      };
  const themes = themesFor(content, group);
  const perPage = Math.max(1, Math.floor(content.numbered.length * firstPageShare));
  // Where the test's own texts are, so a text too long for the page is named by file and line.
  const place = (field: string) =>
    content.placeOf && { ...content.placeOf('test', [group, field]), label: `${group}.${field}` };
  const view = {
    ...texts,
    sources: { title: place('title'), subtitle: place('subtitle'), intro: place('intro') },
    marking: onScreen ? '' : (content.test.marking ?? ''), // how to mark on paper: not on screen
    markingExamples: onScreen ? undefined : content.test.markingExamples,
    scale: scaleColumns(content),
    pages: pagesOfThemes(themes, perPage).map((pageThemes) => ({ themes: pageThemes })),
    result,
    /** The RESULTAT table to count crosses in: paper only (the fillable test is counted when it comes back). */
    resultTable: !onScreen,
    turnOver: onScreen ? '' : content.test.turnOver, // "Vend ▸": paper only
    pageLabel: content.meta.pageLabel,
    /** The unit (and workplace) taking the test, from workshop.yaml; '' without one. */
    workshopLine: workshopHeader(content.workshop, ['unit', 'workplace']),
    /**
     * Where to send the test back and by when (workshop.yaml), e.g. "Send den udfyldte test til …
     * Svarfrist: …": on the fillable test, and on the paper test only with Tilgang 2 (with
     * Tilgang 1, or both, the paper test is filled in in the room); '' without them.
     */
    returnInstruction:
      onScreen || options.tilgang === 2 ? workshopLines(content.test.workshop, content.workshop).join(' ') : '',
    bands: content.scoring.bands.map((band, i) => ({
      range: range(band),
      sentence: band.sentence,
      source: { ...content.bandSources[i], label: `band ${range(band)}` },
    })),
  };
  return {
    ...view,
    registration: {
      group,
      pages: view.pages.length,
      fingerprint: testFingerprint(view),
      sheetLabel: content.test.sheetLabel ?? '',
    },
  };
}

/**
 * What a printed test shows, as 12 hex digits in its page code: a scan is read by where
 * the test drew its boxes, and any change of text can move them. So every printed text
 * counts, but not where in the content files it came from (a comment added to a file
 * changes no sheet).
 */
function testFingerprint(view: object): string {
  const json = JSON.stringify(view, (key, value: unknown) =>
    key === 'source' || key === 'sources' ? undefined : value,
  );
  return createHash('sha256').update(json).digest('hex').slice(0, 12);
}

/** Its part of the content: content.test, from test.yaml. */
const part = { key: 'test', file: 'test.yaml', schema: testSchema } as const;

export const test: DocumentKind<typeof part> = {
  id: 'test',
  content: part,
  documents: [
    {
      id: 'leaderTest',
      template: 'test',
      paper: 'A4',
      group: 'leader',
      view: (c, _t, o) => testView(c, 'leader', false, o),
      fillable: { id: 'leaderFillable', group: 'leader', view: (c) => testView(c, 'leader', true) },
    },
    {
      id: 'employeeTest',
      template: 'test',
      paper: 'A4',
      group: 'employee',
      view: (c, _t, o) => testView(c, 'employee', false, o),
      fillable: { id: 'employeeFillable', group: 'employee', view: (c) => testView(c, 'employee', true) },
    },
  ],
};
