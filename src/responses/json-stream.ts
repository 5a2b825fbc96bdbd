// Tallies a large JSON responses file while reading it in chunks: each answer sheet goes
// straight into the group tallies, so memory stays flat however many sheets there are
// (JSON.parse of a file with a million sheets would hold ~200 MB of text and more in values).
//
// Same checks and messages as reading the file whole (read.ts): syntax errors worded as
// json-scan.ts words them, and every other problem found by the one validation walk
// (validate.ts), asked about one sheet at a time. Positions are line and column as ever.
// The one difference: a group key given twice is an error here, where JSON.parse would
// silently keep the last one.
//
// Fast path: a sheet that is a plain list of known answers (labels as the export spells
// them, points, null) is converted without the validation walk; the spellings already
// seen are remembered, so a label is normalised once per file, not once per answer.
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import type { Group } from '../content/model.js';
import { maxReportedProblems, UserError, type Problem } from '../errors.js';
import { createGroupTally, type GroupTallyAccumulator, type TallyResult, type TallyScoring } from '../tally/tally.js';
import { createAnswerMatcher, type AnswerMatcher } from './answers.js';
import { readTextFile } from './decode.js';
import { scanJson } from './json-scan.js';
import { formatPath, groupKeys, validateResponses, type DataPath, type Finding } from './validate.js';

/** What tallying a JSON file needs of the content (Content itself fits). */
export interface JsonTallyContent {
  scoring: TallyScoring;
  numbered: readonly unknown[];
}

export interface JsonTallyOptions {
  /** The group the file was given for (--leaders/--employees): every sheet in it counts there. */
  group?: Group;
  /** Bytes read at a time (small values only in tests). */
  chunkBytes?: number;
}

/** Thrown by the reader at the end of the text read so far, to read more and try the unit again. */
const needMore: unique symbol = Symbol('need more input');

class SyntaxFailure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Encoding problems are left to decode.ts, which words them (reading the whole file, on this error path only). */
class NotPlainUtf8 extends Error {}

/** A text without escapes or control characters, and a whole JSON number. */
const plainText = /^[^"\\\u0000-\u001f]*$/;
const jsonNumber = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

const plural = (group: Group) => (group === 'leader' ? 'leaders' : 'employees');
const flag = (group: Group) => (group === 'leader' ? '--leaders' : '--employees');
const other = (group: Group): Group => (group === 'leader' ? 'employee' : 'leader');

/** Tallies a JSON responses file of any size; throws a UserError listing the problems. */
export function tallyJsonFile(file: string, content: JsonTallyContent, options: JsonTallyOptions = {}): TallyResult {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    readTextFile(file); // throws the usual message (not found, a folder, permission denied)
    throw new UserError({ file, message: 'cannot be read' });
  }
  try {
    return new JsonTally(file, fd, content, options).run();
  } catch (error) {
    if (error instanceof NotPlainUtf8) {
      readTextFile(file); // throws the located message (binary, UTF-16, not UTF-8)
      throw new UserError({ file, message: 'is not UTF-8 text' });
    }
    if (error instanceof RangeError) throw new UserError({ file, message: 'the JSON data is nested too deeply' });
    throw error;
  } finally {
    closeSync(fd);
  }
}

class JsonTally {
  // The text read and not yet dropped: buf[0] is at absolute offset `base` of the file's text.
  private buf = '';
  private base = 0;
  private pos = 0; // relative to buf
  private eof = false;
  /** Absolute offset before which the text may be dropped: the start of the unit being read. */
  private pin = 0;
  // Line counting of dropped text, for positions.
  private linesBefore = 0;
  private lineStartBefore = 0;

  private readonly bytes: Buffer;
  /** Bytes of a character cut by the end of the last chunk, kept at the start of `bytes`. */
  private carry = 0;
  private firstChunk = true;

