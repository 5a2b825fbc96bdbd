// Where the package's own files are (templates, default content, package.json), whether
// the code runs compiled from dist/ or as TypeScript from src/ in the tests.
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalError } from './errors.js';

function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new InternalError(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const templatesDir = join(packageRoot, 'templates');
export const defaultContentDir = join(packageRoot, 'content', 'da');

/**
 * Whether `file` is a link whose target lies outside `folder`. Such a link is not followed for
 * any file the program finds in a folder (answers, scans, corrections, content, workshop files),
 * so that a folder cannot make it read, and quote, a file elsewhere such as /etc/passwd.
 * A missing file or a dangling link is not one: reading it says why.
 */
export function linksOut(file: string, folder: string): boolean {
  try {
    if (!lstatSync(file).isSymbolicLink()) return false;
    const inside = relative(realpathSync(folder), realpathSync(file));
    return inside === '' || inside.startsWith('..') || isAbsolute(inside);
  } catch {
    return false;
  }
}

export const linkOutMessage =
  'is a link to a file outside the folder; it is not followed (copy the file into the folder instead)';
