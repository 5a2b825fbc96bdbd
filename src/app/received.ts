// Answer files as received: each is kept in svar/ under a name the application chooses
// (svar-001.csv), never the name it was sent as, which is only remembered (modtaget.json)
// to be shown. A file is written under a temporary dot name and renamed when complete, so a
// cut-off upload is never counted (a folder reading passes dot names by).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import { replaceFile } from '../output.js';
import { answerExtensions, answerFiles } from './workshop-answers.js';
import { workshopLayout, type WorkshopFolder } from './workshop.js';

/** At most this many answer files in a workshop. */
export const maxAnswerFiles = 500;
/** At most this many bytes in one answer file (what the readers read at most). */
export const maxAnswerBytes = 200 * 1024 * 1024;

export interface Received {
  /** The name the file is kept under in svar/. */
  name: string;
  /** The name it was sent as (shown, never used as a path). */
  sent: string;
}

const answersDir = (folder: WorkshopFolder) => join(folder.dir, workshopLayout.answers);
const manifestFile = (folder: WorkshopFolder) => join(folder.dir, workshopLayout.received);

function readManifest(folder: WorkshopFolder): Record<string, string> {
  try {
    const data = JSON.parse(readFileSync(manifestFile(folder), 'utf8')) as unknown;
    return data && typeof data === 'object' ? (data as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The answer files of the workshop, each with the name it was sent as (its own name when put there by hand). */
export function receivedFiles(folder: WorkshopFolder): Received[] {
  const manifest = readManifest(folder);
  return answerFiles(folder).map((name) => ({
    name,
    sent: typeof manifest[name] === 'string' ? manifest[name] : name,
  }));
}

/** The extension a sent file is kept with: its own, when it is one the readers take. */
export function keptExtension(sent: string): string | undefined {
  const extension = extname(sent).toLowerCase();
  return answerExtensions.includes(extension) ? extension : undefined;
}

/** A temporary file in svar/ for an upload under way: a dot name no reading counts. */
export function temporaryAnswerFile(folder: WorkshopFolder): string {
  const dir = answersDir(folder);
  mkdirSync(dir, { recursive: true });
  return join(dir, `.upload-${randomBytes(8).toString('hex')}`);
}

/** Removes leftovers of uploads that never completed (a server stopped mid-upload). */
export function removeCutUploads(folder: WorkshopFolder): void {
  const dir = answersDir(folder);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (name.startsWith('.upload-')) rmSync(join(dir, name), { force: true });
}

/** Puts completed uploads in place under new names, and remembers the names they were sent as. */
export function keepAnswerFiles(folder: WorkshopFolder, files: { temp: string; sent: string }[]): Received[] {
  const dir = answersDir(folder);
  const manifest = readManifest(folder);
  const taken = new Set([...readdirSync(dir), ...Object.keys(manifest)]);
  let n = 0;
  const kept: Received[] = [];
  for (const { temp, sent } of files) {
    let name: string;
    do name = `svar-${String(++n).padStart(3, '0')}${keptExtension(sent) ?? ''}`;
    while (taken.has(name));
    taken.add(name);
    renameSync(temp, join(dir, name));
    manifest[name] = sent;
    kept.push({ name, sent });
  }
  replaceFile(manifestFile(folder), `${JSON.stringify(manifest, null, 2)}\n`);
  return kept;
}

/** Writes a typed-in answers file (a YAML responses file) into svar/; returns its name. */
export function keepTypedAnswers(folder: WorkshopFolder, text: string, sent: string): Received {
  const temp = temporaryAnswerFile(folder);
  replaceFile(temp, text);
  return keepAnswerFiles(folder, [{ temp, sent }])[0];
}

/** Removes an answer file; false when there is none of that name. */
export function removeAnswerFile(folder: WorkshopFolder, name: string): boolean {
  if (!answerFiles(folder).includes(name)) return false;
  rmSync(join(answersDir(folder), name));
  const manifest = readManifest(folder);
  delete manifest[name];
  replaceFile(manifestFile(folder), `${JSON.stringify(manifest, null, 2)}\n`);
  return true;
}
