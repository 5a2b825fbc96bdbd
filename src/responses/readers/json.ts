// JSON responses files, often exports, read whole: JSON.parse builds the values (fast and
// lean even for 100 000 respondents). jsonc-parser, which reports offsets, says where things are:
// one pass of its visitor finds a syntax error and keys given twice (JSON.parse would keep
// the last one without a word, and a group could lose its answers), and its syntax tree
// places the problems the validation walk finds, built only when there are some.
import { errorText, quote } from '../../text.js';
import { findNodeAtLocation, parseTree, ParseErrorCode, visit, type ParseOptions } from 'jsonc-parser';
import { throwIfProblems, UserError, type Problem } from '../../errors.js';
import { maxJsonDepth } from '../../limits.js';
import { readTextFile } from '../decode.js';
import { lineColumnFinder } from '../../text-decode.js';
import type { Responses } from '../types.js';
import { formatPath, toProblem, validateData, type DataPath, type ResponsesContent } from '../validate.js';

/** The offset where brackets (outside texts) open more than maxJsonDepth levels, or undefined. */
function nestingTooDeep(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxJsonDepth) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

/** Strict JSON: no comments, no trailing commas. */
const strict: ParseOptions = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

export function readJsonResponses(file: string, content: ResponsesContent): Responses {
  return parseJsonResponses(readTextFile(file), file, content);
}

/** Parses and validates the text of a JSON file; `file` is only used in messages. */
export function parseJsonResponses(text: string, file: string, content: ResponsesContent): Responses {
  if (text.trim() === '') throw new UserError({ file, message: 'the file is empty' });
  const lineColumn = (offset: number) => lineColumnFinder(text)(offset);
  // Nesting is counted before any parser recurses into it (limits.ts).
  const tooDeep = nestingTooDeep(text);
  if (tooDeep !== undefined) {
    throw new UserError({
      file,
      ...lineColumn(tooDeep),
      message: `nests lists and mappings more than ${maxJsonDepth} levels deep; an answers file has four`,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const { syntaxError } = checkJson(text);
    // JSON.parse's own message may quote the file, so it is only the last resort, cut short.
    const at = syntaxError
      ? { ...lineColumn(syntaxError.offset), message: syntaxError.message }
      : { message: errorText(error, 40) };
    throw new UserError({ file, ...at, message: `JSON syntax error: ${at.message}` });
  }
  // A key given twice leaves one key fewer in the data than the text has. Every key is
  // followed by a colon, so with no more colons in the text than keys in the data, no key
  // is given twice; only otherwise (a colon inside a text, or a repeated key) is the text scanned.
  if (countColons(text) > countKeys(data)) {
    throwIfProblems(
      checkJson(text).duplicates.map(
        ({ path, first, second }): Problem => ({
          file,
          ...lineColumn(second),
          field: formatPath(path),
          message: `${quote(String(path[path.length - 1]))} is given twice, on line ${lineColumn(first).line} and line ${lineColumn(second).line}; keep one`,
        }),
      ),
    );
  }
  const { responses, findings } = validateData(data, content);
  if (findings.length > 0) {
    const root = parseTree(text, [], strict);
    const position = lineColumnFinder(text);
    throwIfProblems(
      findings.map((finding) => {
        const offset = root && offsetOf(root, finding.path, finding.part);
        return toProblem(finding, file, offset === undefined ? undefined : position(offset));
      }),
    );
  }
  return responses;
}

function countColons(text: string): number {
  let count = 0;
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) count++;
  return count;
}

/** The keys of every mapping in parsed JSON data. */
function countKeys(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object') count += countKeys(item);
    return count;
  }
  for (const key in value) count += 1 + countKeys((value as Record<string, unknown>)[key]);
  return count;
}

type JsonNode = NonNullable<ReturnType<typeof parseTree>>;

/** The offset of the value at a path, or of its key in a mapping. */
function offsetOf(root: JsonNode, path: DataPath, part: 'key' | 'value'): number | undefined {
  const node = findNodeAtLocation(root, path);
  if (!node) return undefined;
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  return part === 'key' && property?.children ? property.children[0].offset : node.offset;
}

interface Duplicate {
  path: DataPath;
  /** Offsets of the key's first and second appearance. */
  first: number;
  second: number;
}

interface JsonCheck {
  syntaxError?: { offset: number; message: string };
  duplicates: Duplicate[];
}

