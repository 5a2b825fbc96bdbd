// What csv-parse is fed for a CSV file, or a part of one, streamed with flat memory.
// UTF-8 files go in as their bytes, checked chunk by chunk (csv-parse works on bytes, so
// decoding them first only to have them encoded again is waste); other encodings are
// decoded to text, which csv-parse takes as UTF-8.
import { open } from 'node:fs/promises';
import { createUtf8Check } from './utf8-check.js';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Thrown when a file read as UTF-8 turns out not to be: the caller reads it again as Windows-1252. */
export class NotUtf8 extends Error {}

/** Bytes read at a time. */
const chunkBytes = 256 * 1024;

/**
 * The bytes of a file to read. `end` may be lowered while they are read, when another thread
 * takes over the rest; it must then stay at or past `next`, the first byte not yet taken.
 */
export interface ReadWindow {
  /** First byte. */
  start: number;
  /** Last byte, included. */
  end: number;
  /** Set while reading: bytes before it are read (or being read and kept only up to `end`). */
  next?: number;
}

export const hasUtf8Bom = (bytes: Uint8Array) => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

async function* fileChunks(file: string, window: ReadWindow): AsyncGenerator<Buffer> {
  window.next = window.start;
  const handle = await open(file, 'r');
  try {
    for (let position = window.start; ; ) {
      window.next = position;
      const wanted = Math.min(chunkBytes, window.end + 1 - position);
      if (wanted <= 0) return;
      // A new buffer per chunk: csv-parse keeps a view of a chunk's unparsed end.
      const buffer = Buffer.allocUnsafe(wanted);
      const { bytesRead } = await handle.read(buffer, 0, wanted, position);
      const kept = Math.min(bytesRead, window.end + 1 - position); // the end may have been lowered meanwhile
      if (kept <= 0) return;
      position += kept;
      window.next = position;
      yield buffer.subarray(0, kept);
    }
  } finally {
    await handle.close();
  }
}

/**
 * The file's text for csv-parse, without a byte-order mark, as a TextDecoder would give it.
 * A window that does not start the file is read as is (a mark only counts at the start).
 */
export async function* csvInput(
  file: string,
  encoding: TextEncoding,
  window: ReadWindow = { start: 0, end: Infinity },
): AsyncGenerator<Uint8Array | string> {
  const chunks = fileChunks(file, window);
  if (encoding !== 'utf-8') {
    const decoder = new TextDecoder(encoding);
    for await (const chunk of chunks) {
      const text = decoder.decode(chunk, { stream: true });
      if (text !== '') yield text;
    }
    const rest = decoder.decode();
    if (rest !== '') yield rest;
    return;
  }
  const check = createUtf8Check();
  let first = window.start === 0;
  for await (const chunk of chunks) {
    let bytes = chunk;
    if (!check.chunk(bytes)) throw new NotUtf8();
    if (first && hasUtf8Bom(bytes)) bytes = bytes.subarray(3);
    first = false;
    if (bytes.length > 0) yield bytes;
  }
  if (!check.end()) throw new NotUtf8();
}
