// The files of a content folder every document shares, by the part of the content each
// holds; each document's own file is named by its registration (src/documents/). Kept apart
// from the schemas so that finding the files does not load the validator.
export const sharedContentFiles = {
  meta: 'meta.yaml',
  scoring: 'skala.yaml',
  statements: 'udsagn.yaml',
} as const;

/**
 * The facilitator's own workshop (workplace, date, deadline): optional, in the content folder.
 * Without it the material is the generic set, with room to write these by hand.
 */
export const workshopFileName = 'workshop.yaml';