/** One pass over the text: the first syntax error, and every key given twice in a mapping. */
function checkJson(text: string): JsonCheck {
  // Per open container: the keys seen so far (a mapping), or undefined (a list).
  const open: (Map<string, number> | undefined)[] = [];
  const duplicates: Duplicate[] = [];
  let syntaxError: JsonCheck['syntaxError'];
  let lastKey = '';
  let values = 0; // values finished at the top level
  const ended = (): void => {
    if (open.length === 0) values++;
  };
  try {
    visit(
      text,
      {
        onObjectBegin: () => void open.push(new Map()),
        onObjectEnd: () => {
          open.pop();
          ended();
        },
        onArrayBegin: () => void open.push(undefined),
        onArrayEnd: () => {
          open.pop();
          ended();
        },
        onLiteralValue: () => ended(),
        onObjectProperty: (key, offset, _length, _line, _column, pathSupplier) => {
          lastKey = key;
          const keys = open[open.length - 1];
          const first = keys?.get(key);
          if (first === undefined) keys?.set(key, offset);
          else duplicates.push({ path: [...pathSupplier(), key], first, second: offset });
        },
        onError: (code, offset, length) => {
          if (syntaxError) return;
          const container = open.length === 0 ? 'top' : open[open.length - 1] ? 'mapping' : 'list';
          syntaxError = describeSyntaxError(text, { code, offset, length, container, lastKey, afterEnd: values > 0 });
        },
      },
      strict,
    );
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { syntaxError: { offset: 0, message: 'the data is nested too deeply to be read' }, duplicates };
  }
  return { syntaxError, duplicates };
}

interface RawError {
  code: ParseErrorCode;
  offset: number;
  length: number;
  container: 'top' | 'mapping' | 'list';
  lastKey: string;
  /** A whole value was read already: the error is in text after it. */
  afterEnd: boolean;
}

/** jsonc-parser's error code, worded for a person who typed or exported the file, at the right character. */
function describeSyntaxError(text: string, error: RawError): { offset: number; message: string } {
  const { code, offset, length, container } = error;
  const token = text.slice(offset, offset + length);
  const before = text.slice(0, offset).trimEnd().slice(-1); // the last character before the error, past white space
  const atEnd = offset >= text.length;
  const missingSeparator =
    container === 'mapping'
      ? 'expected "," or "}" after a value in a mapping'
      : 'expected "," or "]" after a list item';
  const at = (message: string, where = offset) => ({ offset: where, message });
  switch (code) {
    case ParseErrorCode.UnexpectedEndOfString:
      return offset + length >= text.length
        ? at('text in double quotes is not closed')
        : at('line break or control character inside a text in double quotes', offset + length);
    case ParseErrorCode.InvalidCharacter:
      return at(
        'line break or control character inside a text in double quotes',
        offset + Math.max(0, token.search(/[\u0000-\u001f]/)),
      );
    case ParseErrorCode.InvalidEscapeCharacter: {
      const bad = /\\([^"\\/bfnrtu]|$)/.exec(token);
      return at(`invalid escape "\\${bad?.[1] ?? ''}" in a text`, offset + (bad?.index ?? 0));
    }
    case ParseErrorCode.InvalidUnicode:
      return at('\\u must be followed by 4 hex digits', offset + Math.max(0, token.search(/\\u(?![0-9a-fA-F]{4})/)));
    case ParseErrorCode.InvalidNumberFormat:
    case ParseErrorCode.UnexpectedEndOfNumber:
      return at('invalid number');
    case ParseErrorCode.InvalidCommentToken:
    case ParseErrorCode.UnexpectedEndOfComment:
      return at('comments are not allowed in JSON');
    case ParseErrorCode.EndOfFileExpected:
      return at('unexpected text after the end of the JSON data');
    case ParseErrorCode.InvalidSymbol: {
      if (error.afterEnd && container === 'top') return at('unexpected text after the end of the JSON data');
      if (container === 'mapping' && (before === '{' || before === ',')) return at('expected a key in double quotes');
      const word = /[^\s,:\]}]*/y;
      word.lastIndex = offset;
      const found = word.exec(text)?.[0] || text[offset];
      return at(`unexpected ${JSON.stringify(found.slice(0, 30))}; texts must be in double quotes`);
    }
    case ParseErrorCode.PropertyNameExpected:
      return at(text[offset] === '}' && before === ',' ? 'comma before "}"' : 'expected a key in double quotes');
    case ParseErrorCode.ValueExpected:
      if (atEnd) return at('unexpected end of file: a value is missing');
      if ((text[offset] === ']' || text[offset] === '}') && before === ',') return at(`comma before "${text[offset]}"`);
      return at('expected a value');
    case ParseErrorCode.ColonExpected:
      return at(`expected ":" after the key ${quote(error.lastKey)}`);
    case ParseErrorCode.CommaExpected:
      return at(missingSeparator);
    case ParseErrorCode.CloseBraceExpected:
    case ParseErrorCode.CloseBracketExpected:
      return atEnd
        ? at(
            `unexpected end of file: "${code === ParseErrorCode.CloseBraceExpected ? '}' : ']'}" is missing`,
            text.length,
          )
        : at(missingSeparator);
    default:
      return at('the text is not JSON here');
  }
}
