// Writing the material set safely. The set is replaced as a whole or not at all:
//  1. every problem a person can fix (a file where the folder should be, a read-only folder,
//     a folder where a PDF should be) is found before anything is written;
//  2. every new file is written under a temporary name (`.mus-tmp-PID-NAME`);
//  3. a journal names the files about to be replaced, and the old ones are kept as hard links
//     (`.mus-old-PID-NAME`), so the replacement can be undone;
//  4. the new files are renamed into place, then the journal and the old copies go.
// A build that fails in 4 puts the old files back; one that is killed leaves the journal,
// and the next build (or `recoverOutput`) puts the old files back before it starts. Leftover
// temporary files of a killed build are removed by the next build. A lock file (`.mus-lock`,
// holding the owner's process id) keeps two builds from replacing one set at the same time;
// the lock of a process that is no longer running is taken over.
//
// Whatever is in the folder may have been put there by someone else: a name read back from a
// journal is used only if it is a plain file name (no folder part, no `..`), a journal that
// cannot be read is discarded (nothing had been replaced when it was written), and only names
// of the program's own pattern are ever removed.
import {
  closeSync,
  existsSync,
  linkSync,
  lstatSync,
  openSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from 'node:fs';
import { accessSync, constants } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { displayPath, errno, UserError } from './errors.js';

// Every name starts with `.mus-` and the id of the process that made it.
const journalPrefix = '.mus-replacing-';
const journalName = `${journalPrefix}${process.pid}-set.json`;
const lockName = '.mus-lock';
/** Temporary files of release 0.1 (`.NAME.PID.tmp`): removed only for a file of the set, and a process that is gone. */
const releaseOneTemp = /^\.(.+\.pdf)\.(\d+)\.tmp$/;

interface Journal {
  /** The files being put in place, and whether each existed before. */
  files: { name: string; existed: boolean }[];
}

/** A file-system failure as one line a person can act on, or the error itself when it is no such failure. */
function explain(err: unknown, dir: string, what: string): unknown {
  const shown = `${displayPath(dir)}/`;
  switch (errno(err)) {
    case 'EACCES':
    case 'EPERM':
      return new UserError({
        file: shown,
        message: `the folder cannot be written to (permission denied) while ${what}; nothing was changed`,
      });
    case 'EROFS':
      return new UserError({ file: shown, message: `the folder is read-only; nothing was changed` });
    case 'ENOSPC':
    case 'EDQUOT':
      return new UserError({ file: shown, message: `the disk is full while ${what}; nothing was changed` });
    case 'ENOTDIR':
    case 'EEXIST':
      return new UserError({
        file: shown,
        message: 'is not a folder (a file of that name is in the way); nothing was changed',
      });
    case 'EISDIR':
      return new UserError({ file: shown, message: `a folder is in the way while ${what}; nothing was changed` });
    case 'ENAMETOOLONG':
      return new UserError({
        file: shown,
        message: 'the folder name is too long for the file system; give a shorter one',
      });
    default:
      return err;
  }
}

/**
 * The output folder must not be a folder the answers are read from: the set's own PDFs
 * would be read as answers by the next build.
 */
export function checkOutputApart(dir: string, answers: readonly (string | undefined)[], option = '--out'): void {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path);
    }
  };
  const out = real(dir);
  for (const path of answers) {
    if (path === undefined || path === '') continue;
    if (real(path) === out) {
      throw new UserError({
        file: option,
        message: `${displayPath(dir)} is the folder the answers are read from; write the material set into another folder`,
      });
    }
  }
}

/** Makes the output folder, or says plainly why it cannot be used. */
function prepareFolder(dir: string, option: string): void {
  if (dir.trim() === '')
    throw new UserError({ file: option, message: 'no folder given; name the output folder, e.g. --out ud' });
  let stats: Stats | undefined;
  try {
    stats = statSync(dir);
  } catch (err) {
    if (errno(err) !== 'ENOENT') throw explain(err, dir, 'looking at it');
  }
  if (stats && !stats.isDirectory()) {
    throw new UserError({ file: option, message: `${displayPath(dir)} is a file, not a folder` });
  }
  if (!stats) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      if (errno(err) === 'ENOTDIR' || errno(err) === 'EEXIST') {
        throw new UserError({ file: option, message: `${displayPath(dir)}: part of the path is a file, not a folder` });
      }
      throw explain(err, dir, 'making it');
    }
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch (err) {
    throw explain(err, dir, 'checking it');
  }
}

