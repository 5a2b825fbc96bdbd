// The files of a content folder, by the part of the content each holds. Kept apart from
// the schemas so that finding the files does not load the validator.
export const contentFileNames = {
  meta: 'meta.yaml',
  scoring: 'skala.yaml',
  statements: 'udsagn.yaml',
  test: 'test.yaml',
  resultSheet: 'resultatskema.yaml',
  processGuide: 'procesguide.yaml',
  comparison: 'sammenligning.yaml',
  dialogue: 'dialog.yaml',
} as const;

export type ContentKey = keyof typeof contentFileNames;

/**
 * The facilitator's own workshop (workplace, date, deadline): optional, in the content folder.
 * Without it the material is the generic set, with room to write these by hand.
 */
export const workshopFileName = 'workshop.yaml';
