// The numbers of a workshop as the posters show them, for a face that draws them itself: the
// posters' own view data (layout/views), so the anonymity rule, the tendency and the
// dialogue starters are exactly the posters'. And the pre-filled posters themselves, built by
// the same runBuild as `mus build svar --skip-invalid`, into the workshop's plakater/.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { groups, type Content } from '../content/model.js';
import { comparisonView } from '../documents/comparison/comparison.js';
import { posterView } from '../documents/poster/poster.js';
import { buildDate } from '../output.js';
import { documents, fileName } from './documents.js';
import type { GroupTallies } from './tally.js';
import { answerFiles } from './received.js';
import { readWorkshopAnswers } from './workshop-answers.js';
import { workshopLayout, type WorkshopFolder } from './workshop.js';

export type PosterView = ReturnType<typeof posterView>;
export type ComparisonView = ReturnType<typeof comparisonView>;

export interface ResultViews {
  /** Each group with answers, as its poster shows it. */
  groups: { group: (typeof groups)[number]; respondents: number; view: PosterView }[];
  /** Leaders and employees side by side, when both answered. */
  comparison?: ComparisonView;
}

export function resultViews(content: Content, tallies: GroupTallies): ResultViews {
  return {
    groups: groups
      .filter((group) => tallies[group].respondents > 0)
      .map((group) => ({
        group,
        respondents: tallies[group].respondents,
        view: posterView(content, group, tallies[group]),
      })),
    comparison: groups.every((group) => tallies[group].respondents > 0) ? comparisonView(content, tallies) : undefined,
  };
}

/** The documents a build fills in from the answers: both groups' posters, the comparison, the dialogue poster. */
export function posterFiles(content: Content): string[] {
  return documents.filter((d) => d.answers !== undefined).map((d) => fileName(content, d.id));
}

/**
 * Builds the pre-filled posters into plakater/ from the workshop's answers as the app counted
 * them (app/workshop-answers.ts: nothing is read again, and a file given for one group counts
 * so); returns the poster files there are.
 */
export async function buildPosters(folder: WorkshopFolder, contentDir: string, content: Content): Promise<string[]> {
  if (answerFiles(folder).length === 0) return [];
  const outDir = join(folder.dir, workshopLayout.posters);
  const { runBuild } = await import('./build.js'); // loaded with the first posters, not with the app
  await runBuild({
    contentDir,
    outDir,
    workshopFile: join(folder.dir, workshopLayout.details),
    tilgang: folder.settings.tilgang,
    counted: (await readWorkshopAnswers(folder, content)).tallies,
    skipInvalid: true,
    // The posters alone: the tests and the checklist are Materiale's, made already.
    only: posterFiles(content),
  });
  return posterFiles(content).filter((name) => existsSync(join(outDir, name)));
}

/** Files as one zip, stored (PDFs do not shrink), dated as the PDFs are: the same files give the same zip. */
export function zipFiles(files: { name: string; bytes: Uint8Array }[]): Uint8Array {
  const mtime = buildDate();
  return zipSync(Object.fromEntries(files.map((f) => [f.name, [f.bytes, { level: 0, mtime }]])));
}
