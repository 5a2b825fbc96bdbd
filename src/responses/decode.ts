// Reads a responses file as UTF-8 text, refusing what cannot be a hand-typed or
// exported text file (missing, empty, binary, UTF-16, other encodings) with a
// message that says what to do, instead of letting a parser choke on it.
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { decodeUtf8, firstInvalidByte, positionOfByte, utf16Bom } from '../text-decode.js';

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
  if (utf16Bom(bytes)) throw new UserError({ file, message: 'the file is UTF-16 text; save it as UTF-8' });
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new UserError({
      file,
      ...positionOfByte(bytes, nul),
      message: 'this is a binary file, not a text file of responses (export it as YAML or JSON)',
    });
  }
  const text = decodeUtf8(bytes);
  if (text !== undefined) return text;
  const bad = firstInvalidByte(bytes);
  throw new UserError({
    file,
    ...positionOfByte(bytes, bad),
    message: `the file is not UTF-8 text (byte 0x${bytes[bad].toString(16).toUpperCase().padStart(2, '0')}); it may be Latin-1 or Windows-1252, save it as UTF-8`,
  });
}

/** Why a file cannot be read, in a few words. */
export function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot be read (${code ?? (error as Error).message})`;
}
