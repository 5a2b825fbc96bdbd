// Bytes gathered in memory from binary strings (one byte per character, as pdfkit writes
// them) and byte arrays, with as few copies and runtime calls as possible.

/**
 * Output bytes, appended to one buffer that doubles when full. Text is gathered into one
 * string first and copied in when it is long or bytes follow: pdfkit writes a few short
 * strings per object, and each copy into a buffer is a call into the runtime.
 */
export class ByteSink {
  private bytes: Buffer;
  private filled = 0;
  private pending = '';
  /** Bytes written so far, the pending text included. */
  length = 0;

  constructor(initialSize = 128 * 1024) {
    this.bytes = Buffer.allocUnsafe(initialSize);
  }

  /** A binary string (one byte per character, as pdfkit's fromBinaryString takes the low byte). */
  text(text: string): void {
    this.pending += text;
    this.length += text.length;
    if (this.pending.length > 16 * 1024) this.flush();
  }

  data(data: Uint8Array): void {
    this.flush();
    this.room(data.length);
    this.bytes.set(data, this.filled);
    this.filled += data.length;
    this.length += data.length;
  }

  /** The bytes written (a view of the sink's buffer, which is at most twice as long: not copied). */
  result(): Buffer {
    this.flush();
    return this.bytes.subarray(0, this.filled);
  }

  private flush(): void {
    if (!this.pending) return;
    this.room(this.pending.length);
    this.filled += this.bytes.write(this.pending, this.filled, 'latin1');
    this.pending = '';
  }

  private room(extra: number): void {
    if (this.filled + extra <= this.bytes.length) return;
    let size = Math.max(1024, this.bytes.length * 2);
    while (size < this.filled + extra) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.bytes.copy(grown, 0, 0, this.filled);
    this.bytes = grown;
  }
}

/** Joins a stream object's chunks into bytes; text chunks are binary strings. */
export function joinChunks(chunks: (Uint8Array | string)[]): Uint8Array {
  if (chunks.length === 1 && typeof chunks[0] !== 'string') return chunks[0];
  if (chunks.every((c) => typeof c === 'string')) return Buffer.from(chunks.join(''), 'latin1');
  const sink = new ByteSink(chunks.reduce((n, c) => n + c.length, 0));
  for (const c of chunks) {
    if (typeof c === 'string') sink.text(c);
    else sink.data(c);
  }
  return sink.result();
}
