// A workshop is a folder (workshops/<name>/): its details (workshop.yaml, the same file
// `mus build --workshop` reads), the approach and copies (indstillinger.yaml), the answers
// as received (svar/), and the built material. No database: the folder is the state, so
// the CLI can work on the same folder and a restarted app loses nothing.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { loadWorkshop } from '../content/load.js';
import { loadContent } from '../documents/load.js';
import { displayPath, UserError } from '../errors.js';
import type { Content } from '../content/model.js';
import { workshopSchema, type Workshop } from '../content/schema.js';
import { maxWorkshopTextLength } from '../limits.js';
import { linkOutMessage, linksOut } from '../paths.js';
import { replaceFile } from '../output.js';

/** The files and folders of a workshop folder. */
export const workshopLayout = {
  details: 'workshop.yaml',
  settings: 'indstillinger.yaml',
  answers: 'svar',
  material: 'materiale',
  posters: 'plakater',
  /** The names the answer files were sent under, by the name they are stored under. */
  received: 'modtaget.json',
} as const;

export const workshopFields = ['workplace', 'unit', 'date', 'facilitator', 'deadline', 'returnTo'] as const;
export type WorkshopField = (typeof workshopFields)[number];

export interface WorkshopSettings {
  /** The approach of the checklist (1-based, as in "Tilgang 1"). */
  tilgang: number;
  /** Tilgang 1: numbered copies of each paper test to print. */
  copies?: number;
}

const settingsSchema = z
  .object({ tilgang: z.number().int().min(1).max(9), copies: z.number().int().min(1).max(9999).optional() })
  .strict();

/** Lower-case letters, digits, - and _; 1–60 characters: a folder name on every system, and never a path. */
export const workshopNamePattern = /^[a-z0-9æøå][a-z0-9æøå_-]{0,59}$/;
export const isWorkshopName = (name: string): boolean => workshopNamePattern.test(name);

/** What is wrong with one field of the form, by kind (the face words it). */
export interface FieldProblem {
  field: WorkshopField | 'name' | 'tilgang' | 'copies';
  kind: 'placeholder' | 'tooLong' | 'invalid' | 'name' | 'exists' | 'tilgang' | 'copies';
}

/** The details as typed (empty fields left out), checked with the schema of workshop.yaml. */
export function checkWorkshop(fields: Partial<Record<WorkshopField, string>>): {
  workshop?: Workshop;
  problems: FieldProblem[];
} {
  const given: Record<string, string> = {};
  const problems: FieldProblem[] = [];
  for (const field of workshopFields) {
    const value = fields[field]?.trim();
    if (!value) continue;
    if (value.length > maxWorkshopTextLength) problems.push({ field, kind: 'tooLong' });
    given[field] = value;
  }
  const parsed = workshopSchema.safeParse(given);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as WorkshopField;
      if (problems.some((p) => p.field === field)) continue;
      problems.push({ field, kind: /placeholder/.test(issue.message) ? 'placeholder' : 'invalid' });
    }
  }
  return problems.length > 0 || !parsed.success ? { problems } : { workshop: parsed.data, problems };
}

/** The approach and copies as typed, checked against the checklist's approaches. */
export function checkSettings(
  content: Content,
  tilgang: string | undefined,
  copies: string | undefined,
): { settings?: WorkshopSettings; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const approach = Number(tilgang);
  if (!/^\d$/.test(tilgang ?? '') || approach < 1 || approach > content.checklist.approaches.length)
    problems.push({ field: 'tilgang', kind: 'tilgang' });
  const count = copies?.trim() ? Number(copies.trim()) : undefined;
  if (count !== undefined && (!/^\d{1,4}$/.test(copies!.trim()) || count < 1))
    problems.push({ field: 'copies', kind: 'copies' });
  if (problems.length > 0) return { problems };
  // Numbered copies are for the paper tests of Tilgang 1.
  return { settings: { tilgang: approach, ...(approach === 1 && count ? { copies: count } : {}) }, problems };
}

