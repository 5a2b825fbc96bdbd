// The one text decoder: what a file's bytes are as text (UTF-8, with or without a byte-order
// mark; UTF-16; binary; another 8-bit encoding), and where the first byte that is not UTF-8
// is, as an editor shows it. Callers word the problem for their file (content, a responses
// file, a CSV export, a PDF name).
import { LineCounter } from 'yaml';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface LineColumn {
  line: number;
  column: number;
}

export const hasUtf8Bom = (bytes: Uint8Array): boolean => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

/** UTF-16 by its byte-order mark (little or big endian), if it has one. */
export function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The bytes as UTF-8 text without a byte-order mark, or undefined when they are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Whether the start of a file is UTF-8 (a character cut off at its end is fine). */
export function startsAsUtf8(head: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** UTF-8 when the bytes are UTF-8, else Latin-1 (every byte a character). */
export function decodeUtf8OrLatin1(bytes: Uint8Array): string {
  return decodeUtf8(bytes) ?? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Returns a function mapping a character offset to the 1-based line and column people see in editors. */
export function lineColumnFinder(text: string): (offset: number) => LineColumn {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) counter.addNewLine(i + 1);
  return (offset) => {
    const { line, col } = counter.linePos(offset);
    return { line, column: col };
  };
}

/** Line and column (in characters) of a byte offset of UTF-8 text. */
export function positionOfByte(bytes: Uint8Array, offset: number): LineColumn {
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  return lineColumnFinder(before)(before.length);
}

/**
 * The offset of the first byte that is not UTF-8, for bytes decodeUtf8 refused: where the
 * lenient decoder first puts a replacement character that the file did not hold itself.
 * Everything before it decoded as it is, so its UTF-8 length is the byte offset.
 */
export function firstInvalidByte(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = hasUtf8Bom(buffer) ? 3 : 0; // dropped by the decoder
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
    const offset = bom + Buffer.byteLength(text.slice(0, i), 'utf8');
    if (!(buffer[offset] === 0xef && buffer[offset + 1] === 0xbf && buffer[offset + 2] === 0xbd)) return offset;
  }
  return bytes.length - 1; // not reached: the fatal decoder refused the bytes for a reason
}