  private readonly matcher: AnswerMatcher;
  private readonly statementCount: number;
  /** Answers already seen → category + 1 (0 = not answered); strings and numbers apart. */
  private readonly knownStrings = new Map<string, number>();
  private readonly knownNumbers = new Map<string, number>();
  private readonly answers: (number | null)[];
  private readonly tallies: Record<Group, GroupTallyAccumulator>;
  /** Sheets per group key in the file (for a file given as --leaders/--employees). */
  private readonly sheets: Record<Group, number> = { leader: 0, employee: 0 };
  private readonly problems: Problem[] = [];
  private problemCount = 0;

  constructor(
    private readonly file: string,
    private readonly fd: number,
    content: JsonTallyContent,
    private readonly options: JsonTallyOptions,
  ) {
    this.bytes = Buffer.allocUnsafe(Math.max(4, options.chunkBytes ?? 1 << 20));
    this.matcher = createAnswerMatcher(content.scoring.scale);
    this.statementCount = content.numbered.length;
    this.answers = new Array<number | null>(this.statementCount).fill(null);
    this.tallies = {
      leader: createGroupTally(content.scoring, this.statementCount),
      employee: createGroupTally(content.scoring, this.statementCount),
    };
  }

  run(): TallyResult {
    try {
      this.document();
    } catch (error) {
      if (!(error instanceof SyntaxFailure)) throw error;
      throw new UserError({ file: this.file, ...this.lineColumn(error.offset), message: `JSON syntax error: ${error.message}` });
    }
    if (this.problemCount > 0) {
      const shown = this.problems.slice(0, maxReportedProblems);
      const rest = this.problemCount - shown.length;
      if (rest > 0) shown.push({ file: this.file, message: `… and ${rest} more problem${rest === 1 ? '' : 's'}` });
      throw new UserError(shown);
    }
    const group = this.options.group;
    if (group !== undefined && this.sheets[other(group)] > 0 && this.sheets[group] === 0) {
      throw new UserError({ file: this.file, message: `holds ${plural(other(group))}' answers, but was given as ${flag(group)}` });
    }
    return { leaders: this.tallies.leader.result(), employees: this.tallies.employee.result() };
  }

  // ——— the document: a mapping of group keys to lists of sheets ———

  private document(): void {
    const start = this.unit(() => {
      this.ws();
      if (this.ch() === -1) throw new UserError({ file: this.file, message: 'the file is empty' });
      return this.abs();
    });
    if (this.ch() !== 0x7b) {
      // Not a mapping: the syntax is checked first, as JSON.parse would.
      const standIn = this.skipValue();
      this.end();
      this.addFindings(validateResponses(standIn, this.matcher, this.statementCount).findings, () => start);
      return;
    }
    const used: Partial<Record<Group, string>> = {};
    let closed = this.unit(() => this.opensEmpty(0x7d));
    while (!closed) {
      const { key, keyOffset } = this.unit(() => {
        this.ws();
        const keyOffset = this.abs();
        const key = this.key();
        this.ws();
        return { key, keyOffset };
      });
      const group = Object.hasOwn(groupKeys, key) ? groupKeys[key] : undefined;
      const earlier = group === undefined ? undefined : used[group];
      if (group === undefined || earlier !== undefined) {
        if (earlier === key) {
          this.problem(keyOffset, [key], `"${key}" is given twice; give each group once`);
        } else {
          // The walk words it: an unknown key, or two keys for the same group.
          const data = earlier === undefined ? { [key]: null } : { [earlier]: null, [key]: null };
          this.addFindings(validateResponses(data, this.matcher, this.statementCount).findings, () => keyOffset);
        }
        this.skipValue();
      } else {
        used[group] = key;
        this.groupList(key, group);
      }
      closed = this.unit(() => this.closes(0x7d));
    }
    this.end();
  }

  /** After the data: only whitespace. */
  private end(): void {
    this.unit(() => {
      this.ws();
      if (this.ch() !== -1) this.fail('unexpected text after the end of the JSON data');
    });
  }

