// The layout description: what a template produces and the renderer draws, checked where
// it enters the program (template.ts), so the renderer never meets a tree it cannot draw.
// Plain data (no pdfkit), so documents can be tested without drawing them. Templates say
// *what* is on a page; the renderer decides *how* each kind looks. Every object is strict:
// a misspelt key in a template is an error, not a silently missing feature.
import { z } from 'zod';
import { paperNames } from '../sheet/paper.js';

const align = z.enum(['left', 'center', 'right']);

/** Where a text comes from in the content, for "too long" messages: file, line and which item. */
const source = z
  .object({
    file: z.string(),
    line: z.number().int().positive().optional(),
    /** The item, e.g. `statement 8 "Jeg får…"`. */
    label: z.string(),
  })
  .strict();

const heading = z
  .object({
    kind: z.literal('heading'),
    /** 1 title, 2 section, 3 subsection, 4 step (tagged H1–H4). */
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    text: z.string(),
    /** 'band': set on a full-width grey band (the FØR / UNDER / EFTER phases). */
    style: z.literal('band').optional(),
    /**
     * Flow documents: never left alone at the foot of a page. Its section (up to the next
     * such heading of its level or above) goes onto one page when it takes at most a quarter
     * of one; else the heading goes with the start of what follows (render/pagination.ts).
     */
    keepWithNext: z.boolean().optional(),
    /**
     * With keepWithNext: its section goes onto one page whenever it fits one (a list of what
     * to bring, a checklist step with its tools line), not only when it is short.
     */
    keepSection: z.boolean().optional(),
    source: source.optional(),
  })
  .strict();

const paragraph = z
  .object({
    kind: z.literal('paragraph'),
    text: z.string(),
    style: z.enum(['lead', 'body', 'note', 'big']).optional(),
    /** 'right': set flush right (the quiet "Vend ▸" at the foot of a test's front page). */
    align: z.enum(['left', 'right']).optional(),
    source: source.optional(),
  })
  .strict();

const list = z
  .object({
    kind: z.literal('list'),
    /** bullet •, number 1., check: a tick box before each item (checklists). */
    style: z.enum(['bullet', 'number', 'check']),
    items: z.array(z.string()),
    /** 2: the items in two columns, the first half at the left (a list of short items). */
    columns: z.literal(2).optional(),
  })
  .strict();

const spacer = z
  .object({
    kind: z.literal('spacer'),
    /** In body text lines. */
    lines: z.number().nonnegative(),
  })
  .strict();

const pageBreak = z.object({ kind: z.literal('pageBreak') }).strict();

/**
 * Drawn examples of the marking rule on a paper test, on one line: each a few tick boxes
 * (an X, filled, or empty) and its label, e.g. a box with an X, and a filled box next to a
 * box with an X (a corrected answer).
 */
const markExample = z
  .object({
    kind: z.literal('markExample'),
    items: z.array(z.object({ marks: z.array(z.enum(['x', 'filled', 'empty'])).min(1), label: z.string() }).strict()),
  })
  .strict();

/**
 * The marks a scanned paper test is read back by (render/registration.ts): four corner
 * marks and a page code, drawn in the margins of the page the block is on.
 */
const registration = z
  .object({
    kind: z.literal('registration'),
    group: z.enum(['leader', 'employee']),
    /** The page of the test this block is on (1-based; numbered copies repeat the pages). */
    page: z.number().int().min(1).max(9),
    /** What the test printed, 12 hex digits (documents/test/test.ts). */
    fingerprint: z.string().regex(/^[0-9a-f]{12}$/),
    /** The sheet's number in a print run of numbered copies. */
    sheet: z.number().int().min(1).optional(),
    /** Printed beside the code when there is a sheet number, e.g. "Ark {{sheet}}"; empty for none. */
    sheetLabel: z.string().optional(),
  })
  .strict();

const column = z
  .object({
    /**
     * Relative width: a column of 4 is four times a column of 1. A column is widened (at the
     * expense of the others) when its header or a word in it would not fit otherwise.
     */
    width: z.number().positive(),
    align: align.optional(),
    /** The cells of this column name their row (tagged TH with Scope Row): the statement. */
    rowHeader: z.boolean().optional(),
    /** Where the column's header is in the content (an answer category), for messages. */
    source: source.optional(),
  })
  .strict();

const share = z.number().min(0).max(1);

