// The shape of the YAML files under content/<language>/. One schema per file, so a
// validation problem can always be reported against the file it came from.
import { contentFileNames } from './files.js';
import { z } from 'zod';

const nonEmpty = z.string().trim().min(1, 'must be a non-empty text');

/**
 * A text that may hold these {{placeholders}}, filled in when the document is made, and no
 * others: a typo such as {{cout}} would otherwise be printed as it is.
 */
const textWith = (...names: string[]) =>
  nonEmpty.superRefine((value, ctx) => {
    for (const [, name] of value.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
      if (names.includes(name)) continue;
      const known =
        names.length > 0
          ? `this text takes ${names.map((n) => `{{${n}}}`).join(', ')}`
          : 'this text takes no placeholders';
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `unknown placeholder {{${name}}}; ${known}` });
    }
  });

const text = textWith();
const texts = z.array(text);

/** The documents of the material set, by the name meta.yaml gives each output file. */
export const documentIds = [
  'leaderTest',
  'leaderFillable',
  'employeeTest',
  'employeeFillable',
  'leaderPoster',
  'employeePoster',
  'checklist',
  'comparisonPoster',
  'dialoguePoster',
  'actionPlan',
] as const;
export type DocumentId = (typeof documentIds)[number];

// A name, not a path: every file is written into the output folder.
const pdfFileName = nonEmpty.regex(
  /^[^/\\:*?"<>|\u0000-\u001f]+\.pdf$/i,
  'must be a file name ending in .pdf, without a folder',
);

/** The output file names: each distinct, so no document overwrites another. */
const fileNamesSchema = z
  .object(Object.fromEntries(documentIds.map((id) => [id, pdfFileName])) as Record<DocumentId, typeof pdfFileName>)
  .strict()
  .superRefine((files, ctx) => {
    const seen = new Map<string, string>();
    for (const id of documentIds) {
      const name = files[id].toLowerCase(); // the same file on Windows and macOS
      const other = seen.get(name);
      if (other)
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [id], message: `is also the file name of ${other}` });
      else seen.set(name, id);
    }
  });

/**
 * workshop.yaml (optional): whose workshop the material is for. Only the workshop and the
 * facilitator: nothing about the respondents, ever (the schema accepts no other field).
 */
// A value as it is to be printed; a bare number (a room, "2026") is printed as written.
const workshopText = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), text).optional();

export const workshopSchema = z
  .object({
    workplace: workshopText,
    unit: workshopText, // the department or group taking the test
    date: workshopText, // as it should be printed, e.g. "12. marts 2026"
    facilitator: workshopText, // the process owner's name
    deadline: workshopText, // Tilgang 2: by when the tests are sent back
    returnTo: workshopText, // Tilgang 2: where the tests are sent back (an e-mail address, a mailbox)
  })
  .strict();

/** meta.yaml: language and version of this content set. */
export const metaSchema = z
  .object({
    language: text, // BCP 47, e.g. da-DK; written into every PDF
    version: text, // bump when statements change; carried in fillable PDFs
    author: text,
    pageLabel: textWith('page', 'pages'), // at the foot of each page of a document of more than one: "Side {{page}} af {{pages}}"
    files: fileNamesSchema, // output file names, in the content's language
  })
  .strict();

/** skala.yaml: the scoring model (answer scale, point bands, anonymity threshold). */
export const scoringSchema = z
  .object({
    scale: z
      .array(
        z
          .object({
            label: text, // printed on the tests and sheets
            aliases: texts.default([]), // other spellings accepted in answer files, e.g. "Som oftest"
            points: z.number().int('must be a whole number'),
          })
          .strict(),
      )
      .min(2, 'needs at least two answer categories'),
    bands: z
      .array(
        z
          .object({
            min: z.number().int('must be a whole number'),
            max: z.number().int('must be a whole number'),
            sentence: text,
          })
          .strict(),
      )
      .min(1, 'needs at least one band'),
    minGroupSize: z.number().int().min(1), // smaller employee groups get no per-statement counts on posters
  })
  .strict();

