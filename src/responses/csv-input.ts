// What csv-parse is fed for a CSV file, or a byte range of one, streamed with flat memory.
// UTF-8 files go in as their bytes, checked chunk by chunk (csv-parse works on bytes, so
// decoding them first only to have them encoded again is waste); other encodings are
// decoded to text, which csv-parse takes as UTF-8.
import { createReadStream } from 'node:fs';
import { createUtf8Check } from './utf8-check.js';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Thrown when a file read as UTF-8 turns out not to be: the caller reads it again as Windows-1252. */
export class NotUtf8 extends Error {}

/** Bytes read at a time. */
const chunkBytes = 256 * 1024;

export interface ByteRange {
  /** First byte. */
  start: number;
  /** Last byte, included (as createReadStream counts). */
  end: number;
}

export const hasUtf8Bom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

/**
 * The file's text for csv-parse, without a byte-order mark, as a TextDecoder would give it.
 * A range that does not start the file is read as is (a mark only counts at the start).
 */
export async function* csvInput(file: string, encoding: TextEncoding, range?: ByteRange): AsyncGenerator<Uint8Array | string> {
  const chunks = createReadStream(file, { highWaterMark: chunkBytes, ...range });
  if (encoding !== 'utf-8') {
    const decoder = new TextDecoder(encoding);
    for await (const chunk of chunks) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      if (text !== '') yield text;
    }
    const rest = decoder.decode();
    if (rest !== '') yield rest;
    return;
  }
  const check = createUtf8Check();
  let first = (range?.start ?? 0) === 0;
  for await (const chunk of chunks) {
    let bytes = chunk as Buffer;
    if (!check.chunk(bytes)) throw new NotUtf8();
    if (first && hasUtf8Bom(bytes)) bytes = bytes.subarray(3);
    first = false;
    if (bytes.length > 0) yield bytes;
  }
  if (!check.end()) throw new NotUtf8();
}
