// A small strict JSON scanner for the slow path only: it finds where a syntax error
// is (JSON.parse's messages often give no position, and the `yaml` parser accepts
// things JSON does not, like trailing commas), and where given paths are, so problems
// found by the validation walk get a line and column. It builds no values and no
// syntax tree, so memory stays flat on large files — unlike re-parsing with `yaml`.
import type { DataPath } from './validate.js';

export interface JsonSyntaxProblem {
  offset: number;
  message: string;
}

/** Where a wanted path was found: the offset of its key (in a mapping) and of its value. */
export interface JsonLocation {
  key?: number;
  value?: number;
}

export interface JsonScanResult {
  syntaxError?: JsonSyntaxProblem;
  /** Same order as the wanted paths; empty objects for paths not found. */
  locations: JsonLocation[];
}

interface PathNode {
  children: Map<string, PathNode>;
  location: JsonLocation;
}

class SyntaxFailure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Scans text as strict JSON, recording the offsets of the wanted paths. */
export function scanJson(text: string, wanted: readonly DataPath[] = []): JsonScanResult {
  const root: PathNode = { children: new Map(), location: {} };
  const nodes = wanted.map((path) => {
    let node = root;
    for (const part of path) {
      const key = String(part);
      let child = node.children.get(key);
      if (!child) node.children.set(key, (child = { children: new Map(), location: {} }));
      node = child;
    }
    return node;
  });
  const locations = () => nodes.map((node) => node.location);

  try {
    new Scanner(text).document(root);
    return { locations: locations() };
  } catch (error) {
    if (error instanceof SyntaxFailure) {
      return { syntaxError: { offset: error.offset, message: error.message }, locations: locations() };
    }
    if (error instanceof RangeError) return { locations: locations() }; // absurd nesting: no positions
    throw error;
  }
}

const numberPattern = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

class Scanner {
  private pos = 0;
  constructor(private readonly text: string) {}

  document(root: PathNode): void {
    this.value(root);
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail('unexpected text after the end of the JSON data');
  }

  private value(node: PathNode | undefined): void {
    this.skipWhitespace();
    if (node) node.location.value = this.pos;
    const ch = this.text[this.pos];
    if (ch === '{') this.object(node);
    else if (ch === '[') this.array(node);
    else if (ch === '"') this.string();
    else if (ch === '-' || (ch >= '0' && ch <= '9')) this.number();
    else if (ch === undefined) this.fail('unexpected end of file: a value is missing');
    else this.word();
  }

  private object(node: PathNode | undefined): void {
    this.pos++; // {
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') {
        this.fail(this.text[this.pos] === '}' ? 'comma before "}"' : 'expected a key in double quotes');
      }
      const keyOffset = this.pos;
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail(`expected ":" after the key "${key}"`);
      this.pos++;
      const child = node?.children.get(key);
      if (child) child.location.key = keyOffset;
      this.value(child);
      this.skipWhitespace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === '}') return;
      if (next === undefined) this.fail('unexpected end of file: "}" is missing', this.text.length);
      if (next !== ',') this.fail('expected "," or "}" after a value in a mapping', this.pos - 1);
    }
  }

  private array(node: PathNode | undefined): void {
    this.pos++; // [
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (let index = 0; ; index++) {
      this.skipWhitespace();
      if (this.text[this.pos] === ']') this.fail('comma before "]"');
      this.value(node?.children.get(String(index)));
      this.skipWhitespace();
      const next = this.text[this.pos];
      this.pos++;
      if (next === ']') return;
      if (next === undefined) this.fail('unexpected end of file: "]" is missing', this.text.length);
      if (next !== ',') this.fail('expected "," or "]" after a list item', this.pos - 1);
    }
  }

  /** Reads a string starting at the opening quote; returns its value (needed for keys). */
  private string(): string {
    const start = this.pos;
    let escaped = false;
    for (this.pos++; ; this.pos++) {
      const code = this.text.charCodeAt(this.pos);
      if (Number.isNaN(code)) this.fail('text in double quotes is not closed', start);
      if (code === 0x22) break; // "
      if (code < 0x20) this.fail('line break or control character inside a text in double quotes');
      if (code === 0x5c) {
        // backslash
        escaped = true;
        const next = this.text[this.pos + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
            this.fail('\\u must be followed by 4 hex digits');
          }
          this.pos += 5;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) this.pos++;
        else this.fail(`invalid escape "\\${next ?? ''}" in a text`);
      }
    }
    this.pos++; // closing quote
    const raw = this.text.slice(start, this.pos);
    return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  }

  private number(): void {
    numberPattern.lastIndex = this.pos;
    const match = numberPattern.exec(this.text);
    if (!match) this.fail('invalid number');
    this.pos += match[0].length;
  }

  private word(): void {
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.pos)) {
        this.pos += literal.length;
        return;
      }
    }
    const word = /[^\s,:\]}]*/y;
    word.lastIndex = this.pos;
    const found = word.exec(this.text)?.[0] || this.text[this.pos];
    this.fail(`unexpected ${JSON.stringify(found.slice(0, 30))}; texts must be in double quotes`);
  }

  private skipWhitespace(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) this.pos++;
      else return;
    }
  }

  private fail(message: string, offset = this.pos): never {
    throw new SyntaxFailure(offset, message);
  }
}