export interface WorkshopFolder {
  name: string;
  dir: string;
  workshop: Workshop;
  settings: WorkshopSettings;
}

/** Writes a workshop's details and settings, each file whole or not at all. */
export function writeWorkshop(dir: string, workshop: Workshop, settings: WorkshopSettings): void {
  mkdirSync(join(dir, workshopLayout.answers), { recursive: true });
  replaceFile(join(dir, workshopLayout.details), stringify(workshop));
  replaceFile(join(dir, workshopLayout.settings), stringify(settings));
}

/** A workshop folder as written by writeWorkshop; undefined when there is none of that name. */
export function readWorkshopFolder(root: string, name: string): WorkshopFolder | undefined {
  if (!isWorkshopName(name)) return undefined;
  const dir = join(root, name);
  const details = join(dir, workshopLayout.details);
  if (!existsSync(details)) return undefined;
  const workshop = loadWorkshop(details);
  const settingsFile = join(dir, workshopLayout.settings);
  const settings = existsSync(settingsFile) ? readSettings(settingsFile) : { tilgang: 1 };
  return { name, dir, workshop, settings };
}

function readSettings(file: string): WorkshopSettings {
  if (linksOut(file, dirname(file))) throw new UserError({ file: displayPath(file), message: linkOutMessage });
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch {
    data = undefined;
  }
  const parsed = settingsSchema.safeParse(data);
  if (!parsed.success)
    throw new UserError({
      file: displayPath(file),
      message: 'must be tilgang: 1 or 2, and copies: a number (optional)',
    });
  return parsed.data;
}

/** The workshops under root, by name. */
export function listWorkshops(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => isWorkshopName(name) && existsSync(join(root, name, workshopLayout.details)))
    .sort();
}

/** The content with this workshop's details, loaded again only when a file of either changed. */
export function workshopContent(contentDir: string, folder: WorkshopFolder): Content {
  const details = join(folder.dir, workshopLayout.details);
  const key = `${contentDir}\u0000${details}\u0000${stamp(details)}\u0000${contentStamp(contentDir)}`;
  let content = loaded.get(key);
  if (!content) {
    content = loadContent(contentDir, { workshopFile: details });
    loaded.clear(); // one workshop at a time is usual; keeping one avoids holding old content
    loaded.set(key, content);
  }
  return content;
}

const loaded = new Map<string, Content>();
let plain: { key: string; content: Content } | undefined;

/** The content without a workshop (for the form of a new one), loaded again when a file changed. */
export function plainContent(contentDir: string): Content {
  const key = `${contentDir}\u0000${contentStamp(contentDir)}`;
  if (plain?.key !== key) plain = { key, content: loadContent(contentDir) };
  return plain.content;
}

/** When a file last changed, and its size: enough to notice a change made by the CLI or an editor. */
export function stamp(file: string): string {
  try {
    const stats = statSync(file);
    return `${stats.mtimeMs}:${stats.size}`;
  } catch {
    return 'none';
  }
}

function contentStamp(dir: string): string {
  try {
    return readdirSync(dir)
      .map((name) => `${name}@${stamp(join(dir, name))}`)
      .join('|');
  } catch {
    return 'none';
  }
}

/** The `mus build` command that makes the same material from the workshop folder, run inside it. */
export function buildCommand(settings: WorkshopSettings): string {
  const parts = ['mus build', `--workshop ${workshopLayout.details}`, `--tilgang ${settings.tilgang}`];
  if (settings.copies) parts.push(`--copies ${settings.copies}`);
  parts.push(`--out ${workshopLayout.material}`);
  return parts.join(' ');
}

/** The `mus build` command that pre-fills the posters from the answers in svar/, run inside the folder. */
export function posterCommand(settings: WorkshopSettings): string {
  return `mus build ${workshopLayout.answers} --skip-invalid --workshop ${workshopLayout.details} --tilgang ${settings.tilgang} --out ${workshopLayout.posters}`;
}
