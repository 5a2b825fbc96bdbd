// Which documents the material set holds: file name, template, and the view it is given.
import type { Content, Group } from '../content/model.js';
import { comparisonMissing, comparisonView } from '../layout/views/compare.js';
import { actionPlanView, dialogView } from '../layout/views/dialog.js';
import { guideView } from '../layout/views/guide.js';
import { posterView, type PosterOptions, type PosterTally } from '../layout/views/poster.js';
import { testView } from '../layout/views/test.js';

/** Tallies per group, when the posters are to be pre-filled; a group without answers has none (its poster is blank). */
export type Tallies = Partial<Record<Group, PosterTally>>;

export interface DocumentSpec {
  /** File name in the output folder. */
  file: string;
  template: string;
  view: (content: Content, tallies: Tallies | undefined, options: PosterOptions) => object;
  /** Also written as a test to fill in on screen (src/forms/), made from the same pages. */
  fillable?: { file: string; group: Group };
  /** The group a test or poster is for. */
  group?: Group;
  /** Why the document is not made from these answers (without answers: undefined, and not made); undefined when it is. */
  notMade?: (tallies: Tallies | undefined) => string | undefined;
}

const groupNames: Record<Group, string> = { leader: 'the leaders', employee: 'the employees' };

export const documents: readonly DocumentSpec[] = [
  { file: 'mus-test-leder.pdf', template: 'test', view: (c) => testView(c, 'leader'), fillable: { file: 'mus-test-leder-udfyldelig.pdf', group: 'leader' } },
  { file: 'mus-test-medarbejder.pdf', template: 'test', view: (c) => testView(c, 'employee'), fillable: { file: 'mus-test-medarbejder-udfyldelig.pdf', group: 'employee' } },
  { file: 'resultatskema-leder.pdf', template: 'resultatskema', group: 'leader', view: (c, t, o) => posterView(c, 'leader', t?.leader, o) },
  { file: 'resultatskema-medarbejder.pdf', template: 'resultatskema', group: 'employee', view: (c, t, o) => posterView(c, 'employee', t?.employee, o) },
  { file: 'procesguide-tjekliste.pdf', template: 'procesguide', view: (c) => guideView(c) },
  {
    file: 'resultatskema-sammenligning.pdf', template: 'sammenligning', view: (c, t, o) => comparisonView(c, t, o),
    // Leaders and employees side by side: only with answers from both.
    notMade: (t) => {
      if (!t) return 'it needs answers (--responses, or --leaders and --employees)';
      const missing = comparisonMissing(t);
      return missing && `there are no answers from ${missing.map((g) => groupNames[g]).join(' and ')} to compare with`;
    },
  },
  { file: 'dialogplakat.pdf', template: 'dialogplakat', view: (c, t, o) => dialogView(c, t, o) },
  { file: 'handleplan.pdf', template: 'handleplan', view: (c) => actionPlanView(c) },
];
