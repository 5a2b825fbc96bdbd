// The import graph of src/: reading answers (responses/) depends on the content alone, and no
// two folders of src/ import each other, directly or round a loop. Imports are found by the
// TypeScript compiler's own pre-processor (static, `export … from`, `import type` and dynamic).
// Also how the test files are named: end to end (running `mus`) or not.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';

const src = join(repoRoot, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The part of src/ a path is in: its top folder ("render"), or a top file's name ("output"). */
function partOf(path: string): string {
  const [first, ...rest] = relative(src, path).split(sep);
  return rest.length > 0 ? first : first.replace(/\.[jt]s$/, '');
}

/** Every relative import of every file in src/, as [importing file, imported path] (both absolute). */
function imports(): [string, string][] {
  return sourceFiles(src).flatMap((file) => {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    return info.importedFiles
      .filter((i) => i.fileName.startsWith('.'))
      .map((i): [string, string] => [file, resolve(dirname(file), i.fileName)]);
  });
}

describe('the import graph of src/', () => {
  const all = imports();

  it('finds the imports it checks (static, type-only and dynamic)', () => {
    const of = (file: string) => all.filter(([from]) => from === join(src, file)).map(([, to]) => relative(src, to));
    expect(of('responses/readers/scan/read-scans.ts')).toContain(join('content', 'model.js')); // import type
    expect(of('responses/collect.ts')).toContain(join('responses', 'readers', 'scan', 'read-scans.js')); // import()
    expect(of('render/styles.ts')).toContain(join('sheet', 'paper.js')); // export … from
  });

  it('responses/ imports only from itself, the content, the printed sheet (sheet/) and neutral helpers (text-decode, …)', () => {
    const allowed = new Set([
      'responses',
      'content',
      'sheet',
      'errors',
      'text',
      'text-decode',
      'limits',
      'paths',
      'pdf-lib',
      'freeze',
      'types',
    ]);
    const wrong = all
      .filter(([from, to]) => partOf(from) === 'responses' && !allowed.has(partOf(to)))
      .map(([from, to]) => `${relative(src, from)} imports ${relative(src, to)}`);
    expect(wrong).toEqual([]);
  });

  it('has no loop between the folders of src/', () => {
    const edges = new Map<string, Set<string>>();
    for (const [from, to] of all) {
      const [a, b] = [partOf(from), partOf(to)];
      if (a === b) continue;
      if (!edges.has(a)) edges.set(a, new Set());
      edges.get(a)!.add(b);
    }
    const loops: string[] = [];
    // Depth first from every part: meeting a part already on the path closes a loop.
    const walk = (part: string, path: string[]) => {
      for (const next of edges.get(part) ?? []) {
        if (path.includes(next)) loops.push([...path.slice(path.indexOf(next)), next].join(' → '));
        else walk(next, [...path, next]);
      }
    };
    for (const part of edges.keys()) walk(part, [part]);
    expect(loops).toEqual([]);
  });
});

describe('the test files', () => {
  it('a file that runs the `mus` command (whole builds, as a user would) is named *.e2e.test.ts, and only such a file', () => {
    const dir = join(repoRoot, 'test');
    const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(20);
    for (const name of files) {
      const runsMus = /\brunMus\(|dist\/src\/cli\.js/.test(readFileSync(join(dir, name), 'utf8'));
      expect(name.endsWith('.e2e.test.ts'), name).toBe(runsMus);
    }
  });
});
