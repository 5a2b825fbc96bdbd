// The catalogue of problems and notices (src/problem-kinds.ts): every kind the code words has
// a text in each language's problems.yaml, with the placeholders the code fills it with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadProblemTexts, noticeLine, problemLine } from '../src/content/problems.js';
import { problemKinds } from '../src/problem-kinds.js';
import { loadAppTexts } from '../src/web/texts.js';
import { repoRoot } from './helpers/cli.js';

const languages = ['da', 'en'];
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]))].sort();

describe('problems.yaml in every language', () => {
  for (const language of languages) {
    const dir = join(repoRoot, 'content', language);
    const texts = parse(readFileSync(join(dir, 'problems.yaml'), 'utf8')) as Record<string, string>;

    it(`${language}: one text for every kind in the registry, and no other`, () => {
      expect(Object.keys(texts).sort()).toEqual(Object.keys(problemKinds).sort());
      expect(() => loadProblemTexts(dir)).not.toThrow();
    });

    it(`${language}: each text uses exactly the placeholders of its kind ({{file}} besides)`, () => {
      for (const [kind, wanted] of Object.entries(problemKinds)) {
        const used = placeholders(texts[kind] ?? '').filter((name) => name !== 'file');
        expect(used, `${language}/problems.yaml ${kind}`).toEqual([...wanted].sort());
      }
    });
  }
});

describe('content/en', () => {
  it("holds every text of the app (app.yaml checked against the app's schema)", () => {
    const english = loadAppTexts(join(repoRoot, 'content', 'en')).texts;
    const danish = loadAppTexts(join(repoRoot, 'content', 'da')).texts;
    expect(english.nav.answers).toBe('Answers');
    expect(Object.keys(english).sort()).toEqual(Object.keys(danish).sort());
  });
});

describe('a problem or notice worded from the catalogue', () => {
  const danish = loadProblemTexts(join(repoRoot, 'content', 'da'));
  it('fills in the values, after the file and page the line is about', () => {
    const line = problemLine(
      {
        file: 'b.pdf',
        field: 'page 2',
        message: 'is the same file as a.pdf',
        kind: 'sameFile',
        values: { first: 'a.pdf' },
      },
      danish,
    );
    expect(line).toBe(
      'b.pdf page 2: er den samme fil som a.pdf (helt ens); talt med én gang. Fjern den ekstra kopi, hvis den er kommet med ved en fejl.',
    );
  });
  it('a skipped file says so in the language; a notice about no one file is its text alone', () => {
    expect(problemLine({ file: 'x.csv', message: 'no header', skipped: true }, danish)).toBe(
      'x.csv: no header (sprunget over)',
    );
    expect(problemLine({ file: 'x.csv', message: 'no header', skipped: true }, {})).toBe('x.csv: no header (skipped)');
    expect(
      noticeLine({ file: '', message: 'skipped 2 files', kind: 'skippedFiles', values: { count: '2' } }, danish),
    ).toBe('2 fil(er) kunne ikke tælles og er sprunget over; se problemet ved hver fil.');
    expect(noticeLine({ file: '', message: 'skipped 2 files' }, {})).toBe('skipped 2 files');
    expect(noticeLine('a plain line', danish)).toBe('a plain line');
  });
});