/** udsagn.yaml: the 20 statements, in themes, each in a leader and an employee version. */
export const statementsSchema = z
  .object({
    themes: z
      .array(
        z
          .object({
            title: text,
            statements: z
              // short: a label both versions share, for the comparison poster (else the employee wording)
              .array(z.object({ leader: text, employee: text, short: text.optional() }).strict())
              .min(1, 'a theme needs at least one statement'),
          })
          .strict(),
      )
      .min(1, 'needs at least one theme'),
  })
  .strict();

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
        instructions: texts,
        columns: z.object({ category: text, count: text, points: text, total: text }).strict(),
        totalLabel: text,
        bandsHeading: text,
        bandsIntro: text,
      })
      .strict(),
  })
  .strict();

const groupSheetSchema = z.object({ title: text, group: text, groupPlural: text }).strict();

/** Step 1 of a result poster (a group's, or both side by side): the band table's texts. */
const step1Texts = { heading: text, intro: texts, pointsColumn: text, sentenceColumn: text, tendencyLabel: text };
/** Step 2 of a result poster: the statement table's texts both kinds of poster have. */
const step2Texts = { heading: text, intro: texts, statementColumn: text };

/** resultatskema.yaml: texts of the A3 result posters. */
export const resultSheetSchema = z
  .object({
    leader: groupSheetSchema,
    employee: groupSheetSchema,
    step1: z
      .object({
        ...step1Texts,
        countColumn: text,
        incompleteNote: textWith('count'), // sheets left out of step 1
        respondentsLabel: text,
      })
      .strict(),
    step2: z
      .object({
        ...step2Texts,
        unansweredColumn: text,
        smallGroupNote: textWith('count', 'minimum'),
      })
      .strict(),
  })
  .strict();

const guideStepSchema = z
  .object({
    title: text,
    tasks: texts.min(1),
    tools: texts.default([]),
  })
  .strict();

const phaseSchema = z.object({ name: text, steps: z.array(guideStepSchema).min(1) }).strict();

const questionGroupSchema = z.object({ heading: text, intro: z.string().optional(), questions: texts.min(1) }).strict();

/** procesguide.yaml: the facilitation checklist. */
export const processGuideSchema = z
  .object({
    title: text,
    subtitle: text,
    intro: texts.default([]), // the guide's own introduction, under the subtitle
    processOwner: z.object({ heading: text, paragraphs: texts.min(1) }).strict(),
    choice: z.object({ heading: text, options: texts.min(1) }).strict(),
    phaseColumns: z.object({ tasks: text, tools: text }).strict(),
    // The workshop.yaml lines under the subtitle, each printed when the file gives its value.
    workshop: z
      .object({
        workplace: textWith('workplace'),
        unit: textWith('unit'),
        date: textWith('date'),
        facilitator: textWith('facilitator'),
      })
      .strict(),
    approaches: z
      .array(
        z
          .object({
            title: text,
            summary: text,
            // The approach's own workshop lines (Tilgang 2: the deadline, where to send the tests).
            workshop: z
              .object({ deadline: textWith('deadline').optional(), returnTo: textWith('returnTo').optional() })
              .strict()
              .optional(),
            phases: z.array(phaseSchema).min(1),
          })
          .strict(),
      )
      .min(1),
    // {{posterSheets}}: how many A3 sheets a poster is
    toolsToBring: z.object({ heading: text, items: z.array(textWith('posterSheets')).min(1) }).strict(),
    calculation: z
      .object({
        heading: text,
        intro: texts,
        // {{categories}}: the scale's labels, so the text follows a renamed label
        steps: z.array(z.object({ title: text, tasks: z.array(textWith('categories')).min(1) }).strict()).min(1),
        // The general questions the two steps lead to, as in the process guide.
        dialogueBasis: z
          .object({ intro: text, questions: texts.min(1), closing: texts.default([]) })
          .strict()
          .optional(),
      })
      .strict(),
    dialogue: z
      .object({
        heading: text,
        intro: texts,
        groups: z.array(questionGroupSchema).min(1),
      })
      .strict(),
    // Who to ask for help: printed last, as on the back of the process guide.
    contact: z.object({ heading: text, paragraphs: texts, web: text.optional() }).strict().optional(),
  })
  .strict();

