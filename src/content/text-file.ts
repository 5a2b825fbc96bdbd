// Reading a content file as text, refusing what would print wrong: content must be UTF-8
// (a byte-order mark is fine). A file saved as Windows-1252/Latin-1 (Notepad) would print
// æ, ø and å as missing-glyph boxes, and UTF-16 would read as nonsense.
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { errno, type Problem } from '../errors.js';
import { maxContentBytes } from '../limits.js';
import { linkOutMessage, linksOut } from '../paths.js';
import { decodeUtf8, firstInvalidByte, positionOfByte, utf16Bom } from '../text-decode.js';

/** The file's text, or the problem with it. A link out of the file's folder is not followed (paths.ts). */
export function readContentText(full: string, shown: string): string | Problem {
  if (linksOut(full, dirname(full))) return { file: shown, message: linkOutMessage };
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
  return decodeContentText(bytes, shown);
}

/** UTF-8 text without its byte-order mark, or a problem naming the encoding found and the first bad line. */
function decodeContentText(bytes: Uint8Array, shown: string): string | Problem {
  if (utf16Bom(bytes) || hasNulInText(bytes)) return { file: shown, message: 'is saved as UTF-16; save it as UTF-8' };
  const text = decodeUtf8(bytes);
  if (text !== undefined) return text;
  const { line } = positionOfByte(bytes, firstInvalidByte(bytes));
  return { file: shown, line, message: 'is not UTF-8 (saved as Windows-1252 or Latin-1?); save the file as UTF-8' };
}

/** UTF-16 text of Latin letters has a NUL in every other byte; YAML never holds one. */
function hasNulInText(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 4096).includes(0);
}
