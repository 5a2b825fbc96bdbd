// A PDF as our renderer writes it (pdfkit, src/render/pdf.ts), read and revised without a
// PDF library: objects written one after the other as `N 0 obj\n…\nendobj\n`, then one
// cross-reference table and the trailer. Making a test fillable changes a few objects
// (pages, table cells, the structure root, the catalog, the Info dictionary) and adds some;
// a revision copies the file with those objects replaced, the new ones added, and a new
// cross-reference table. Loading the whole file with a PDF library and saving it again
// cost a rebuild more than drawing the test.
// Dictionaries are pdfkit's: `<<\n/Key value\n…\n>>`. Anything else is a bug here, and
// stops with an error rather than writing a broken file.
import { ByteSink } from '../render/byte-sink.js';

/** Object bodies: what comes between `N 0 obj\n` and `\nendobj\n`. */
export class PdfkitFile {
  /** The trailer's /Size: objects are numbered 1 to size - 1. */
  readonly size: number;
  readonly root: number;
  readonly info: number;
  private readonly text: string;
  private readonly offsets: number[] = [];
  private readonly xref: number;
  private readonly trailer: string;

  constructor(readonly bytes: Uint8Array) {
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const tail = /^\ntrailer\n(<<\n[^]*?\n>>)\nstartxref\n(\d+)\n%%EOF\n?$/.exec(this.text.slice(this.text.lastIndexOf('\ntrailer\n')));
    if (!tail) throw new Error('fillable: the rendered test does not end as pdfkit writes a PDF');
    this.trailer = tail[1];
    this.xref = Number(tail[2]);
    this.size = Number(entry(this.trailer, 'Size'));
    this.root = refIn(this.trailer, 'Root');
    this.info = refIn(this.trailer, 'Info');
    const table = /^xref\n0 (\d+)\n/.exec(this.text.slice(this.xref, this.xref + 32));
    if (!table || Number(table[1]) !== this.size) throw new Error('fillable: unexpected cross-reference table in the rendered test');
    const first = this.xref + table[0].length;
    for (let id = 1; id < this.size; id++) {
      const line = this.text.slice(first + id * 20, first + id * 20 + 20);
      if (!/^\d{10} 00000 n \n$/.test(line)) throw new Error(`fillable: unexpected cross-reference entry for object ${id}`);
      this.offsets[id] = Number(line.slice(0, 10));
    }
  }

  /** The body of object `id` (not a stream). */
  object(id: number): string {
    const start = this.offsets[id];
    const head = `${id} 0 obj\n`;
    if (start === undefined || !this.text.startsWith(head, start)) throw new Error(`fillable: object ${id} is not where the table says`);
    const end = this.text.indexOf('\nendobj\n', start);
    return this.text.slice(start + head.length, end);
  }

  /** Objects in the order they are in the file, each with where it starts and ends. */
  spans(): { id: number; start: number; end: number }[] {
    const ids = this.offsets.map((_, id) => id).filter((id) => id > 0).sort((a, b) => this.offsets[a] - this.offsets[b]);
    return ids.map((id, i) => ({ id, start: this.offsets[id], end: i + 1 < ids.length ? this.offsets[ids[i + 1]] : this.xref }));
  }

  /** The trailer dictionary, and where the objects end (the cross-reference table starts). */
  get ending(): { trailer: string; objectsEnd: number } {
    return { trailer: this.trailer, objectsEnd: this.xref };
  }
}

/** The value text of a one-line entry `/key value` of a dictionary body; throws if absent. */
export function entry(dict: string, key: string): string {
  const line = `\n/${key} `;
  const start = dict.indexOf(line);
  if (start === -1) throw new Error(`fillable: no /${key} in ${dict.slice(0, 40)}…`);
  const end = dict.indexOf('\n', start + line.length);
  return dict.slice(start + line.length, end === -1 ? undefined : end);
}

/** The object number of the entry `/key N 0 R`; throws if absent. */
export function refIn(dict: string, key: string): number {
  const found = /^(\d+) 0 R$/.exec(entry(dict, key));
  if (!found) throw new Error(`fillable: /${key} is not a reference`);
  return Number(found[1]);
}