  /** The value of a group key: null, or a list of sheets read one at a time. */
  private groupList(key: string, group: Group): void {
    const start = this.abs();
    const c = this.unit(() => this.ch());
    if (c !== 0x5b) {
      const standIn = this.skipValue();
      if (standIn !== null) {
        this.addFindings(validateResponses({ [key]: standIn }, this.matcher, this.statementCount).findings, () => start);
      }
      return;
    }
    if (this.unit(() => this.opensEmpty(0x5d))) return;
    const target = this.tallies[this.options.group ?? group];
    // The unit loop written out (this runs once per sheet): a sheet cut off by the end of
    // the text read so far is read again from its start after reading more.
    let index = 0;
    let atSheet = true; // false: the sheet is counted, the separator comes next
    for (;;) {
      this.pin = this.abs();
      try {
        if (atSheet) {
          this.ws();
          this.sheet(key, index, target);
          this.sheets[group]++;
          index++;
          atSheet = false;
          this.pin = this.abs();
        }
        if (this.closes(0x5d)) return;
        atSheet = true;
      } catch (error) {
        if (error !== needMore) throw error;
        this.pos = this.pin - this.base;
        this.readMore();
      }
    }
  }

  /** One answer sheet: converted on the fast path, or asked of the validation walk. */
  private sheet(key: string, index: number, target: GroupTallyAccumulator): void {
    const start = this.pos;
    const first = this.ch();
    if ((first === 0x5b && this.fastSheet()) || (first === 0x7b && this.fastIdSheet())) {
      target.add(this.answers);
      return;
    }
    this.pos = start;
    const value = this.value();
    const { responses, findings } = validateResponses({ [key]: [value] }, this.matcher, this.statementCount);
    if (findings.length === 0) {
      const respondent = responses[groupKeys[key]][0];
      if (respondent) target.add(respondent.answers);
      return;
    }
    // Paths are [key, 0, …] in the one-sheet file: they are [key, index, …] in this one.
    const text = this.buf.slice(start, this.pos);
    const inner = findings.map((f) => f.path.slice(2));
    const { locations } = scanJson(text, inner);
    const sheetStart = this.base + start;
    this.addFindings(
      findings.map((f) => ({ ...f, path: [key, index, ...f.path.slice(2)] })),
      (_finding, i) => {
        const at = locations[i][findings[i].part] ?? locations[i].value;
        return at === undefined ? sheetStart : sheetStart + at;
      },
    );
  }

  /**
   * A list of exactly statementCount known answers, into this.answers; false for anything
   * else (the slow path then reads it again and words what is wrong). A tight loop over the
   * text: this is where a large file spends its time.
   */
  private fastSheet(): boolean {
    const buf = this.buf;
    const count = this.statementCount;
    const answers = this.answers;
    let i = this.pos + 1; // after [
    let n = 0;
    for (;;) {
      let c = buf.charCodeAt(i);
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = buf.charCodeAt(++i);
      let known: number | undefined;
      if (c === 0x22) {
        const close = buf.indexOf('"', i + 1);
        if (close === -1) return this.endOfText();
        const text = buf.slice(i + 1, close);
        known = this.knownStrings.get(text);
        // Not seen yet: only plain texts here (escapes and control characters go the slow way).
        if (known === undefined) known = plainText.test(text) ? this.learn(this.knownStrings, text, text) : -1;
        i = close + 1;
      } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        const start = i;
        do c = buf.charCodeAt(++i);
        while ((c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d);
        if (i >= buf.length) return this.endOfText();
        const text = buf.slice(start, i);
        known = this.knownNumbers.get(text);
        if (known === undefined) known = jsonNumber.test(text) ? this.learn(this.knownNumbers, text, Number(text)) : -1;
      } else if (c === 0x6e && buf.startsWith('null', i)) {
        known = 0;
        i += 4;
      } else {
        return i >= buf.length ? this.endOfText() : false;
      }
      if (known === -1 || n === count) return false;
      answers[n++] = known === 0 ? null : known - 1;
      c = buf.charCodeAt(i);
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = buf.charCodeAt(++i);
      if (c === 0x5d) {
        this.pos = i + 1;
        return n === count;
      }
      if (c !== 0x2c) return i >= buf.length ? this.endOfText() : false;
      i++;
    }
  }

