// Reading a content file as text, refusing what would print wrong: content must be UTF-8
// (a byte-order mark is fine). A file saved as Windows-1252/Latin-1 (Notepad) would print
// æ, ø and å as missing-glyph boxes, and UTF-16 would read as nonsense.
import { readFileSync, statSync } from 'node:fs';
import type { Problem } from '../errors.js';

/** Content files are a few kilobytes; anything near this is no content file. */
export const maxContentBytes = 5 * 1024 * 1024;

const errno = (err: unknown) => (err as NodeJS.ErrnoException).code;

/** The file's text, or the problem with it. */
export function readContentText(full: string, shown: string): string | Problem {
  let bytes: Buffer;
  try {
    const stats = statSync(full);
    if (!stats.isFile())
      return { file: shown, message: stats.isDirectory() ? 'is a folder, not a file' : 'is not a regular file' };
    if (stats.size > maxContentBytes)
      return {
        file: shown,
        message: `is ${Math.round(stats.size / 1024 / 1024)} MB; a content file is at most ${maxContentBytes / 1024 / 1024} MB`,
      };
    bytes = readFileSync(full);
  } catch (err) {
    return { file: shown, message: errno(err) === 'ENOENT' ? 'file not found' : `cannot be read (${errno(err)})` };
  }
  return decodeUtf8(bytes, shown);
}

/** UTF-8 text without its byte-order mark, or a problem naming the encoding found and the first bad line. */
export function decodeUtf8(bytes: Uint8Array, shown: string): string | Problem {
  const utf16 =
    (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || hasNulInText(bytes);
  if (utf16) return { file: shown, message: 'is saved as UTF-16; save it as UTF-8' };
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const line = firstBadLine(bytes);
    return { file: shown, line, message: 'is not UTF-8 (saved as Windows-1252 or Latin-1?); save the file as UTF-8' };
  }
}

/** UTF-16 text of Latin letters has a NUL in every other byte; YAML never holds one. */
function hasNulInText(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 4096).includes(0);
}

/** The line (1-based) of the first byte sequence that is not UTF-8. */
function firstBadLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}
