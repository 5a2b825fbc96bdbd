// Which documents the material set holds: file name, template, and the view it is given.
import type { Content, Group } from '../content/model.js';
import { guideView } from '../layout/views/guide.js';
import { posterView, type PosterOptions, type PosterTally } from '../layout/views/poster.js';
import { testView } from '../layout/views/test.js';

/** Tallies per group, when the posters are to be pre-filled. */
export type Tallies = Record<Group, PosterTally>;

export interface DocumentSpec {
  /** File name in the output folder. */
  file: string;
  template: string;
  view: (content: Content, tallies: Tallies | undefined, options: PosterOptions) => object;
  /** Also written as a test to fill in on screen (src/forms/), made from the same pages. */
  fillable?: { file: string; group: Group };
}

export const documents: readonly DocumentSpec[] = [
  { file: 'mus-test-leder.pdf', template: 'test', view: (c) => testView(c, 'leader'), fillable: { file: 'mus-test-leder-udfyldelig.pdf', group: 'leader' } },
  { file: 'mus-test-medarbejder.pdf', template: 'test', view: (c) => testView(c, 'employee'), fillable: { file: 'mus-test-medarbejder-udfyldelig.pdf', group: 'employee' } },
  { file: 'resultatskema-leder.pdf', template: 'resultatskema', view: (c, t, o) => posterView(c, 'leader', t?.leader, o) },
  { file: 'resultatskema-medarbejder.pdf', template: 'resultatskema', view: (c, t, o) => posterView(c, 'employee', t?.employee, o) },
  { file: 'procesguide-tjekliste.pdf', template: 'procesguide', view: (c) => guideView(c) },
];
