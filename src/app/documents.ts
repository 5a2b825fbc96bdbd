// Which documents the material set holds: template and view of each, and its file, whose
// name comes from the content (meta.yaml `files`), so each language names its own files.
import type { Content, Group } from '../content/model.js';
import type { DocumentId } from '../content/schema.js';
import { comparisonMissing, comparisonView } from '../layout/views/compare.js';
import { actionPlanView, dialogView } from '../layout/views/dialog.js';
import { guideView, type GuideOptions } from '../layout/views/guide.js';
import { posterView, type PosterOptions, type PosterTally } from '../layout/views/poster.js';
import { testView } from '../layout/views/test.js';

/** Tallies per group, when the posters are to be pre-filled; a group without answers has none (its poster is blank). */
export type Tallies = Partial<Record<Group, PosterTally>>;

/** What the views can be asked for: posters' anonymity override, the checklist's approach. */
export type ViewOptions = PosterOptions & GuideOptions;

export interface DocumentSpec {
  /** Which file it is: its name is content.meta.files[id]. */
  id: DocumentId;
  template: string;
  view: (content: Content, tallies: Tallies | undefined, options: ViewOptions) => object;
  /** Also written as a test to fill in on screen (src/forms/), from its own view (the on-screen wording). */
  fillable?: { id: DocumentId; group: Group; view: (content: Content) => object };
  /** The group a test or poster is for. */
  group?: Group;
  /** Why the document is not made from these answers (without answers: undefined, and not made); undefined when it is. */
  notMade?: (tallies: Tallies | undefined) => string | undefined;
}

const groupNames: Record<Group, string> = { leader: 'the leaders', employee: 'the employees' };

export const documents: readonly DocumentSpec[] = [
  {
    id: 'leaderTest',
    template: 'test',
    group: 'leader',
    view: (c) => testView(c, 'leader'),
    fillable: { id: 'leaderFillable', group: 'leader', view: (c) => testView(c, 'leader', true) },
  },
  {
    id: 'employeeTest',
    template: 'test',
    group: 'employee',
    view: (c) => testView(c, 'employee'),
    fillable: { id: 'employeeFillable', group: 'employee', view: (c) => testView(c, 'employee', true) },
  },
  {
    id: 'leaderPoster',
    template: 'resultatskema',
    group: 'leader',
    view: (c, t, o) => posterView(c, 'leader', t?.leader, o),
  },
  {
    id: 'employeePoster',
    template: 'resultatskema',
    group: 'employee',
    view: (c, t, o) => posterView(c, 'employee', t?.employee, o),
  },
  { id: 'checklist', template: 'procesguide', view: (c, _t, o) => guideView(c, o) },
  {
    id: 'comparisonPoster',
    template: 'sammenligning',
    view: (c, t, o) => comparisonView(c, t, o),
    // Leaders and employees side by side: only with answers from both.
    notMade: (t) => {
      if (!t) return 'it needs answers (--responses, or --leaders and --employees)';
      const missing = comparisonMissing(t);
      return missing && `there are no answers from ${missing.map((g) => groupNames[g]).join(' and ')} to compare with`;
    },
  },
  { id: 'dialoguePoster', template: 'dialogplakat', view: (c, t, o) => dialogView(c, t, o) },
  { id: 'actionPlan', template: 'handleplan', view: (c) => actionPlanView(c) },
];

/** The name of a document's file in the output folder, as the content gives it. */
export const fileName = (content: Pick<Content, 'meta'>, id: DocumentId): string => content.meta.files[id];
