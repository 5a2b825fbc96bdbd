// YAML responses files: hand-typed and small, parsed with `yaml`'s parseDocument, which
// keeps node positions for the messages. One UserError lists every problem with file,
// line, column and field. A text file with another extension that looks like YAML or JSON
// is read here too (JSON is YAML).
import {
  LineCounter,
  Scalar,
  isMap,
  isNode,
  isScalar,
  parseDocument,
  visit,
  type Document,
  type YAMLError,
} from 'yaml';
import { throwIfProblems, UserError } from '../../errors.js';
import { readTextFile } from '../decode.js';
import type { LineColumn } from '../../text-decode.js';
import type { Responses } from '../types.js';
import { toProblem, validateData, type DataPath, type Finding, type ResponsesContent } from '../validate.js';

export function readYamlResponses(file: string, content: ResponsesContent): Responses {
  return parseYamlResponses(readTextFile(file), file, content);
}

/** Parses and validates the text of a YAML file; `file` is only used in messages. */
export function parseYamlResponses(text: string, file: string, content: ResponsesContent): Responses {
  if (text.trim() === '') throw new UserError({ file, message: 'the file is empty' });
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
  const { responses, findings } = validateData(data, content);
  throwIfProblems(
    findings.map((finding) => {
      const offset = yamlOffset(doc, finding.path, finding.part);
      return toProblem(finding, file, offset === undefined ? undefined : position(offset));
    }),
  );
  return responses;
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