/** Whether the process that wrote a leftover is still running (then its files are its own). */
function running(pid: number): boolean {
  if (pid === process.pid) return false; // our own leftovers: from before this build
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errno(err) === 'EPERM';
  }
}

/** The process id in a leftover's name (`.mus-tmp-1234-NAME`), or undefined when it is no leftover of ours. */
function ownerOf(entry: string): number | undefined {
  const match = /^\.mus-(?:tmp|old|replacing)-(\d+)-/.exec(entry);
  return match ? Number(match[1]) : undefined;
}

/** A name a journal may hold: one file of the folder itself, visible, as the set's files are. */
const plainName = (name: unknown): name is string =>
  typeof name === 'string' &&
  name.length > 0 &&
  name.length <= 255 &&
  name === basename(name) &&
  !/[/\\\u0000-\u001f]/.test(name) &&
  !name.startsWith('.') &&
  name.toLowerCase().endsWith('.pdf');

/** The journal's entries, or none when it is not a journal this program wrote (see the top of this file). */
function readJournal(path: string): Journal['files'] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return []; // killed while the journal was written: nothing had been replaced yet
  }
  const files = (data as Partial<Journal> | null)?.files;
  if (!Array.isArray(files)) return [];
  return files.filter(
    (f): f is Journal['files'][number] =>
      typeof f === 'object' && f !== null && plainName(f.name) && typeof f.existed === 'boolean',
  );
}

/**
 * Puts the old files of an interrupted replacement back, and removes leftover temporary
 * files, of builds that are no longer running (a build running beside this one keeps its own).
 */
export function recoverOutput(dir: string, setNames: readonly string[] = []): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return; // no folder yet: nothing to recover
  }
  const stale = (entry: string) => {
    const pid = ownerOf(entry);
    return pid !== undefined && !running(pid);
  };
  for (const entry of entries.filter((e) => e.startsWith(journalPrefix) && stale(e))) {
    const pid = ownerOf(entry)!;
    for (const { name, existed } of readJournal(join(dir, entry))) {
      const old = join(dir, names(pid, name).old);
      if (isFile(old)) renameSync(old, join(dir, name));
      else if (!existed) removeLeftover(join(dir, name));
    }
    rmSync(join(dir, entry), { force: true });
  }
  // The lock of a build that is gone (this process's own lock is held while it writes).
  const owner = lockOwner(dir);
  if (owner !== undefined && owner !== process.pid && !heldBy(owner)) removeLeftover(join(dir, lockName));
  for (const entry of readdirSync(dir)) {
    const old = releaseOneTemp.exec(entry);
    const releaseOne = old !== null && setNames.includes(old[1]) && !running(Number(old[2]));
    if ((entry.startsWith('.mus-') && stale(entry)) || releaseOne) removeLeftover(join(dir, entry));
  }
}

const isFile = (path: string): boolean => {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
};

/** Removes a leftover file; a folder of a leftover's name is none of ours, and stays. */
function removeLeftover(path: string): void {
  try {
    if (!lstatSync(path).isDirectory()) rmSync(path, { force: true });
  } catch (err) {
    if (errno(err) !== 'ENOENT') throw err;
  }
}

/** Whether a lock's owner is a build still running (0 stands for a lock holding no process id). */
const heldBy = (owner: number): boolean => owner > 0 && running(owner);

/** The process id in the folder's lock, or undefined when there is no lock or it holds no process id. */
function lockOwner(dir: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, lockName), 'utf8');
  } catch {
    return undefined;
  }
  const owner = Number(text.trim().slice(0, 20));
  return Number.isInteger(owner) && owner > 0 ? owner : 0; // 0: rubbish, owned by nobody
}

/**
 * Takes the folder's lock for this process, or says which build holds it. A lock whose
 * process is gone (killed, or the machine restarted) is moved aside and taken over.
 */
