// Every kind of problem and notice the person can meet that a content words in its own
// language (<content>/problems.yaml), with the placeholders its text is filled with. This is
// the one list: the loader accepts exactly these keys, and a test checks that each content
// language has a text for every kind with these placeholders. {{file}} (the file the line is
// about) is always there besides.
//
// To add one: a key here with its placeholders; `kind` and `values` on the Problem (or
// notice) the code makes, whose `message` stays the English words; a text in
// content/da/problems.yaml and content/en/problems.yaml (docs/content.md).
export const problemKinds = {
  // Answer files that are something else
  printedToPdf: [],
  onePerBox: [],
  workshopFile: [],
  // Notices while reading and counting
  sameFile: ['first'],
  identicalFiles: ['files', 'count'],
  blankSheet: [],
  skippedFiles: ['count'],
  skipped: ['problem'],
  headerOnly: ['where'],
  ignoredColumns: ['where', 'count', 'columns'],
  sheetsNotRead: ['sheets'],
  // Scans
  blankPage: [],
  notATestPage: [],
  upsideDown: [],
  sideways: [],
  correctionForMissingSheet: ['sheet'],
  missingPage: ['sheet', 'page', 'statements'],
  rowNeedsLook: ['row', 'corrections'],
  reviewWritten: ['count', 'review', 'corrections'],
  reviewNotWritten: ['count', 'review', 'corrections', 'code'],
  scanSummary: ['pages', 'threeMarks', 'photos', 'flagged', 'corrected'],
  scanMarksOff: [],
  scanMarksMissing: [],
  scanCodeUnreadable: [],
  scanMisregistered: [],
  scanOtherContent: ['content'],
  scanNoTestPage: [],
  scanWrongGroup: ['group', 'given'],
  photoMarks: [],
  // Corrections (rettelser.yaml) that cannot apply
  correctionEntry: [],
  correctionStatement: ['statement', 'count'],
  correctionAnswer: ['answer', 'categories'],
  // Posters made from the answers
  smallGroup: ['count', 'min'],
  noAnswersFromGroup: ['group', 'poster'],
  comparisonNotMade: [],
  comparisonRemoved: [],
} as const satisfies Record<string, readonly string[]>;

export type ProblemKind = keyof typeof problemKinds;