const cellShapes = {
  text: z
    .object({ text: z.string(), bold: z.boolean().optional(), source: source.optional(), align: align.optional() })
    .strict(),
  /** An empty tick box (≥ 5 mm) to put an X in; name/value identify it as a form choice. */
  box: z.object({ box: z.literal(true), name: z.string().optional(), value: z.string().optional() }).strict(),
  /** An empty area to write in by hand. */
  field: z.object({ field: z.literal(true) }).strict(),
  /** A pre-filled count; shade 0..1 is how large a share of the row it is (drawn as grey). */
  count: z.object({ count: z.number().int().nonnegative(), shade: share }).strict(),
  /** A pre-filled count drawn as a bar; share 0..1 of the largest. */
  bar: z.object({ bar: z.number().int().nonnegative(), share }).strict(),
};
type CellShape = z.output<(typeof cellShapes)[keyof typeof cellShapes]>;
const anyCell = z.union([cellShapes.text, cellShapes.box, cellShapes.field, cellShapes.count, cellShapes.bar]);

/**
 * A cell is told by its key (text, box, field, count or bar), as a block by its kind: it is
 * checked against that shape only, and an error names the field. A plain union tried every
 * shape in turn and built an error for each miss — 40 % of checking a build's layouts, for
 * the thousand cells of the tests and posters.
 */
const cell: z.ZodType<CellShape> = z.any().transform((value, ctx): CellShape => {
  const key =
    value && typeof value === 'object'
      ? (Object.keys(cellShapes) as (keyof typeof cellShapes)[]).find((k) => k in value)
      : undefined;
  const checked = (key ? cellShapes[key] : anyCell).safeParse(value);
  if (checked.success) return checked.data;
  for (const issue of checked.error.issues) ctx.addIssue(issue);
  return z.NEVER;
});

const row = z
  .object({
    cells: z.array(cell),
    /** Emphasised row (the tendency band), drawn with a heavy frame and a label. */
    mark: z.string().optional(),
  })
  .strict();

const section = z
  .object({
    /** A row across the whole table naming the section (a theme). */
    title: z.string().optional(),
    /** Header cells for this section (repeated per theme in the tests). */
    header: z.array(z.string()).optional(),
    rows: z.array(row),
  })
  .strict();

const table = z
  .object({
    kind: z.literal('table'),
    columns: z.array(column).min(1),
    /** Header cells shown once above all sections. */
    header: z.array(z.string()).optional(),
    sections: z.array(section),
    /**
     * Row height: compact text rows, rows to write a number in, rows with tick boxes, rows
     * to write counts in on a poster, or a field for two rows of 76 mm post-its (never smaller).
     */
    rows: z.enum(['compact', 'write', 'boxes', 'poster', 'posterLarge', 'postIts']),
    /** Alternative text for screen readers summarising the table. */
    summary: z.string().optional(),
    /**
     * On a fixed page, every row may grow by up to this share of the normal row height to
     * take up the room left at the bottom of the page (a poster table that fills its sheet).
     */
    grow: z.number().nonnegative().optional(),
    /**
     * Columns drawn with a heavy frame from the header to the last row (the tendency band,
     * each of them when tied, on a pre-filled poster whose bands stand side by side): they
     * read without grey.
     */
    markColumns: z.array(z.number().int().nonnegative()).optional(),
    /**
     * Every row as tall as the tallest row of all the document's evenRows tables (the test's
     * statement rows): a long statement does not make its row taller than the others, and
     * on a fixed page such rows grow alike on every page.
     */
    evenRows: z.boolean().optional(),
  })
  .strict();

// The poster with leaders and employees side by side (drawn by src/render/blocks/
// compare-bands.ts and compare-statements.ts).

/** One group's numbers for one band of step 1. */
const bandGroupCell = z
  .object({
    count: z.number().int().nonnegative(),
    /** 0..1 of the group's largest band: the bar's length. */
    share,
    /** This band is the group's tendency: a heavy frame and the label. */
    tendency: z.boolean(),
  })
  .strict();

/** Step 1 for both groups: a row per band, a bar and count per group. */
const compareBands = z
  .object({
    kind: z.literal('compareBands'),
    /** Points, sentence, then one heading per group. */
    header: z.array(z.string()),
    /** The label on a group's tendency, e.g. "TENDENS". */
    tendencyLabel: z.string(),
    rows: z.array(
      z
        .object({ range: z.string(), sentence: z.string(), source: source.optional(), groups: z.array(bandGroupCell) })
        .strict(),
    ),
    /** Alternative text for screen readers summarising the table. */
    summary: z.string().optional(),
  })
  .strict();

/** One group's answers to one statement. */
const statementGroupLine = z
  .object({
    /** The group, e.g. "Ledere". */
    label: z.string(),
    /** Answers per category, in scale order: the stacked bar. */
    counts: z.array(z.number().int().nonnegative()),
    /** The mean as printed ("3,4"), or the text for no answers. */
    mean: z.string(),
    /** How many answered, as printed ("9 svar"). */
    answered: z.string(),
  })
  .strict();