function lock(dir: string): () => void {
  const path = join(dir, lockName);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if (errno(err) !== 'EEXIST') throw explain(err, dir, 'locking it');
    }
    if (!existsSync(path)) continue; // released meanwhile
    const owner = lockOwner(dir);
    if (owner !== undefined && owner !== process.pid && heldBy(owner)) {
      throw new UserError({
        file: `${displayPath(dir)}/`,
        message: `another build (process ${owner}) is writing into this folder; wait for it to finish, or build into another folder (nothing was changed)`,
      });
    }
    // Moved aside, not removed: of two builds finding the same stale lock, one takes it over.
    try {
      renameSync(path, join(dir, `.mus-tmp-${process.pid}-stale-lock`));
      rmSync(join(dir, `.mus-tmp-${process.pid}-stale-lock`), { force: true });
    } catch {
      // the other build moved it first
    }
  }
  throw new UserError({ file: `${displayPath(dir)}/`, message: 'the folder lock cannot be taken; try again' });
}

/** The names this process uses beside a file of the set. */
function names(pid: number, name: string) {
  return { temp: `.mus-tmp-${pid}-${name}`, old: `.mus-old-${pid}-${name}` };
}

export interface WriteOptions {
  /** How the folder was named by the person (e.g. "--out out"), for messages about it. */
  option?: string;
}

/** Replaces the files of the set in `dir` as a whole (see the top of this file); returns the paths written. */
export function writeFilesAtomically(
  dir: string,
  files: { name: string; bytes: Uint8Array }[],
  options: WriteOptions = {},
): string[] {
  prepareFolder(dir, options.option ?? '--out');
  const unlock = lock(dir);
  try {
    return replaceSet(dir, files);
  } finally {
    unlock();
  }
}

function replaceSet(dir: string, files: { name: string; bytes: Uint8Array }[]): string[] {
  recoverOutput(
    dir,
    files.map((f) => f.name),
  );
  const plan = files.map((f) => {
    const final = join(dir, f.name);
    let existed = false;
    try {
      const stats = statSync(final);
      if (stats.isDirectory()) {
        throw new UserError({
          file: displayPath(final),
          message: 'is a folder, where the build must write a PDF; move it away (nothing was changed)',
        });
      }
      existed = true;
    } catch (err) {
      if (err instanceof UserError) throw err;
    }
    const own = names(process.pid, f.name);
    return { ...f, existed, temp: join(dir, own.temp), old: join(dir, own.old), final };
  });

  try {
    for (const f of plan) writeFileSync(f.temp, f.bytes);
  } catch (err) {
    for (const f of plan) rmSync(f.temp, { force: true });
    throw explain(err, dir, `writing ${displayPath(dir)}/`);
  }

  const journal: Journal = { files: plan.map(({ name, existed }) => ({ name, existed })) };
  try {
    for (const f of plan) if (f.existed) linkSync(f.final, f.old);
    writeFileSync(join(dir, journalName), JSON.stringify(journal));
    for (const f of plan) renameSync(f.temp, f.final);
  } catch (err) {
    recoverOutput(dir); // puts back what was replaced, removes the rest
    for (const f of plan) rmSync(f.temp, { force: true });
    throw explain(err, dir, `replacing the files in ${displayPath(dir)}/`);
  }
  rmSync(join(dir, journalName), { force: true });
  for (const f of plan) rmSync(f.old, { force: true });
  return plan.map((f) => f.final);
}

/**
 * Replaces one file whole or not at all: written under a temporary name beside it, then
 * renamed over it, so a file a person edits (the corrections beside the scans) is never left
 * half written by a build that fails or is killed. A leftover temporary name starts with a
 * dot, which no folder of answers reads.
 */
export function replaceFile(path: string, bytes: Uint8Array | string): void {
  const temp = join(dirname(path), names(process.pid, basename(path)).temp);
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** The latest date a PDF can carry (9999-12-31), in seconds since 1970. */
const latestEpoch = 253_402_300_799;

/** The date written into every PDF: SOURCE_DATE_EPOCH when set, else a fixed date. */
export function buildDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date(Date.UTC(2024, 0, 1));
  const value = epoch.trim();
  if (!/^\d+$/.test(value) || Number(value) > latestEpoch) {
    const shown = value.length > 20 ? `${value.slice(0, 19)}…` : value;
    throw new UserError({
      file: 'SOURCE_DATE_EPOCH',
      message: `"${shown}" is not a date: give whole seconds since 1970 (0 to ${latestEpoch}), e.g. 1704067200`,
    });
  }
  return new Date(Number(value) * 1000);
}