/** The object numbers of the entry `/key [N 0 R …]`. */
export function refsIn(dict: string, key: string): number[] {
  return [...entry(dict, key).matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
}

export const has = (dict: string, key: string): boolean => dict.includes(`\n/${key} `);

/** The dictionary body with `/key value` added at its end (the key must not be there yet). */
export function withEntry(dict: string, key: string, value: string): string {
  if (!dict.endsWith('\n>>') || has(dict, key)) throw new Error(`fillable: cannot add /${key} to ${dict.slice(0, 40)}…`);
  return `${dict.slice(0, -3)}\n/${key} ${value}\n>>`;
}

/** The dictionary body with the one-line value of `/key` replaced. */
export function withValue(dict: string, key: string, value: string): string {
  const before = `\n/${key} ${entry(dict, key)}\n`;
  return dict.replace(before, `\n/${key} ${value}\n`);
}

/** The dictionary body with `/key` set to `value`: added, or replacing a one-line value. */
export const withSet = (dict: string, key: string, value: string): string =>
  (has(dict, key) ? withValue(dict, key, value) : withEntry(dict, key, value));

/** A one-line array value with more items at its end. */
export function appended(value: string, items: string[]): string {
  if (!/^\[[^\n[\]]*\]$/.test(value)) throw new Error(`fillable: cannot add to ${value}`);
  return value === '[]' ? array(items) : `${value.slice(0, -1)} ${items.join(' ')}]`;
}

/** A dictionary body in pdfkit's layout. */
export const dict = (entries: [string, string][]): string => ['<<', ...entries.map(([k, v]) => `/${k} ${v}`), '>>'].join('\n');
export const ref = (id: number): string => `${id} 0 R`;
export const array = (items: string[]): string => `[${items.join(' ')}]`;

/** A stream object's body: its dictionary (with /Length) and its bytes, here ASCII text. */
export const stream = (entries: [string, string][], data: string): string =>
  `${dict([...entries, ['Length', String(data.length)]])}\nstream\n${data}\nendstream`;

/** Text as a PDF text string: UTF-16BE with a byte order mark, in hex. */
export function hexText(text: string): string {
  return `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

/** ASCII text as a literal PDF string. */
export function literal(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error(`fillable: not ASCII: ${text}`);
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** A name from its bytes (a binary string): characters other than regular ones as #XX. */
export function name(bytes: string): string {
  let out = '/';
  for (let i = 0; i < bytes.length; i++) {
    const code = bytes.charCodeAt(i) & 0xff;
    const regular = code >= 0x21 && code <= 0x7e && !'#%()/<>[]{}'.includes(bytes[i]);
    out += regular ? bytes[i] : `#${code.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Changes to a file: objects replaced, objects added (numbered after the file's own). */
export class Revision {
  private next: number;
  private readonly bodies = new Map<number, string>();

  constructor(private readonly file: PdfkitFile) {
    this.next = file.size;
  }

  /** A number for a new object, to refer to before its body is set. */
  reserve(): number {
    return this.next++;
  }

  /** Sets the body of an object of the file or of a reserved new one. */
  set(id: number, body: string): void {
    if (id <= 0 || id >= this.next) throw new Error(`fillable: object ${id} is neither in the file nor reserved`);
    this.bodies.set(id, body);
  }

  /** The revised file: the file's objects in their order (replaced where set), then the new ones. */
  bytes(): Buffer {
    const { file } = this;
    const out = new ByteSink(file.bytes.length * 2);
    const offsets: number[] = [];
    const object = (id: number, body: string) => {
      offsets[id] = out.length;
      out.text(`${id} 0 obj\n${body}\nendobj\n`);
    };

    let pos = 0; // where the next run of the file's bytes to copy starts
    for (const { id, start, end } of file.spans()) {
      const body = this.bodies.get(id);
      if (body === undefined) {
        offsets[id] = out.length + (start - pos);
        continue;
      }
      out.data(file.bytes.subarray(pos, start));
      object(id, body);
      pos = end;
    }
    const { trailer, objectsEnd } = file.ending;
    out.data(file.bytes.subarray(pos, objectsEnd));
    for (let id = file.size; id < this.next; id++) {
      const body = this.bodies.get(id);
      if (body === undefined) throw new Error(`fillable: object ${id} was reserved but not written`);
      object(id, body);
    }

    const xref = out.length;
    const lines = ['xref', `0 ${this.next}`, '0000000000 65535 f '];
    for (let id = 1; id < this.next; id++) lines.push(`${String(offsets[id]).padStart(10, '0')} 00000 n `);
    lines.push('trailer', withValue(trailer, 'Size', String(this.next)), 'startxref', String(xref), '%%EOF', '');
    out.text(lines.join('\n'));
    return out.result();
  }
}
