// Deciding the scan rows that need a look, one at a time: each decision is written to the
// corrections file beside the scans (svar/rettelser.yaml), in the format the next reading —
// the app's or `mus tally`'s — applies. Also a typed-in paper sheet as a responses file.
import { join } from 'node:path';
import type { Content, Group } from '../content/model.js';
import { replaceFile } from '../output.js';
import { correctionsFileName, correctionsText } from '../responses/readers/scan/corrections.js';
import { cropRgba, type GrayImage } from '../responses/readers/scan/image.js';
import { forgetReading } from './workshop-answers.js';
import { workshopLayout, type WorkshopFolder } from './workshop.js';

/** The corrections file of a workshop: beside its scans, where the readers look for it. */
export const correctionsFile = (folder: WorkshopFolder): string =>
  join(folder.dir, workshopLayout.answers, correctionsFileName);

/**
 * Writes one decision: `category` (0-based, scale order) or null for "not answered". An
 * entry of the row already in the file gets the answer; otherwise one is added.
 */
export function decideRow(
  folder: WorkshopFolder,
  content: Content,
  row: { sheet: string; statement: number },
  category: number | null,
): void {
  const file = correctionsFile(folder);
  const answer = category === null ? '-' : content.scoring.scale[category].label;
  const decision = { sheet: row.sheet, statement: row.statement, answer };
  replaceFile(file, correctionsText(content.test.review?.corrections ?? [], file, [], decision));
  forgetReading();
}

/** A grey picture (a scan row's boxes) as PNG. */
export async function picturePng(picture: GrayImage): Promise<Buffer> {
  const { createCanvas, ImageData } = await import('@napi-rs/canvas'); // not loaded before a review
  const canvas = createCanvas(picture.width, picture.height);
  const rgba = cropRgba(picture, 0, 0, picture.width, picture.height);
  canvas.getContext('2d').putImageData(new ImageData(rgba, picture.width, picture.height), 0, 0);
  return canvas.toBuffer('image/png');
}

/** A paper sheet typed in: a responses file in YAML (the labels as on the paper; empty for not answered). */
export function typedSheetYaml(content: Content, group: Group, answers: (number | null)[], comment: string): string {
  const key = group === 'leader' ? 'leaders' : 'employees';
  const labels = answers.map((a) => (a === null ? 'null' : JSON.stringify(content.scoring.scale[a].label)));
  return `# ${comment.replace(/\n/g, ' ')}\n${key}:\n  - [${labels.join(', ')}]\n`;
}
