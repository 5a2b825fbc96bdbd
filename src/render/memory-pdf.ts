// A pdfkit document that writes straight into memory, for warm rebuilds in one process.
// pdfkit streams every object as many small byte arrays through a Readable stream and
// deflates every stream object anew; a rebuild spends much of its time there (and in the
// garbage collector collecting those arrays). This keeps pdfkit's bytes exactly, but:
//  - writes land in one growing buffer (byte-sink.ts: no stream, no per-write array);
//  - stream objects keep their writes as text until they end (pdfkit makes an array of each);
//  - compressing is cached by content: a rebuild deflates only streams that changed
//    (font subsets, cmaps and most pages come out the same);
//  - laid-out words and lines are shared by all documents of a font (shared-layout.ts).
// It relies on pdfkit 0.20 internals (_write, push, ref(), a reference's write/finalize,
// _font), as pdf.ts already does; each is named in the interfaces below.
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { ByteSink, joinChunks } from './byte-sink.js';
import { newDocument, shareLayouts, type PdfkitFont } from './shared-layout.js';

/** The parts of pdfkit's PDFReference this module touches. */
interface Reference {
  data: Record<string, unknown>;
  compress: boolean;
  uncompressedLength: number;
  /** Written chunks until finalize; pdfkit's own finalize concatenates and deflates them. */
  buffer: (Uint8Array | string)[];
  write(chunk: unknown): void;
  finalize(): void;
}

/** The parts of pdfkit's PDFDocument this module touches. */
interface DocumentInternals {
  _offset: number;
  _fontCount: number;
  /** The current font. */
  _font: PdfkitFont | null;
}

// Deflate is a pure function of its input, so results are kept: by the text itself for
// streams written as text (page content, cmaps: a rebuild then neither converts nor hashes
// an unchanged page), by a hash of the bytes for the rest (font subsets).
const deflated = new Map<string, Uint8Array>();
let keptBytes = 0;

function deflateCached(key: string, input: () => Uint8Array): Uint8Array {
  let result = deflated.get(key);
  if (!result) {
    result = deflateSync(input()); // the same call, with the same defaults, as pdfkit's
    if (keptBytes > 64 * 1024 * 1024) { // a bound for long-running processes
      deflated.clear();
      keptBytes = 0;
    }
    deflated.set(key, result);
    keptBytes += key.length + result.length;
  }
  return result;
}

function deflateChunks(chunks: (Uint8Array | string)[]): Uint8Array {
  if (chunks.every((c) => typeof c === 'string')) {
    const text = chunks.join('');
    return deflateCached(`t${text}`, () => Buffer.from(text, 'latin1'));
  }
  const bytes = joinChunks(chunks);
  return deflateCached(`h${createHash('sha256').update(bytes).digest('base64')}`, () => bytes);
}

/** A reference's write, keeping text as text (pdfkit's write turns each into a byte array). */
function writeChunk(this: Reference, chunk: unknown): void {
  const item = chunk instanceof Uint8Array ? chunk : `${String(chunk)}\n`;
  this.uncompressedLength += item.length;
  if (this.data.Length == null) this.data.Length = 0;
  this.buffer.push(item);
  (this.data.Length as number) += item.length;
  if (this.compress) this.data.Filter = 'FlateDecode';
}

let pdfkitFinalize: ((this: Reference) => void) | undefined;

/** A reference's finalize: joins and (cached) deflates the chunks, then lets pdfkit write the object. */
function finalizeCached(this: Reference): void {
  if (this.buffer.length) {
    this.buffer = [this.compress ? deflateChunks(this.buffer) : joinChunks(this.buffer)];
    this.compress = false; // done here; Filter was set by writeChunk
  }
  pdfkitFinalize!.call(this);
}

type Options = ConstructorParameters<typeof PDFDocument>[0];

export class MemoryPdf extends PDFDocument {
  // Not a class field: pdfkit writes the header from its constructor, before fields are set.
  declare private sink: ByteSink | undefined;
  declare private finished: boolean | undefined;

  constructor(options: Options) {
    // No default font: pdfkit would parse the Helvetica metrics (AFM) for every document,
    // and every document sets its own fonts before drawing text.
    super({ ...options, font: null } as unknown as Options);
    // Helvetica took font id F1; the embedded fonts keep F2… (their ids are in the bytes).
    (this as unknown as DocumentInternals)._fontCount = 1;
    newDocument();
  }

  font(src: PDFKit.Mixins.PDFFontSource, family?: string | number, size?: number): this {
    super.font(src, family as string, size);
    const current = (this as unknown as DocumentInternals)._font;
    if (current) shareLayouts(current);
    return this;
  }

  ref(data: object): PDFKit.PDFKitReference {
    const ref = super.ref(data);
    const internals = ref as unknown as Reference;
    pdfkitFinalize ??= internals.finalize;
    internals.write = writeChunk;
    internals.finalize = finalizeCached;
    return ref;
  }

  _write(data: unknown): void {
    this.sink ??= new ByteSink();
    if (data instanceof Uint8Array) this.sink.data(data);
    else this.sink.text(`${String(data)}\n`);
    (this as unknown as DocumentInternals)._offset = this.sink.length;
  }

  /** pdfkit's end of output (push(null) after the trailer); nothing else is pushed. */
  push(chunk: unknown): boolean {
    if (chunk === null) this.finished = true;
    return true;
  }

  /** The whole file, once end() has written the trailer. */
  bytes(): Buffer {
    if (!this.finished || !this.sink) throw new Error('pdf: the document has not been ended');
    return this.sink.result();
  }
}
