// The shape of the YAML files under content/<language>/ that every document shares (meta,
// scale, statements, workshop), and the text rules each document's own schema is made of
// (src/documents/<id>/). One schema per file, so a problem is reported against its file.
import { z } from 'zod';
import { maxWorkshopTextLength } from '../limits.js';

export const nonEmpty = z.string().trim().min(1, 'must be a non-empty text');

/**
 * A text that may hold these {{placeholders}}, filled in when the document is made, and no
 * others: a typo such as {{cout}} would otherwise be printed as it is.
 */
export const textWith = (...names: string[]) =>
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

export const text = textWith();
export const texts = z.array(text);

// A name, not a path: every file is written into the output folder.
const pdfFileName = nonEmpty.regex(
  /^[^/\\:*?"<>|\u0000-\u001f]+\.pdf$/i,
  'must be a file name ending in .pdf, without a folder',
);

/** The output file names, one per document (by its key in `files`): each distinct, so no document overwrites another. */
const fileNamesSchema = (documentIds: readonly string[]) =>
  z
    .object(Object.fromEntries(documentIds.map((id) => [id, pdfFileName])) as Record<string, typeof pdfFileName>)
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
// Its length is checked here, so that a line too long is named in workshop.yaml, not found
// after every document has been laid out, in the first that it does not fit.
const workshopText = z
  .preprocess(
    (v) => (typeof v === 'number' ? String(v) : v),
    text.refine((v) => v.length <= maxWorkshopTextLength, {
      message: `is too long: a workshop detail is at most ${maxWorkshopTextLength} characters (it is printed in the documents' headers)`,
    }),
  )
  .optional();

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

/** meta.yaml: language and version of this content set, and the file name of each document (by its id). */
export const metaSchemaFor = (documentIds: readonly string[]) =>
  z
    .object({
      language: text, // BCP 47, e.g. da-DK; written into every PDF
      version: text, // bump when statements change; carried in fillable PDFs
      author: text,
      pageLabel: textWith('page', 'pages'), // at the foot of each page of a document of more than one: "Side {{page}} af {{pages}}"
      files: fileNamesSchema(documentIds), // output file names, in the content's language
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
              // short: a neutral label both versions share, required: the comparison poster and the
              // one-sheet pre-filled posters show it (a poster read by both groups names no speaker)
              .array(z.object({ leader: text, employee: text, short: text }).strict())
              .min(1, 'a theme needs at least one statement'),
          })
          .strict(),
      )
      .min(1, 'needs at least one theme'),
  })
  .strict();

export type Meta = z.infer<ReturnType<typeof metaSchemaFor>>;
export type Scoring = z.infer<typeof scoringSchema>;
export type Category = Scoring['scale'][number];
export type Band = Scoring['bands'][number];
export type Statements = z.infer<typeof statementsSchema>;
export type Workshop = z.infer<typeof workshopSchema>;
