// Answer files as received: each is kept in svar/ under a name the application chooses
// (svar-001.csv), never the name it was sent as, which is only remembered (modtaget.json)
// to be shown, with the group a file of one group's answers was given for (a survey export
// without a role column: what --leaders/--employees says on the command line). A file is written under a temporary dot name and renamed when complete, so a
// cut-off upload is never counted (a folder reading passes dot names by).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Group } from '../content/model.js';
import { displayPath, UserError } from '../errors.js';
import { replaceFile } from '../output.js';
import { linkOutMessage, linksOut } from '../paths.js';
import { reviewFiles } from '../responses/readers/scan/detect.js';
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
  /** The group all its answers are of, when the facilitator said so (the file has no role column). */
  group?: Group;
}

/** A file's record: the name it was sent as, or that and its group. */
type Record_ = string | { sent: string; group?: Group };

/** The extensions accepted as answers (the readers' formats, and scanned page images). */
export const answerExtensions = [
  '.pdf',
  '.png',
  '.jpg',
  '.jpeg',
  '.tif',
  '.tiff',
  '.xlsx',
  '.xlsm',
  '.xls',
  '.ods',
  '.csv',
  '.tsv',
  '.yaml',
  '.yml',
  '.json',
];

/** The answer files of the folder (what a folder reading counts), by name. */
export function answerFiles(folder: WorkshopFolder): string[] {
  const dir = join(folder.dir, workshopLayout.answers);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.') && answerExtensions.includes(extname(name).toLowerCase()))
    .filter((name) => !(reviewFiles as readonly string[]).includes(name.toLowerCase()))
    .sort();
}

const answersDir = (folder: WorkshopFolder) => join(folder.dir, workshopLayout.answers);
const manifestFile = (folder: WorkshopFolder) => join(folder.dir, workshopLayout.received);

function readManifest(folder: WorkshopFolder): Record<string, Record_> {
  const file = manifestFile(folder);
  if (linksOut(file, folder.dir)) throw new UserError({ file: displayPath(file), message: linkOutMessage });
  try {
    const data = JSON.parse(readFileSync(manifestFile(folder), 'utf8')) as unknown;
    return data && typeof data === 'object' ? (data as Record<string, Record_>) : {};
  } catch {
    return {};
  }
}

/** The answer files of the workshop, each with the name it was sent as (its own name when put there by hand). */
export function receivedFiles(folder: WorkshopFolder): Received[] {
  const manifest = readManifest(folder);
  return answerFiles(folder).map((name) => {
    const record = manifest[name];
    if (typeof record === 'string') return { name, sent: record };
    const sent = typeof record?.sent === 'string' ? record.sent : name;
    const group = record?.group === 'leader' || record?.group === 'employee' ? record.group : undefined;
    return group ? { name, sent, group } : { name, sent };
  });
}

/** Says which group all answers of a file are of (undefined: the file says it itself); false when there is no such file. */
export function setFileGroup(folder: WorkshopFolder, name: string, group: Group | undefined): boolean {
  const file = receivedFiles(folder).find((f) => f.name === name);
  if (!file) return false;
  const manifest = readManifest(folder);
  manifest[name] = group ? { sent: file.sent, group } : file.sent;
  replaceFile(manifestFile(folder), `${JSON.stringify(manifest, null, 2)}\n`);
  return true;
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
