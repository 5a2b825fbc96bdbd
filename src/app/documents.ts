// Which documents the material set holds: file name, template, and the view it is given.
import type { Content, Group } from '../content/model.js';
import { guideView } from '../layout/views/guide.js';
import { posterView, type PosterOptions, type PosterTally } from '../layout/views/poster.js';
import { testView, type SendBackOptions } from '../layout/views/test.js';

/** Tallies per group, when the posters are to be pre-filled. */
export type Tallies = Record<Group, PosterTally>;

export interface DocumentSpec {
  /** File name in the output folder. */
  file: string;
  template: string;
  view: (content: Content, tallies: Tallies | undefined, options: PosterOptions) => object;
  /** Also written as a test to fill in on screen (src/forms/), from its own view (the on-screen wording). */
  fillable?: { file: string; group: Group; view: (content: Content, options: SendBackOptions) => object };
}

export const documents: readonly DocumentSpec[] = [
  { file: 'mus-test-leder.pdf', template: 'test', view: (c) => testView(c, 'leader'), fillable: { file: 'mus-test-leder-udfyldelig.pdf', group: 'leader', view: (c, o) => testView(c, 'leader', true, o) } },
  { file: 'mus-test-medarbejder.pdf', template: 'test', view: (c) => testView(c, 'employee'), fillable: { file: 'mus-test-medarbejder-udfyldelig.pdf', group: 'employee', view: (c, o) => testView(c, 'employee', true, o) } },
  { file: 'resultatskema-leder.pdf', template: 'resultatskema', view: (c, t, o) => posterView(c, 'leader', t?.leader, o) },
  { file: 'resultatskema-medarbejder.pdf', template: 'resultatskema', view: (c, t, o) => posterView(c, 'employee', t?.employee, o) },
  { file: 'procesguide-tjekliste.pdf', template: 'procesguide', view: (c) => guideView(c) },
];
