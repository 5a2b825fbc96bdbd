// Reads a responses file as UTF-8 text, refusing what cannot be a hand-typed or
// exported text file (missing, empty, binary, UTF-16, other encodings) with a
// message that says what to do, instead of letting a parser choke on it.
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';

export function readTextFile(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UserError({ file, message: describeReadError(error) });
  }
  return decodeText(bytes, file);
}

/** Decodes file bytes as UTF-8 (a leading BOM is dropped); throws a UserError for anything else. */
export function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new UserError({ file, message: 'the file is empty' });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new UserError({ file, message: 'the file is UTF-16 text; save it as UTF-8' });
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new UserError({
      file,
      ...lineColumnOfByte(bytes, nul),
      message: 'this is a binary file, not a text file of responses (export it as YAML or JSON)',
    });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const hex = bad < bytes.length ? ` (byte 0x${bytes[bad].toString(16).toUpperCase().padStart(2, '0')})` : '';
    throw new UserError({
      file,
      ...lineColumnOfByte(bytes, bad),
      message: `the file is not UTF-8 text${hex}; it may be Latin-1 or Windows-1252, save it as UTF-8`,
    });
  }
}

/** Why a file cannot be read, in a few words. */
export function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot be read (${code ?? (error as Error).message})`;
}

/** Line and column (in characters) of a byte offset; the bytes before it must be valid UTF-8. */
function lineColumnOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
  return { line, column: [...before].length + 1 };
}

/** Offset of the first byte that breaks UTF-8 (bytes.length if the text is cut off mid-character). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    // Sequence length and the smallest code point it may encode (shorter would be "overlong").
    const [length, min] =
      b < 0x80 ? [1, 0] : b >= 0xc2 && b <= 0xdf ? [2, 0x80] : b >= 0xe0 && b <= 0xef ? [3, 0x800]
      : b >= 0xf0 && b <= 0xf4 ? [4, 0x10000] : [0, 0];
    if (length === 0) return i;
    let codePoint = length === 1 ? b : b & (0x7f >> length);
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined) return bytes.length;
      if ((next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += length;
  }
  return bytes.length;
}
