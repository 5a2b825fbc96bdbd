// Which documents the material set holds: template and view of each, and its file, whose
// name comes from the content (meta.yaml `files`), so each language names its own files.
import type { Content, Group } from '../content/model.js';
import type { DocumentId } from '../content/schema.js';
import { guideView, type GuideOptions } from '../layout/views/guide.js';
import { posterView, type PosterOptions, type PosterTally } from '../layout/views/poster.js';
import { testView } from '../layout/views/test.js';

/** Tallies per group, when the posters are to be pre-filled. */
export type Tallies = Record<Group, PosterTally>;

/** What the views can be asked for: posters' anonymity override, the checklist's approach. */
export type ViewOptions = PosterOptions & GuideOptions;

export interface DocumentSpec {
  /** Which file it is: its name is content.meta.files[id]. */
  id: DocumentId;
  template: string;
  view: (content: Content, tallies: Tallies | undefined, options: ViewOptions) => object;
  /** Also written as a test to fill in on screen (src/forms/), made from the same pages. */
  fillable?: { id: DocumentId; group: Group };
}

export const documents: readonly DocumentSpec[] = [
  { id: 'leaderTest', template: 'test', view: (c) => testView(c, 'leader'), fillable: { id: 'leaderFillable', group: 'leader' } },
  { id: 'employeeTest', template: 'test', view: (c) => testView(c, 'employee'), fillable: { id: 'employeeFillable', group: 'employee' } },
  { id: 'leaderPoster', template: 'resultatskema', view: (c, t, o) => posterView(c, 'leader', t?.leader, o) },
  { id: 'employeePoster', template: 'resultatskema', view: (c, t, o) => posterView(c, 'employee', t?.employee, o) },
  { id: 'checklist', template: 'procesguide', view: (c, _t, o) => guideView(c, o) },
];

/** The name of a document's file in the output folder, as the content gives it. */
export const fileName = (content: Pick<Content, 'meta'>, id: DocumentId): string => content.meta.files[id];
