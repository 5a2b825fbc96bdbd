// Checks that a file read in chunks is UTF-8, chunk by chunk, failing at the same chunk a
// fatal streaming TextDecoder would. This lets the CSV reader hand csv-parse the file's
// bytes as they are (csv-parse works on bytes; decoding to text first only for csv-parse
// to encode it back cost a tenth of a tally) while still falling back to Windows-1252
// exactly when the bytes are not UTF-8.
import { isUtf8 } from 'node:buffer';

export interface Utf8Check {
  /** False once the bytes so far cannot be UTF-8 text. */
  chunk(bytes: Uint8Array): boolean;
  /** False if the last chunk ended inside a character. */
  end(): boolean;
}

/** Bytes in the character a byte starts: 1 for ASCII, 2–4 for a lead byte, 0 for a continuation or a byte UTF-8 never has. */
function sequenceLength(byte: number): number {
  if (byte < 0x80) return 1;
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/**
 * Whether `bytes` (shorter than a whole character) can still become one. A decoder rejects a
 * bad start (E0 80, ED A0, F4 90 …) as soon as it sees it, so this must too: filled up with
 * the smallest continuation that lead byte allows, a good start is a valid character and a
 * bad one is not.
 */
function isCharacterStart(bytes: Uint8Array): boolean {
  const whole = new Uint8Array(sequenceLength(bytes[0])).fill(0x80);
  if (bytes[0] === 0xe0) whole[1] = 0xa0; // shorter would be an overlong form
  if (bytes[0] === 0xf0) whole[1] = 0x90;
  whole.set(bytes);
  return isUtf8(whole);
}

/** Where a character cut off by the end of `bytes` starts (bytes.length if none is). */
function cutCharacterStart(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 3; i--) {
    if ((bytes[i] & 0xc0) === 0x80) continue; // a continuation byte: look further back
    return sequenceLength(bytes[i]) > bytes.length - i ? i : bytes.length;
  }
  return bytes.length;
}

export function createUtf8Check(): Utf8Check {
  /** The start of a character cut by the previous chunk's end. */
  let carried = new Uint8Array(0);

  function chunk(bytes: Uint8Array): boolean {
    let from = 0;
    if (carried.length > 0) {
      // Complete the carried character with this chunk's first bytes, and check it alone.
      const missing = sequenceLength(carried[0]) - carried.length;
      const joined = new Uint8Array(carried.length + Math.min(missing, bytes.length));
      joined.set(carried);
      joined.set(bytes.subarray(0, joined.length - carried.length), carried.length);
      from = joined.length - carried.length;
      if (joined.length < carried.length + missing) {
        carried = joined;
        return isCharacterStart(joined);
      }
      carried = new Uint8Array(0);
      if (!isUtf8(joined)) return false;
    }
    const rest = bytes.subarray(from);
    const cut = cutCharacterStart(rest);
    if (cut < rest.length) {
      carried = Uint8Array.from(rest.subarray(cut)); // a copy: the chunk's memory is not ours to keep
      if (!isCharacterStart(carried)) return false;
    }
    return isUtf8(rest.subarray(0, cut));
  }

  return { chunk, end: () => carried.length === 0 };
}