/** sammenligning.yaml: texts of the poster with leaders and employees side by side. */
export const comparisonSchema = z
  .object({
    title: text,
    subject: text,
    respondentsLine: textWith('leaders', 'employees'),
    groups: z.object({ leader: text, employee: text }).strict(), // row labels, e.g. "Ledere"
    step1: z
      .object({
        ...step1Texts,
        incompleteNote: textWith('leaders', 'employees'), // sheets left out of step 1, per group
      })
      .strict(),
    step2: z
      .object({
        ...step2Texts,
        answersColumn: text,
        meanColumn: text,
        differenceColumn: text,
        answered: textWith('count'), // beside a bar: how many answered
        noAnswers: text, // in place of a mean nobody gave
        dialogueLabel: text, // the mark on the largest differences
        largestHeading: text, // over the largest differences in the terminal (mus tally)
        smallGroupNote: textWith('count', 'minimum'),
      })
      .strict(),
  })
  .strict();

/** dialog.yaml: the dialogue poster (the guide's "Inspiration til dialog") and the action plan (EFTER). */
export const dialogueSchema = z
  .object({
    poster: z
      .object({
        title: text,
        intro: texts,
        questions: texts.length(3, 'needs the three questions asked of each theme'),
        themeLine: textWith('theme', 'tendency'), // a theme's row with answers; tendency is tendencyLine
        tendencyLine: textWith('leaders', 'employees'), // each group's most-answered category
        noAnswers: text,
        hiddenSmallGroup: textWith('minimum'),
        tieJoiner: text, // between categories answered equally often, e.g. "og"
        focusAreas: z.object({ heading: text, questions: texts.min(1) }).strict(),
      })
      .strict(),
    actionPlan: z
      .object({
        title: text,
        subtitle: text,
        questions: texts.min(1),
        table: z
          .object({
            heading: text,
            columns: z.object({ action: text, who: text, when: text, followUp: text }).strict(),
          })
          .strict(),
        help: text,
      })
      .strict(),
  })
  .strict();

export type Meta = z.infer<typeof metaSchema>;
export type Scoring = z.infer<typeof scoringSchema>;
export type Category = Scoring['scale'][number];
export type Band = Scoring['bands'][number];
export type Statements = z.infer<typeof statementsSchema>;
export type TestTexts = z.infer<typeof testSchema>;
export type ResultSheetTexts = z.infer<typeof resultSheetSchema>;
export type ProcessGuide = z.infer<typeof processGuideSchema>;
export type ComparisonTexts = z.infer<typeof comparisonSchema>;
export type DialogueTexts = z.infer<typeof dialogueSchema>;
export type Workshop = z.infer<typeof workshopSchema>;

/** Which file holds which part of the content, and the schema it must satisfy. */
export const contentFiles = {
  meta: { file: contentFileNames.meta, schema: metaSchema },
  scoring: { file: contentFileNames.scoring, schema: scoringSchema },
  statements: { file: contentFileNames.statements, schema: statementsSchema },
  test: { file: contentFileNames.test, schema: testSchema },
  resultSheet: { file: contentFileNames.resultSheet, schema: resultSheetSchema },
  processGuide: { file: contentFileNames.processGuide, schema: processGuideSchema },
  comparison: { file: contentFileNames.comparison, schema: comparisonSchema },
  dialogue: { file: contentFileNames.dialogue, schema: dialogueSchema },
} as const;
