// Output file names come from the content (meta.yaml `files`): a content folder in another
// language writes its own names, and names that would clash or leave the output folder are
// content errors, reported with file and line.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../src/documents/load.js';
import { parse } from 'yaml';
import { documents } from '../src/app/documents.js';
import { repoRoot, runMus } from './helpers/cli.js';
import { tempDir } from './helpers/pdf.js';

/** The file names content/da/meta.yaml gives, by document id (read here, not by the program). */
const danish = (
  parse(readFileSync(join(repoRoot, 'content/da/meta.yaml'), 'utf8')) as { files: Record<string, string> }
).files;
/**
 * Each file of a build without answers (every registered document made without answers, and
 * its fillable version), by its Danish name, with an English name made from its id (leaderTest: leader-test.pdf).
 */
const english: Record<string, string> = Object.fromEntries(
  documents
    .filter((d) => !d.notMade?.(undefined))
    .flatMap((d) => [d.id, ...(d.fillable ? [d.fillable.id] : [])])
    .map((id) => [danish[id], `${id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.pdf`]),
);

/** A copy of the Danish content with meta.yaml changed by `edit`. */
function contentWithMeta(edit: (text: string) => string): string {
  const dir = join(tempDir('mus-names-'), 'en');
  cpSync(join(repoRoot, 'content/da'), dir, { recursive: true });
  const path = join(dir, 'meta.yaml');
  const changed = edit(readFileSync(path, 'utf8'));
  expect(changed).not.toBe(readFileSync(path, 'utf8'));
  writeFileSync(path, changed);
  return dir;
}

const renamed = (text: string) =>
  Object.entries(english).reduce((t, [da, en]) => t.replace(`: ${da}`, `: ${en}`), text);

describe('output file names come from the content', () => {
  it('a content folder with English names writes English names only', () => {
    const content = contentWithMeta(renamed);
    const out = tempDir('mus-names-out-');
    const result = runMus(['build', '--content', content, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(Object.values(english).sort());
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('/').pop())
        .sort(),
    ).toEqual(Object.values(english).sort());
  });

  it('the Danish content names the files as before', () => {
    const out = tempDir('mus-names-da-');
    expect(runMus(['build', '--out', out]).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(Object.keys(english).sort());
  });

  it('two documents with one file name are a content error at the line', () => {
    const content = contentWithMeta((t) =>
      t.replace('checklist: procesguide-tjekliste.pdf', 'checklist: resultatskema-leder.pdf'),
    );
    const line =
      readFileSync(join(content, 'meta.yaml'), 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('  checklist:')) + 1;
    expect(() => loadContent(content)).toThrow(
      new RegExp(`^.*meta\\.yaml:${line}:\\d+ files\\.checklist: is also the file name of leaderPoster$`, 'm'),
    );
  });

  it('a name with a folder in it, or without .pdf, is rejected', () => {
    const content = contentWithMeta((t) =>
      t
        .replace('checklist: procesguide-tjekliste.pdf', 'checklist: ../tjekliste.pdf')
        .replace('leaderTest: mus-test-leder.pdf', 'leaderTest: mus-test-leder'),
    );
    const result = runMus(['build', '--content', content, '--out', tempDir('mus-names-bad-')]);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /meta\.yaml:\d+:\d+ files\.leaderTest: must be a file name ending in \.pdf, without a folder$/,
    );
    expect(lines[1]).toMatch(
      /meta\.yaml:\d+:\d+ files\.checklist: must be a file name ending in \.pdf, without a folder$/,
    );
  });
});
