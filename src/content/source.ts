// A YAML file parsed with its positions kept, and helpers to turn a field path into
// "line:column" so every content problem can point at the place to fix.
import { isNode, type Document, type LineCounter } from 'yaml';

/** A YAML file parsed with positions kept, so later checks can point at a line. */
export interface SourceFile {
  path: string; // as shown to the user (relative to the working directory)
  doc: Document;
  lines: LineCounter;
}

/** Line and column (1-based) of the node at `path` in the file, or of the nearest parent that exists. */
export function locate(source: SourceFile, path: (string | number)[]): { line?: number; column?: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? source.doc.contents : source.doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const { line, col } = source.lines.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return {};
}

/** "bands[2].max" from ["bands", 2, "max"]. */
export function fieldName(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
