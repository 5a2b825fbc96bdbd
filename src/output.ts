// Writing the material set safely. The set is replaced as a whole or not at all:
//  1. every problem a person can fix (a file where the folder should be, a read-only folder,
//     a folder where a PDF should be) is found before anything is written;
//  2. every new file is written under a temporary name (`.mus-tmp-PID-NAME`);
//  3. a journal names the files about to be replaced, and the old ones are kept as hard links
//     (`.mus-old-PID-NAME`), so the replacement can be undone;
//  4. the new files are renamed into place, then the journal and the old copies go.
// A build that fails in 4 puts the old files back; one that is killed leaves the journal,
// and the next build (or `recoverOutput`) puts the old files back before it starts. Leftover
// temporary files of a killed build are removed by the next build.
import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from 'node:fs';
import { accessSync, constants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { displayPath, UserError } from './errors.js';

// Every name starts with `.mus-` and the id of the process that made it.
const journalPrefix = '.mus-replacing-';
const journalName = `${journalPrefix}${process.pid}-set.json`;
/** Temporary files of release 0.1 (`.NAME.PID.tmp`), which no later build removed. */
const releaseOneTemp = /^\..+\.pdf\.\d+\.tmp$/;

interface Journal {
  /** The files being put in place, and whether each existed before. */
  files: { name: string; existed: boolean }[];
}

const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;

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
    default:
      return err;
  }
}

/** Makes the output folder, or says plainly why it cannot be used. */
function prepareFolder(dir: string, option: string): void {
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

/**
 * Puts the old files of an interrupted replacement back, and removes leftover temporary
 * files, of builds that are no longer running (a build running beside this one keeps its own).
 */
export function recoverOutput(dir: string): void {
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
    let journal: Journal = { files: [] };
    try {
      journal = JSON.parse(readFileSync(join(dir, entry), 'utf8')) as Journal;
    } catch {
      // killed while the journal was written: nothing had been replaced yet
    }
    const pid = ownerOf(entry)!;
    for (const { name, existed } of journal.files) {
      const old = join(dir, names(pid, name).old);
      if (existsSync(old)) renameSync(old, join(dir, name));
      else if (!existed) rmSync(join(dir, name), { force: true });
    }
    rmSync(join(dir, entry), { force: true });
  }
  for (const entry of readdirSync(dir)) {
    if ((entry.startsWith('.mus-') && stale(entry)) || releaseOneTemp.test(entry))
      rmSync(join(dir, entry), { force: true });
  }
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
  recoverOutput(dir);
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
