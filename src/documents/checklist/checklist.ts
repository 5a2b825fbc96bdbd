// The facilitation checklist (A4, flowing over pages): the texts of procesguide.yaml, the
// view, and its registration. It prints both approaches (Tilgang 1 and 2), or the one chosen.
import { z } from 'zod';
import type { Content } from '../../content/model.js';
import { text, texts, textWith } from '../../content/schema.js';
import { fillPlaceholders } from '../../text.js';
import { workshopLines } from '../common.js';
import { filledPosterSheets, posterSheets } from '../poster/poster.js';
import type { DocumentKind, ViewOptions } from '../types.js';

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
export const checklistSchema = z
  .object({
    title: text,
    subtitle: text,
    intro: texts.default([]), // the guide's own introduction, under the subtitle
    processOwner: z
      .object({
        heading: text,
        paragraphs: texts.min(1),
        // The guide's four-step picture of the process: an introduction and numbered steps.
        process: z
          .object({ intro: text, steps: texts.min(1) })
          .strict()
          .optional(),
      })
      .strict(),
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
            name: text, // short, e.g. "Tilgang 1": marks its own items in "Det skal du have med"
            summary: text,
            // The approach's own workshop lines (Tilgang 2: the deadline, where to send the tests).
            workshop: z
              .object({ deadline: textWith('deadline').optional(), returnTo: textWith('returnTo').optional() })
              .strict()
              .optional(),
            phases: z.array(phaseSchema).min(1),
            // What only this approach needs to bring; {{printList}}: the tests to print, how many of each
            bring: z.array(textWith('printList')).default([]),
          })
          .strict(),
      )
      .min(1),
    // {{posterSheets}} / {{filledSheets}}: how many A3 sheets a blank / a pre-filled poster is
    toolsToBring: z
      .object({
        heading: text,
        forApproach: textWith('item', 'approach'), // an approach's own item when both are printed
        printCopies: textWith('leaders', 'employees'), // {{printList}} with numbered copies
        items: z.array(textWith('posterSheets', 'filledSheets')).min(1),
      })
      .strict(),
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

/** Why `tilgang` is not an approach of the checklist (1-based, as in "Tilgang 1"), or undefined when it is. */
export function approachProblem(content: Content, tilgang: number): string | undefined {
  const { approaches } = content.checklist;
  if (Number.isInteger(tilgang) && tilgang >= 1 && tilgang <= approaches.length) return undefined;
  const choices = approaches.map((_, i) => i + 1).join(' or ');
  return `${tilgang} is not an approach of the checklist; give ${choices}`;
}

/** The approaches to print: the one asked for (checked by the caller against approachProblem), or all. */
function chosenApproaches(content: Content, tilgang: number | undefined) {
  const { approaches } = content.checklist;
  if (tilgang === undefined) return approaches;
  const problem = approachProblem(content, tilgang);
  if (problem) throw new Error(`checklist: ${problem}`);
  return [approaches[tilgang - 1]];
}

/** The paper tests to print, as the print list says: the files, or how many of each with `copies`. */
function printList(content: Content, options: ViewOptions): string {
  const { files } = content.meta;
  const copies = options.copies;
  if (!copies) return `${files.leaderTest}, ${files.employeeTest}`;
  return fillPlaceholders(content.checklist.toolsToBring.printCopies, {
    leaders: copies.leader,
    employees: copies.employee,
  });
}

export function checklistView(content: Content, options: ViewOptions = {}) {
  const guide = content.checklist;
  const categories = content.scoring.scale.map((c) => c.label).join(', ');
  const approaches = chosenApproaches(content, options.tilgang);
  const both = approaches.length > 1;
  const own = approaches.flatMap((approach) =>
    approach.bring.map((item) => {
      const filled = fillPlaceholders(item, { printList: printList(content, options) });
      return both
        ? fillPlaceholders(guide.toolsToBring.forApproach, { item: filled, approach: approach.name })
        : filled;
    }),
  );
  return {
    ...guide,
    pageLabel: content.meta.pageLabel,
    /** Workplace, unit, date and facilitator from workshop.yaml, under the subtitle; '' without one. */
    workshopLine: workshopLines(guide.workshop, content.workshop).join(' · '),
    /** "Vælg mellem to tilgange" only when the checklist has both. */
    choice: both ? guide.choice : undefined,
    toolsToBring: {
      ...guide.toolsToBring,
      items: [
        ...own,
        ...guide.toolsToBring.items.map((item) =>
          fillPlaceholders(item, { posterSheets: posterSheets(content), filledSheets: filledPosterSheets }),
        ),
      ],
    },
    calculation: {
      ...guide.calculation,
      steps: guide.calculation.steps.map((step) => ({
        ...step,
        tasks: step.tasks.map((t) => fillPlaceholders(t, { categories })),
      })),
    },
    approaches: approaches.map((approach) => {
      let n = 0; // steps are numbered through all phases of an approach, as in the guide
      return {
        ...approach,
        /** Tilgang 2's deadline and where to send the tests, from workshop.yaml; '' without. */
        workshopLine: workshopLines(approach.workshop, content.workshop).join(' · '),
        phases: approach.phases.map((phase) => ({
          name: phase.name,
          steps: phase.steps.map((step) => ({
            title: `${++n}. ${step.title}`,
            tasks: step.tasks,
            tools: step.tools.length > 0 ? `${guide.phaseColumns.tools}: ${step.tools.join(' · ')}` : '',
          })),
        })),
      };
    }),
  };
}

/** Its part of the content: content.checklist, from procesguide.yaml. */
const part = { key: 'checklist', file: 'procesguide.yaml', schema: checklistSchema } as const;

export const checklist: DocumentKind<typeof part> = {
  id: 'checklist',
  content: part,
  documents: [
    {
      id: 'checklist',
      template: 'checklist',
      paper: 'A4',
      approach: approachProblem,
      view: (c, _t, o) => checklistView(c, o),
    },
  ],
};
