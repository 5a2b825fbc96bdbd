// A facilitator's first workshop (issue 16): the commands and messages a newcomer meets,
// each pinned by its first line; and content too long for its page named by file and line (15).
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, repoRoot, runMus } from './helpers/cli.js';
import { flat, readPdf, tempDir } from './helpers/pdf.js';

const contentDir = join(repoRoot, 'content/da');

function contentWith(file: string, edit: (text: string) => string): string {
  const dir = join(tempDir('mus-first-content-'), 'da');
  cpSync(contentDir, dir, { recursive: true });
  const path = join(dir, file);
  const changed = edit(readFileSync(path, 'utf8'));
  expect(changed).not.toBe(readFileSync(path, 'utf8'));
  writeFileSync(path, changed);
  return dir;
}

const firstLine = (text: string) => text.split('\n')[0];

describe('mus build takes the answers as tally does', () => {
  it('as an argument, with -o for the output folder', async () => {
    const out = tempDir();
    const result = runMus(['build', fixture('eksempel-svar.yaml'), '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    const viaOption = tempDir();
    expect(runMus(['build', '--responses', fixture('eksempel-svar.yaml'), '--out', viaOption]).code).toBe(0);
    for (const name of ['resultatskema-leder.pdf', 'resultatskema-medarbejder.pdf']) {
      expect(readFileSync(join(out, name)).equals(readFileSync(join(viaOption, name)))).toBe(true);
    }
    // pre-filled: the leader poster counts the sample's 2 leaders
    expect(flat((await readPdf(join(out, 'resultatskema-leder.pdf'))).text)).toMatch(/Antal besvarelser: 2/);
  }, 120_000); // two whole builds

  it('a group without answers gets the blank poster, with a notice', async () => {
    const only = join(tempDir('mus-first-'), 'medarbejdere.yaml');
    const sheet = `[${Array(20).fill('Oftest').join(', ')}]`;
    writeFileSync(only, `employees:\n${Array(6).fill(`  - ${sheet}`).join('\n')}\n`);
    const out = tempDir();
    const blank = tempDir();
    const result = runMus(['build', only, '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /^ingen svar fra gruppen Ledere: resultatskema-leder\.pdf er den tomme plakat, til at udfylde i hånden\.$/m,
    );
    expect(runMus(['build', '-o', blank]).code).toBe(0);
    expect(
      readFileSync(join(out, 'resultatskema-leder.pdf')).equals(readFileSync(join(blank, 'resultatskema-leder.pdf'))),
    ).toBe(true);
    expect(flat((await readPdf(join(out, 'resultatskema-medarbejder.pdf'))).text)).toMatch(/Antal besvarelser: 6/);
  }, 120_000); // two whole builds
});

it('mus tally prints the anonymity note of a small employee group, as the poster does', () => {
  const file = join(tempDir('mus-first-'), 'lille.yaml');
  writeFileSync(file, `employees:\n  - [${Array(20).fill('Altid').join(', ')}]\n`);
  const result = runMus(['tally', file]);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/Kun 1 har svaret – færre end 5\./);
});

describe('messages a non-developer can act on', () => {
  it('--content naming the folder of language folders', () => {
    const result = runMus(['build', '-c', join(repoRoot, 'content'), '-o', tempDir()]);
    expect(result.code).toBe(1);
    expect(firstLine(result.stderr)).toMatch(
      /content: holds language folders \(da\), not content files: did you mean .*content\/da\?$/,
    );
  });

  it('a colon inside a text says to put it in quotes', () => {
    const dir = contentWith('test.yaml', (t) =>
      t.replace('title: MUS-testen. Til dig der er leder', 'title: MUS-testen: Til dig der er leder'),
    );
    const result = runMus(['build', '-c', dir, '-o', tempDir()]);
    expect(result.code).toBe(1);
    expect(firstLine(result.stderr)).toMatch(/test\.yaml:\d+:\d+: YAML syntax: .*must be put in quotes\)$/);
  });

  it('a title too long for the page names the content file and line (issue 15)', () => {
    const dir = contentWith('test.yaml', (t) =>
      t.replace(
        'title: MUS-testen. Til dig der er leder',
        `title: MUS-testen. Til dig der er leder ${'og meget mere tekst '.repeat(150)}`,
      ),
    );
    const out = tempDir();
    const result = runMus(['build', '-c', dir, '-o', out]);
    expect(result.code).toBe(1);
    expect(firstLine(result.stderr)).toMatch(
      /test\.yaml:\d+ leader\.title: is too long for the A4 sheet \(page 1 of mus-test-leder\.pdf\)/,
    );
    expect(existsSync(join(out, 'mus-test-leder.pdf'))).toBe(false);
  });

  it('help names files or folders and the short options', () => {
    const help = runMus(['build', '--help']).stdout;
    expect(help).toMatch(/-o, --out <dir>/);
    expect(help).toMatch(/-c, --content <dir>/);
    expect(help).toMatch(/--leaders <file\|folder>/);
    expect(help).toMatch(/relative to the current folder/);
  });
});

it('the printed test sent back instead of the fillable one says so', () => {
  const out = tempDir();
  expect(runMus(['build', '-o', out]).code).toBe(0);
  const folder = tempDir('mus-first-returned-');
  cpSync(join(out, 'mus-test-leder.pdf'), join(folder, 'svar.pdf'));
  const result = runMus(['tally', folder]);
  expect(result.code).toBe(1);
  expect(firstLine(result.stderr)).toMatch(
    /svar\.pdf: is the printed test, not the fillable one \(mus-test-…-udfyldelig\.pdf\)/,
  );
}, 120_000);
