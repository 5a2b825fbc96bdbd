// Reads a responses file as UTF-8 text, refusing what cannot be a hand-typed or
// exported text file (missing, empty, binary, UTF-16, other encodings) with a
// message that says what to do, instead of letting a parser choke on it.
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { lineColumnFinder, type LineColumn } from './positions.js';

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
      ...positionOfByte(bytes, nul),
      message: 'this is a binary file, not a text file of responses (export it as YAML or JSON)',
    });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidByte(bytes);
    throw new UserError({
      file,
      ...positionOfByte(bytes, bad),
      message: `the file is not UTF-8 text (byte 0x${bytes[bad].toString(16).toUpperCase().padStart(2, '0')}); it may be Latin-1 or Windows-1252, save it as UTF-8`,
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

/** Line and column (in characters) of a byte offset, as an editor shows them. */
function positionOfByte(bytes: Uint8Array, offset: number): LineColumn {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  return lineColumnFinder(before)(before.length);
}

/**
 * The offset of the first byte that is not UTF-8, for text the fatal decoder refused: where
 * the lenient decoder first puts a replacement character that the file did not hold itself.
 * Everything before it decoded as it is, so its UTF-8 length is the byte offset.
 */
function firstInvalidByte(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0; // dropped by the decoder
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
    const offset = bom + Buffer.byteLength(text.slice(0, i), 'utf8');
    if (!(buffer[offset] === 0xef && buffer[offset + 1] === 0xbf && buffer[offset + 2] === 0xbd)) return offset;
  }
  return bytes.length - 1; // not reached: the fatal decoder refused the bytes for a reason
}