const compareStatementRow = z
  .object({
    n: z.number().int().positive(),
    text: z.string(),
    /** Where the text comes from, for "too long" messages. */
    source: source.optional(),
    /** Leaders, then employees. */
    groups: z.array(statementGroupLine),
    /** employees − leaders as printed ("+0,5"), or empty when there is none. */
    difference: z.string(),
    /** A dialogue starter (one of the largest differences): a heavy frame and this label. */
    mark: z.string().optional(),
  })
  .strict();

/** Step 2 for both groups: per statement two stacked bars, the means and the difference. */
const compareStatements = z
  .object({
    kind: z.literal('compareStatements'),
    /** The category labels in scale order: the key to the bars' grey steps. */
    categories: z.array(z.string()),
    header: z.object({ statement: z.string(), answers: z.string(), mean: z.string(), difference: z.string() }).strict(),
    sections: z.array(z.object({ title: z.string(), rows: z.array(compareStatementRow) }).strict()),
    summary: z.string().optional(),
  })
  .strict();

/**
 * Step 2 of a pre-filled group poster: per statement one stacked bar of its answers, the
 * most-answered category framed (drawn by src/render/blocks/statement-bars.ts).
 */
const statementBars = z
  .object({
    kind: z.literal('statementBars'),
    /** The category labels in scale order: the key to the bars' greys. */
    categories: z.array(z.string()),
    /** The statement column's header, and the unanswered column's; the categories head the bars' column (its key). */
    header: z.object({ statement: z.string(), unanswered: z.string() }).strict(),
    sections: z.array(
      z
        .object({
          title: z.string(),
          rows: z.array(
            z
              .object({
                /** The statement's number; none for a row that is not one statement (a group's total). */
                n: z.number().int().positive().optional(),
                text: z.string(),
                source: source.optional(),
                /** Answers per category, in scale order. */
                counts: z.array(z.number().int().nonnegative()),
                /** Sheets that left the statement unanswered. */
                unanswered: z.number().int().nonnegative(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    summary: z.string().optional(),
  })
  .strict();

export const layoutDocumentSchema = z
  .object({
    title: z.string().min(1),
    /** Short description for the PDF metadata. */
    subject: z.string().optional(),
    paper: z.enum(paperNames),
    /**
     * 'fixed': every page is given by the template (pageBreak blocks) and must fit; text is
     * shrunk within limits, and the build stops if it still cannot fit (tests, posters).
     * 'flow': blocks run onto new pages as needed (the checklist).
     */
    pages: z.enum(['fixed', 'flow']),
    /** Printed at the foot of every page when there is more than one: "Side {{page}} af {{pages}}". */
    pageLabel: z.string().optional(),
    /** Pages per copy when the document is numbered copies of one: each copy is paged on its own ("Side 1 af 2"). */
    pagesPerCopy: z.number().int().positive().optional(),
    blocks: z.array(
      z.discriminatedUnion('kind', [
        heading,
        paragraph,
        list,
        table,
        spacer,
        pageBreak,
        markExample,
        compareBands,
        compareStatements,
        statementBars,
        registration,
      ]),
    ),
  })
  .strict();

export type LayoutDocument = z.infer<typeof layoutDocumentSchema>;
export type PaperSize = LayoutDocument['paper'];
export type Block = LayoutDocument['blocks'][number];
export type HeadingBlock = z.infer<typeof heading>;
export type ParagraphBlock = z.infer<typeof paragraph>;
export type ListBlock = z.infer<typeof list>;
export type SpacerBlock = z.infer<typeof spacer>;
export type PageBreakBlock = z.infer<typeof pageBreak>;
export type MarkExampleBlock = z.infer<typeof markExample>;
export type RegistrationBlock = z.infer<typeof registration>;
export type TableColumn = z.infer<typeof column>;
export type Cell = z.infer<typeof cell>;
export type TableRow = z.infer<typeof row>;
export type TableSection = z.infer<typeof section>;
export type TableBlock = z.infer<typeof table>;
export type SourceRef = z.infer<typeof source>;
export type BandGroupCell = z.infer<typeof bandGroupCell>;
export type CompareBandsBlock = z.infer<typeof compareBands>;
export type StatementGroupLine = z.infer<typeof statementGroupLine>;
export type CompareStatementRow = z.infer<typeof compareStatementRow>;
export type CompareStatementsBlock = z.infer<typeof compareStatements>;
export type StatementBarsBlock = z.infer<typeof statementBars>;
