// What is read as an answers file at all: a regular file of a sane size. A pipe (FIFO) would
// make the tool wait for ever, a device such as /dev/zero would be read until memory runs
// out; and a link inside a responses folder that points out of it is not followed, so a
// folder cannot make the tool read (and quote) a file elsewhere, such as /etc/passwd.
import { closeSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { UserError } from '../errors.js';
import { maxInputBytes, sizeText } from '../limits.js';
import { linkOutMessage, linksOut } from '../paths.js';

export interface FileKind {
  /** The most bytes such a file may have. */
  maxBytes: number;
  /** The kind, as a message names it: "an answers file". */
  name: string;
}

const answersFile: FileKind = { maxBytes: maxInputBytes, name: 'an answers file' };

/**
 * Throws a UserError unless `file` may be read; `folder` when the file was found in that
 * folder (a link out of it is not followed). Every file read from a participant or beside
 * the scans passes here: answers, scans, the corrections file.
 */
export function checkInputFile(file: string, folder?: string, kind: FileKind = answersFile): void {
  if (folder !== undefined && linksOut(file, folder)) throw new UserError({ file, message: linkOutMessage });
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch {
    return; // missing or unreadable: the reader says why, as for any file
  }
  if (stats.isDirectory()) return; // folders are walked by the caller
  if (!stats.isFile())
    throw new UserError({ file, message: 'is not a regular file (a pipe or a device?); give a file' });
  if (stats.size > kind.maxBytes) {
    throw new UserError({
      file,
      message: `is ${sizeText(stats.size)}; ${kind.name} is at most ${sizeText(kind.maxBytes)}`,
    });
  }
}

/** The first `length` bytes of a file (fewer when it is shorter): to tell its format and encoding. */
export function readHead(file: string, length: number): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    return buffer.subarray(0, readSync(fd, buffer, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}
