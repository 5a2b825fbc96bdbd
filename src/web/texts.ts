// Every text the app's pages show, from <content>/app.yaml, checked when the app starts (a
// missing text is a content problem named with its file and field, not an empty button).
// The language of the pages is the content's (meta.yaml `language`), so another language
// is another content folder.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { linkOutMessage, linksOut } from '../paths.js';

const text = z.string().trim().min(1);
const group = z.object({ leader: text, employee: text }).strict();

export const appTextsSchema = z
  .object({
    title: text,
    skipLink: text,
    nav: z
      .object({
        label: text,
        home: text,
        settings: text,
        material: text,
        answers: text,
        review: text,
        result: text,
      })
      .strict(),
    home: z.object({ heading: text, intro: text, none: text, new: text, folder: text }).strict(),
    workshop: z
      .object({
        heading: text,
        editHeading: text,
        intro: text,
        name: text,
        nameHint: text,
        fields: z
          .object({ workplace: text, unit: text, date: text, facilitator: text, deadline: text, returnTo: text })
          .strict(),
        approach: text,
        copies: text,
        copiesHint: text,
        save: text,
        command: text,
        errors: z
          .object({
            name: text,
            exists: text,
            placeholder: text,
            tooLong: text,
            invalid: text,
            tilgang: text,
            copies: text,
          })
          .strict(),
        summary: text,
      })
      .strict(),
    material: z
      .object({
        heading: text,
        intro: text,
        pages: text,
        page: text,
        paper: text,
        thumbnail: text,
        downloadAll: text,
        edit: text,
        kinds: z
          .object({ paperTest: text, copies: text, fillableTest: text, poster: text, checklist: text, other: text })
          .strict(),
      })
      .strict(),
    answers: z
      .object({
        heading: text,
        intro: text,
        choose: text,
        chooseFolder: text,
        drop: text,
        upload: text,
        none: text,
        filesHeading: text,
        fileColumn: text,
        readAs: text,
        remove: text,
        removeLabel: text,
        kinds: z.object({ scan: text, returnedTest: text, spreadsheet: text, table: text, typed: text }).strict(),
        groupsWord: group,
        flagged: text,
        notCounted: text,
        summaryHeading: text,
        summary: text,
        incomplete: text,
        skipped: text,
        notices: text,
        tooLarge: text,
        unsupported: text,
        typeIn: text,
        review: text,
        groupOf: text,
        groupFromFile: text,
        groupSave: text,
        template: text,
        templateHint: text,
      })
      .strict(),
    typingTemplate: z
      .object({ file: text, tab: text, role: text, statement: text, rows: z.number().int().min(1).max(2000) })
      .strict(),
    entry: z
      .object({
        heading: text,
        intro: text,
        group: text,
        statement: text,
        unanswered: text,
        save: text,
        saved: text,
        comment: text,
      })
      .strict(),
    review: z
      .object({
        heading: text,
        intro: text,
        none: text,
        left: text,
        where: text,
        picture: text,
        unanswered: text,
        choose: text,
        save: text,
      })
      .strict(),
    result: z
      .object({
        heading: text,
        none: text,
        respondents: text,
        downloadPosters: text,
        posters: text,
        command: text,
        bandsChart: text,
      })
      .strict(),
    errors: z.object({ forbidden: text, notFound: text, internal: text, problem: text }).strict(),
  })
  .strict();

export type AppTexts = z.infer<typeof appTextsSchema>;

export const appTextsFile = 'app.yaml';

/** The app's texts from the content folder, with the language its pages declare. */
export function loadAppTexts(contentDir: string): { texts: AppTexts; language: string } {
  const file = join(contentDir, appTextsFile);
  if (!existsSync(file)) throw new UserError({ file, message: 'is missing: the app takes its texts from it' });
  if (linksOut(file, contentDir)) throw new UserError({ file, message: linkOutMessage });
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError({ file, message: `is not valid YAML (${(error as Error).message.split('\n')[0]})` });
  }
  const parsed = appTextsSchema.safeParse(data);
  if (!parsed.success) {
    throw new UserError(
      parsed.error.issues.map((issue) => ({
        file,
        field: issue.path.join('.'),
        message: issue.code === 'invalid_type' && issue.received === 'undefined' ? 'is missing' : issue.message,
      })),
    );
  }
  return { texts: parsed.data, language: contentLanguage(contentDir) };
}

/** The content's language as a page declares it ("da-DK" → "da-DK"); "da" without meta.yaml. */
function contentLanguage(contentDir: string): string {
  try {
    const meta = parse(readFileSync(join(contentDir, 'meta.yaml'), 'utf8')) as { language?: unknown };
    if (typeof meta?.language === 'string' && meta.language.trim()) return meta.language.trim();
  } catch {
    // the content's own loading says what is wrong with meta.yaml
  }
  return 'da';
}
