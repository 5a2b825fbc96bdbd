// Reads a responses file (YAML or JSON) into respondents, or throws one UserError
// listing every problem with file, line, column and field.
//
// Two paths share one validation walk (validate.ts):
// - YAML files are hand-typed and small: parsed with `yaml`'s parseDocument, which
//   keeps node positions for the messages.
// - JSON files may be large exports: JSON.parse is fast and lean, and positions are
//   only looked up (json-scan.ts) when there is something to report.
import { extname } from 'node:path';
import { LineCounter, Scalar, isMap, isNode, isScalar, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import type { Scoring } from '../content/model.js';
import { throwIfProblems, UserError, type Problem } from '../errors.js';
import { createAnswerMatcher } from './answers.js';
import { readTextFile } from './decode.js';
import { scanJson } from './json-scan.js';
import { lineColumnFinder, type LineColumn } from './positions.js';
import type { Responses } from './types.js';
import { formatPath, validateResponses, type DataPath, type Finding } from './validate.js';

/** The parts of the content that reading responses needs: the scale, and how many statements. */
export interface ResponsesContent {
  scoring: Pick<Scoring, 'scale'>;
  numbered: readonly unknown[];
}

export type ResponsesFormat = 'yaml' | 'json';

export function readResponses(file: string, content: ResponsesContent): Responses {
  const text = readTextFile(file);
  return parseResponses(text, file, content, formatOf(file));
}

/** The format by extension; 'sniff' leaves it to the content (see parseResponses). */
export function formatOf(file: string): ResponsesFormat | 'sniff' {
  const extension = extname(file).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return 'sniff';
}

/**
 * Parses and validates the text of a responses file; `file` is only used in messages.
 * When sniffing, a text starting with { or [ is JSON if it parses as JSON, otherwise YAML.
 */
export function parseResponses(
  text: string,
  file: string,
  content: ResponsesContent,
  format: ResponsesFormat | 'sniff' = 'sniff',
): Responses {
  if (text.trim() === '') throw new UserError({ file, message: 'the file is empty' });
  if (format === 'json') return parseJson(text, file, content);
  if (format === 'sniff' && /^\s*[[{]/.test(text)) {
    try {
      return fromData(JSON.parse(text), text, file, content);
    } catch (error) {
      if (error instanceof UserError) throw error;
      // Not strict JSON: YAML flow style, e.g. {leaders: [...]}, is still fine.
    }
  }
  return parseYaml(text, file, content);
}

function parseJson(text: string, file: string, content: ResponsesContent): Responses {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const { syntaxError } = scanJson(text);
    const at = syntaxError ? lineColumnFinder(text)(syntaxError.offset) : {};
    // JSON.parse's own message may quote the whole file, so it is the last resort, cut short.
    const message = syntaxError?.message ?? String((error as Error).message).slice(0, 200);
    throw new UserError({ file, ...at, message: `JSON syntax error: ${message}` });
  }
  return fromData(data, text, file, content);
}

/** Validates JSON data; only when there are problems is the text scanned for their positions. */
function fromData(data: unknown, text: string, file: string, content: ResponsesContent): Responses {
  const { responses, findings } = validate(data, content);
  if (findings.length > 0) {
    const { locations } = scanJson(text, findings.map((f) => f.path));
    const lineColumn = lineColumnFinder(text);
    throwIfProblems(
      findings.map((finding, i) => {
        const offset = locations[i][finding.part] ?? locations[i].value;
        return toProblem(finding, file, offset === undefined ? undefined : lineColumn(offset));
      }),
    );
  }
  return responses;
}

function parseYaml(text: string, file: string, content: ResponsesContent): Responses {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): LineColumn => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  throwIfProblems(
    doc.errors.map((error) => ({
      file,
      ...position(syntaxErrorOffset(doc, error)),
      message: `YAML syntax error: ${error.message}`,
    })),
  );
  if (doc.contents === null) throw new UserError({ file, message: 'the file has no content, only comments' });

  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // e.g. too many alias expansions ("billion laughs")
    throw new UserError({ file, message: `cannot be read as YAML: ${(error as Error).message}` });
  }
  const { responses, findings } = validate(data, content);
  throwIfProblems(
    findings.map((finding) => {
      const offset = yamlOffset(doc, finding.path, finding.part);
      return toProblem(finding, file, offset === undefined ? undefined : position(offset));
    }),
  );
  return responses;
}

function validate(data: unknown, content: ResponsesContent) {
  const matcher = createAnswerMatcher(content.scoring.scale);
  return validateResponses(data, matcher, content.numbered.length);
}

/** Where a finding is in the YAML document: the key of a mapping entry or the value at a path. */
function yamlOffset(doc: Document, path: DataPath, part: Finding['part']): number | undefined {
  if (path.length === 0) return rangeStart(doc.contents);
  if (part === 'key') {
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    const name = String(path[path.length - 1]);
    if (isMap(parent)) {
      const pair = parent.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === name);
      if (pair) return rangeStart(pair.key);
    }
  }
  return rangeStart(doc.getIn(path, true));
}

/**
 * yaml places an unclosed quote at the end of the file, where the quoted text ends;
 * the person needs the line where the quote was opened.
 */
function syntaxErrorOffset(doc: Document, error: YAMLError): number {
  if (error.code !== 'MISSING_CHAR' || !error.message.includes('quote')) return error.pos[0];
  let opened: number | undefined;
  visit(doc, {
    Scalar(_key, node) {
      const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
      if (quoted && node.range && node.range[1] >= error.pos[0] && opened === undefined) opened = node.range[0];
    },
  });
  return opened ?? error.pos[0];
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) && node.range ? node.range[0] : undefined;
}

function toProblem(finding: Finding, file: string, at: LineColumn | undefined): Problem {
  const field = formatPath(finding.path);
  return { file, ...at, ...(field ? { field } : {}), message: finding.message };
}