  /** {"id": …, "answers": [...]} (either order) with a text or number id and known answers; false for anything else. */
  private fastIdSheet(): boolean {
    const buf = this.buf;
    let i = this.pos + 1; // after {
    let id = false;
    let answers = false;
    const skip = () => {
      let c = buf.charCodeAt(i);
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = buf.charCodeAt(++i);
      if (i >= buf.length) this.endOfText();
      return c;
    };
    /** After a key: whitespace, the colon, whitespace. */
    const colon = () => {
      if (skip() !== 0x3a) return false;
      i++;
      skip();
      return true;
    };
    for (;;) {
      if (skip() !== 0x22) return false;
      if (!answers && buf.startsWith('"answers"', i)) {
        i += 9;
        if (!colon() || buf.charCodeAt(i) !== 0x5b) return false;
        this.pos = i;
        if (!this.fastSheet()) return false;
        i = this.pos;
        answers = true;
      } else if (!id && buf.startsWith('"id"', i)) {
        i += 4;
        if (!colon()) return false;
        const c = buf.charCodeAt(i);
        const start = i;
        if (c === 0x22) {
          const close = buf.indexOf('"', i + 1);
          if (close === -1) return this.endOfText();
          if (!plainText.test(buf.slice(i + 1, close))) return false;
          i = close + 1;
        } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          let d = c;
          while ((d >= 0x30 && d <= 0x39) || d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) d = buf.charCodeAt(++i);
          if (i >= buf.length) return this.endOfText();
          if (!jsonNumber.test(buf.slice(start, i))) return false;
        } else {
          return false; // a missing or odd id: the slow path says what is wrong, or accepts null
        }
        id = true;
      } else {
        return false;
      }
      const next = skip();
      if (next === 0x7d) {
        this.pos = i + 1;
        return answers;
      }
      if (next !== 0x2c) return false;
      i++;
    }
  }

  /** The fast path ran out of text: read more and try again, or at the end let the slow path word it. */
  private endOfText(): false {
    if (!this.eof) throw needMore;
    return false;
  }

  /** Matches an answer not seen before and remembers it (bounded); -1 when it is no answer. */
  private learn(known: Map<string, number>, text: string, value: unknown): number {
    const match = this.matcher.match(value);
    if (!match.ok) return -1;
    const code = match.category === null ? 0 : match.category + 1;
    if (known.size < 10_000) known.set(text, code);
    return code;
  }

  // ——— problems ———

  private addFindings(findings: Finding[], offsetOf: (finding: Finding, index: number) => number): void {
    findings.forEach((finding, i) => this.problem(offsetOf(finding, i), finding.path, finding.message));
  }

  private problem(offset: number, path: DataPath, message: string): void {
    this.problemCount++;
    if (this.problems.length >= maxReportedProblems) return;
    const field = formatPath(path);
    this.problems.push({ file: this.file, ...this.lineColumn(offset), ...(field ? { field } : {}), message });
  }

  /** Line and column of an absolute offset that has not been dropped yet. */
  private lineColumn(offset: number): { line: number; column: number } {
    let line = this.linesBefore + 1;
    let lineStart = this.lineStartBefore;
    const end = offset - this.base;
    for (let i = this.buf.indexOf('\n'); i !== -1 && i < end; i = this.buf.indexOf('\n', i + 1)) {
      line++;
      lineStart = this.base + i + 1;
    }
    return { line, column: offset - lineStart + 1 };
  }

  // ——— reading: units that are tried again when the text read so far ends inside them ———

  private abs(): number {
    return this.base + this.pos;
  }

  /** Runs fn from the current position; if it runs out of text, reads more and runs it again. */
  private unit<T>(fn: () => T): T {
    this.pin = this.abs();
    for (;;) {
      try {
        return fn();
      } catch (error) {
        if (error !== needMore) throw error;
        this.pos = this.pin - this.base;
        this.readMore();
      }
    }
  }

  /** Drops the text before the pin and appends the next chunk; at the end sets eof. */
  private readMore(): void {
    const cut = this.pin - this.base;
    for (let i = this.buf.indexOf('\n'); i !== -1 && i < cut; i = this.buf.indexOf('\n', i + 1)) {
      this.linesBefore++;
      this.lineStartBefore = this.base + i + 1;
    }
    let text = '';
    while (text === '' && !this.eof) {
      const n = readSync(this.fd, this.bytes, this.carry, this.bytes.length - this.carry, null);
      const length = this.carry + n;
      let chunk = this.bytes.subarray(0, length);
      if (n === 0) this.eof = true;
      if (this.firstChunk) {
        if (length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
          throw new NotPlainUtf8();
        }
        if (length < 3 && !this.eof) {
          this.carry = length; // too short to see a byte-order mark yet
          continue;
        }
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
        this.firstChunk = false;
      }
      // A character cut by the chunk's end waits for the next chunk.
      const whole = this.eof ? chunk.length : completeUtf8Length(chunk);
      const part = chunk.subarray(0, whole);
      if (part.indexOf(0) !== -1 || !isUtf8(part)) throw new NotPlainUtf8();
      text = part.toString('utf8');
      this.carry = chunk.length - whole;
      chunk.copy(this.bytes, 0, whole);
    }
    this.buf = this.buf.slice(cut) + text;
    this.base += cut;
    this.pos -= cut;
  }

  /** The character code at pos; -1 at the end of the file. */
  private ch(): number {
    if (this.pos < this.buf.length) return this.buf.charCodeAt(this.pos);
    if (this.eof) return -1;
    throw needMore;
  }

  private ws(): void {
    for (;;) {
      const c = this.ch();
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos++;
      else return;
    }
  }

  private fail(message: string, offset = this.abs()): never {
    throw new SyntaxFailure(offset, message);
  }

  /** At an opening bracket: reads it; true if the container is empty (its close is read too). */
  private opensEmpty(close: number): boolean {
    this.pos++;
    this.ws();
    if (this.ch() !== close) return false;
    this.pos++;
    return true;
  }

  /** After an item of a container: reads the separator; true at the container's close, false after a comma. */
  private closes(close: number): boolean {
    this.ws();
    const next = this.ch();
    this.pos++;
    if (next === close) return true;
    if (next === -1) this.fail(`unexpected end of file: "${String.fromCharCode(close)}" is missing`, this.abs() - 1);
    if (next !== 0x2c) {
      this.fail(close === 0x7d ? 'expected "," or "}" after a value in a mapping' : 'expected "," or "]" after a list item', this.abs() - 1);
    }
    this.ws();
    if (this.ch() === close) this.fail(close === 0x7d ? 'comma before "}"' : 'comma before "]"');
    return false;
  }

  /** A mapping key and its colon, from the whitespace before the key; the key. */
  private key(): string {
    this.ws();
    if (this.ch() !== 0x22) this.fail('expected a key in double quotes');
    const key = this.string();
    this.ws();
    if (this.ch() !== 0x3a) this.fail(`expected ":" after the key "${key}"`);
    this.pos++;
    return key;
  }

  /** A string token from its opening quote; its value. */
  private string(): string {
    const start = this.pos;
    let escaped = false;
    for (this.pos++; ; this.pos++) {
      const c = this.ch();
      if (c === 0x22) break;
      if (c === -1) this.fail('text in double quotes is not closed', this.base + start);
      if (c < 0x20) this.fail('line break or control character inside a text in double quotes');
      if (c === 0x5c) {
        escaped = true;
        this.pos++;
        const next = this.ch();
        if (next === 0x75) {
          for (let k = 1; k <= 4; k++) {
            this.pos++;
            const h = this.ch();
            const hex = (h >= 0x30 && h <= 0x39) || (h >= 0x41 && h <= 0x46) || (h >= 0x61 && h <= 0x66);
            if (!hex) this.fail('\\u must be followed by 4 hex digits', this.abs() - k - 1);
          }
        } else if (next === -1 || !'"\\/bfnrt'.includes(String.fromCharCode(next))) {
          this.fail(`invalid escape "\\${next === -1 ? '' : String.fromCharCode(next)}" in a text`, this.abs() - 1);
        }
      }
    }
    this.pos++; // closing quote
    const raw = this.buf.slice(start, this.pos);
    return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  }

  /** A number token (JSON's grammar); its text. */
  private number(): string {
    const start = this.pos;
    if (this.ch() === 0x2d) this.pos++;
    const digits = () => {
      let n = 0;
      for (let c = this.ch(); c >= 0x30 && c <= 0x39; c = this.ch()) {
        this.pos++;
        n++;
      }
      return n;
    };
    const first = this.ch();
    if (first === 0x30) this.pos++;
    else if (digits() === 0) this.fail('invalid number', this.base + start);
    if (this.ch() === 0x2e) {
      const dot = this.pos;
      this.pos++;
      if (digits() === 0) this.pos = dot; // "1." is "1" followed by unexpected text, as in json-scan
    }
    const e = this.ch();
    if (e === 0x65 || e === 0x45) {
      const mark = this.pos;
      this.pos++;
      const sign = this.ch();
      if (sign === 0x2b || sign === 0x2d) this.pos++;
      if (digits() === 0) this.pos = mark;
    }
    return this.buf.slice(start, this.pos);
  }

  /** true/false/null at pos: consumes it and returns true; anything else is a syntax error. */
  private literal(word: 'true' | 'false' | 'null'): boolean {
    for (let k = 0; k < word.length; k++) {
      if (this.ch() !== word.charCodeAt(k)) {
        this.pos -= k;
        this.unexpected();
      }
      this.pos++;
    }
    return true;
  }

  /** The syntax error for text that is no JSON value, worded as json-scan words it. */
  private unexpected(): never {
    if (this.buf.length - this.pos <= 30 && !this.eof) throw needMore;
    const word = /[^\s,:\]}]*/y;
    word.lastIndex = this.pos;
    const found = word.exec(this.buf)?.[0] || this.buf[this.pos];
    this.fail(`unexpected ${JSON.stringify(found.slice(0, 30))}; texts must be in double quotes`);
  }

  /** A whole value, built (for a sheet: small). */
  private value(): unknown {
    this.ws();
    const c = this.ch();
    if (c === 0x7b) {
      const result: Record<string, unknown> = {};
      if (this.opensEmpty(0x7d)) return result;
      do {
        const key = this.key();
        Object.defineProperty(result, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
      } while (!this.closes(0x7d));
      return result;
    }
    if (c === 0x5b) {
      const result: unknown[] = [];
      if (this.opensEmpty(0x5d)) return result;
      do result.push(this.value());
      while (!this.closes(0x5d));
      return result;
    }
    return this.scalar(c);
  }

  private scalar(c: number): unknown {
    if (c === 0x22) return this.string();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return Number(this.number());
    if (c === -1) this.fail('unexpected end of file: a value is missing');
    if (c === 0x74 && this.literal('true')) return true;
    if (c === 0x66 && this.literal('false')) return false;
    if (c === 0x6e && this.literal('null')) return null;
    return this.unexpected();
  }

  /**
   * Reads past a value of any size without building it, a token at a time; returns a
   * stand-in of the same kind for messages ({} for a mapping, [] for a list, scalars as they are).
   */
  private skipValue(): unknown {
    const first = this.unit(() => (this.ws(), this.ch()));
    if (first !== 0x7b && first !== 0x5b) return this.unit(() => this.scalar(first));
    // The closing brackets of the open containers, and per level whether an item was read
    // (a container is opened at its bracket). Each unit reads one step and changes the stack
    // only at its end, so it can be run again.
    const closing = (open: number) => (open === 0x7b ? 0x7d : 0x5d);
    const stack: number[] = [closing(first)];
    const started: boolean[] = [false];
    while (stack.length > 0) {
      this.unit(() => {
        const close = stack[stack.length - 1];
        if (started[started.length - 1] ? this.closes(close) : this.opensEmpty(close)) {
          stack.pop();
          started.pop();
          return;
        }
        if (close === 0x7d) this.key();
        this.ws();
        const v = this.ch();
        const opens = v === 0x7b || v === 0x5b;
        if (!opens) this.scalar(v);
        started[started.length - 1] = true;
        if (opens) {
          stack.push(closing(v));
          started.push(false);
        }
      });
    }
    return first === 0x7b ? {} : [];
  }
}

/** The length of the bytes up to the last whole UTF-8 character (a cut one is left for later). */
function completeUtf8Length(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}
