// What a document of the material set is, as its folder registers it (src/documents/<id>/):
// its part of the content, and each file it makes with its template, paper and view.
import type { ContentPart } from '../content/load.js';
import type { Content, Group } from '../content/model.js';
import type { PaperSize } from '../sheet/paper.js';
import type { AnonymityOptions } from '../tally/rules.js';

/** The numbers a poster shows (the tally's GroupTally satisfies this). */
export interface PosterTally {
  respondents: number;
  complete: number;
  bands: { count: number }[];
  tendency: { min: number; max: number }[];
  statements: { counts: number[]; unanswered: number }[];
}

/** Tallies per group, when the posters are to be pre-filled; a group without answers has none (its poster is blank). */
export type Tallies = Partial<Record<Group, PosterTally>>;

/** What the views can be asked for: the posters' anonymity override, the checklist's approach. */
export interface ViewOptions extends AnonymityOptions {
  /** Print only this approach (1-based, as in "Tilgang 1"); all when absent. */
  tilgang?: number;
  /** Numbered copies to print of each test (mus build --copies), for the checklist's print list. */
  copies?: Record<Group, number>;
}

/** One file of the material set. */
export interface DocumentSpec {
  /** Its key in meta.yaml `files`, which names its file in the output folder. */
  id: string;
  /** Its template, templates/<template>.hbs (the document kind's id). */
  template: string;
  /** The folder of the template when it is not the top-level templates/ (a document added for one build). */
  templateDir?: string;
  /** The paper the template draws on. */
  paper: PaperSize;
  /** The group a test or poster is for. */
  group?: Group;
  /** Answers pre-fill it ('optional'), or it is made only from both groups' answers ('both groups'); absent: never. */
  answers?: 'optional' | 'both groups';
  /** It prints the approach chosen (`tilgang`, all when none): why a number is not one of the content's, or undefined. */
  approach?: (content: Content, tilgang: number) => string | undefined;
  view: (content: Content, tallies: Tallies | undefined, options: ViewOptions) => object;
  /** Also written as a test to fill in on screen (src/forms/), from its own view (the on-screen wording). */
  fillable?: { id: string; group: Group; view: (content: Content) => object };
}

/** A kind of document (src/documents/<id>/): its part of the content and the files it makes. */
export interface DocumentKind<Part extends ContentPart = ContentPart> {
  /** One English id, used in every layer: the folder, the template's name. */
  id: string;
  /** Its texts: Content[content.key], read from content/<language>/<content.file>. */
  content?: Part;
  documents: readonly DocumentSpec[];
}
