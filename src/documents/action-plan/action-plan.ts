// The action plan (A4, EFTER: "Drøftelser om videre forløb"), to fill in by hand: the texts of
// dialog.yaml's `actionPlan:`, the view, and its registration.
import { z } from 'zod';
import type { Content } from '../../content/model.js';
import { text, texts } from '../../content/schema.js';
import { workshopHeader } from '../common.js';
import type { DocumentKind } from '../types.js';

/** dialog.yaml `actionPlan:`: the action plan's texts. */
export const actionPlanSchema = z
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
  .strict();

/** Rows to fill in on the action plan. */
const actionRows = 8;

export function actionPlanView(content: Content) {
  const texts = content.actionPlan;
  const { action, who, when, followUp } = texts.table.columns;
  return {
    ...texts,
    columns: [action, who, when, followUp],
    /** Unit, workplace and date from workshop.yaml under the title; '' without one. */
    workshopLine: workshopHeader(content.workshop, ['unit', 'workplace', 'date']),
    rows: Array.from({ length: actionRows }, (_, i) => i + 1),
  };
}

/** Its part of the content: content.actionPlan, dialog.yaml's `actionPlan:`. */
const part = { key: 'actionPlan', file: 'dialog.yaml', section: 'actionPlan', schema: actionPlanSchema } as const;

export const actionPlan: DocumentKind<typeof part> = {
  id: 'action-plan',
  content: part,
  documents: [{ id: 'actionPlan', template: 'action-plan', paper: 'A4', view: (c) => actionPlanView(c) }],
};
