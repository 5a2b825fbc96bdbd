// Content validation: every broken content file stops the build with file, line and field.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { UserError } from '../src/errors.js';
import { repoRoot, runMus } from './helpers/cli.js';
import { tempDir } from './helpers/pdf.js';

const contentDir = join(repoRoot, 'content/da');

/** A copy of the Danish content with one file changed by `edit`. */
function contentWith(file: string, edit: (text: string) => string): string {
  const dir = join(tempDir('mus-content-'), 'da');
  cpSync(contentDir, dir, { recursive: true });
  const path = join(dir, file);
  const changed = edit(readFileSync(path, 'utf8'));
  expect(changed, 'the edit must change the file').not.toBe(readFileSync(path, 'utf8'));
  writeFileSync(path, changed);
  return dir;
}

function problemsOf(dir: string): string {
  try {
    loadContent(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as Error).message;
  }
  throw new Error('content was accepted');
}

/** The 1-based line of the first occurrence of `needle` in a content file. */
const lineOf = (dir: string, file: string, needle: string) =>
  readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle)) + 1;

describe('content loading', () => {
  it('loads the Danish content: 20 statements in 3 themes, 5 categories, 5 bands', () => {
    const content = loadContent(contentDir);
    expect(content.numbered).toHaveLength(20);
    expect(content.statements.themes.map((t) => t.title)).toEqual([
      'Forberedelse og gennemførelse af MUS',
      'Selve MUS-samtalen',
      'Værdien af MUS',
    ]);
    expect(content.scoring.scale.map((c) => [c.label, c.points])).toEqual([
      ['Aldrig', 1],
      ['Sjældent', 2],
      ['Af og til', 3],
      ['Oftest', 4],
      ['Altid', 5],
    ]);
    expect(content.scoring.scale[3].aliases).toContain('Som oftest');
    expect(content.scoring.bands.map((b) => [b.min, b.max])).toEqual([
      [0, 20],
      [21, 40],
      [41, 60],
      [61, 80],
      [81, 100],
    ]);
    expect(content.numbered[6].source.leader).toEqual({
      file: expect.stringMatching(/udsagn\.yaml$/),
      line: expect.any(Number),
    });
  });

  it('a missing field names file, line and field', () => {
    const dir = contentWith('test.yaml', (t) => t.replace(/^ {2}subtitle: .*\n/m, ''));
    expect(problemsOf(dir)).toMatch(/test\.yaml:\d+:\d+ leader\.subtitle: is missing/);
  });

  it('a wrong type names the field', () => {
    const dir = contentWith('skala.yaml', (t) => t.replace('points: 3', 'points: tre'));
    const line = lineOf(dir, 'skala.yaml', 'points: tre');
    expect(problemsOf(dir)).toContain(`skala.yaml:${line}:13 scale[2].points: must be number, not string`);
  });

  it('a statement with no theme title is rejected', () => {
    const dir = contentWith('udsagn.yaml', (t) => t.replace('- title: Selve MUS-samtalen', '- title: ""'));
    expect(problemsOf(dir)).toMatch(/udsagn\.yaml:\d+:\d+ themes\[1\]\.title: must be a non-empty text/);
  });

  it('an unknown field is named', () => {
    const dir = contentWith('meta.yaml', (t) => `${t}colour: blue\n`);
    expect(problemsOf(dir)).toMatch(/meta\.yaml:\d+:\d+: unknown field colour/);
  });

  it('overlapping bands are rejected', () => {
    const dir = contentWith('skala.yaml', (t) => t.replace('min: 21', 'min: 19'));
    expect(problemsOf(dir)).toMatch(/skala\.yaml:\d+:\d+ bands\[1\]\.min: band 19–40 overlaps band 0–20/);
  });

  it('a gap between bands is rejected', () => {
    const dir = contentWith('skala.yaml', (t) => t.replace('min: 41', 'min: 45'));
    expect(problemsOf(dir)).toMatch(/bands\[2\]\.min: gap: no band holds 41–44/);
  });

  it('bands that do not reach the highest total are rejected', () => {
    const dir = contentWith('skala.yaml', (t) => t.replace('max: 100', 'max: 90'));
    expect(problemsOf(dir)).toMatch(/bands\[4\]\.max: the highest possible total is 100 \(20 statements\)/);
  });

  it('points that do not rise with the scale are rejected', () => {
    const dir = contentWith('skala.yaml', (t) => t.replace('points: 4', 'points: 2'));
    expect(problemsOf(dir)).toMatch(/scale\[3\]\.points: Oftest has 2 points; the scale must rise/);
  });

  it('a YAML syntax error gives line and column', () => {
    const dir = contentWith('procesguide.yaml', (t) => t.replace('title: Procesguide', 'title: [Procesguide'));
    expect(problemsOf(dir)).toMatch(/procesguide\.yaml:\d+:\d+: YAML syntax/);
  });

  it('all problems are reported together: one line each, in file order', () => {
    const dir = contentWith('skala.yaml', (t) => t.replace('min: 41', 'min: 45'));
    writeFileSync(join(dir, 'meta.yaml'), readFileSync(join(dir, 'meta.yaml'), 'utf8').replace(/^version: .*\n/m, ''));
    const bandLine = lineOf(dir, 'skala.yaml', 'min: 45');
    // A missing field is reported where its mapping starts: line 3 of meta.yaml, after the comments.
    expect(problemsOf(dir).split('\n')).toEqual([
      expect.stringMatching(/meta\.yaml:3:1 version: is missing$/),
      expect.stringMatching(new RegExp(`skala\\.yaml:${bandLine}:\\d+ bands\\[2\\]\\.min: gap: no band holds 41–44$`)),
    ]);
  });

  it('a changed statement shows up in the next build, no code change needed', async () => {
    const dir = contentWith('udsagn.yaml', (t) =>
      t.replace('leader: MUS gennemføres', 'leader: MUS gennemføres hvert år'),
    );
    const out = tempDir();
    expect(runMus(['build', '--content', dir, '--out', out]).code).toBe(0);
    const { readPdf } = await import('./helpers/pdf.js');
    expect((await readPdf(join(out, 'mus-test-leder.pdf'))).text).toContain('MUS gennemføres hvert år');
  });

  it('the CLI stops with exit code 1, one clear line, and writes no PDF', () => {
    const dir = contentWith('skala.yaml', (t) => t.replace('min: 21', 'min: 19'));
    const out = join(tempDir(), 'out');
    const result = runMus(['build', '--content', dir, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/skala\.yaml:\d+:\d+ bands\[1\]\.min/);
    expect(existsSync(join(out, 'mus-test-leder.pdf'))).toBe(false);
  });
});
