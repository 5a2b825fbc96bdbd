// `mus build --tilgang 1|2` (the checklist with that approach only; both when not given) and
// `--workshop FILE` (a workshop.yaml kept elsewhere than the content folder), through the CLI.
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { documents } from '../src/app/documents.js';
import { repoRoot, runMus } from './helpers/cli.js';
import { flat, readPdf, tempDir } from './helpers/pdf.js';

const approach1 = 'Tilgang 1. En samlet fælles proces';
const approach2 = 'Tilgang 2. En selvstændig udfyldelse af test og efterfølgende dialog';
const checklist = 'procesguide-tjekliste.pdf';
/** The file names content/da/meta.yaml gives, by document id (read here, not by the program). */
const danish = (
  parse(readFileSync(join(repoRoot, 'content/da/meta.yaml'), 'utf8')) as { files: Record<string, string> }
).files;
/** Every file of a build without answers: each registered document made without answers, and its fillable version. */
const allFiles = documents
  .filter((d) => !d.notMade?.(undefined))
  .flatMap((d) => [d.id, ...(d.fillable ? [d.fillable.id] : [])])
  .map((id) => danish[id])
  .sort();

/** Builds with these options into a new folder; the folder, after checking the build succeeded. */
function build(args: string[]): string {
  const out = tempDir('mus-build-options-');
  const result = runMus(['build', '--out', out, ...args]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return out;
}

/** A failing build: its exit code and first stderr line, and that it wrote nothing. */
function failing(args: string[]) {
  const out = join(tempDir('mus-build-options-bad-'), 'out');
  const result = runMus(['build', '--out', out, ...args]);
  expect(existsSync(out)).toBe(false);
  return { code: result.code, first: result.stderr.split('\n')[0], lines: result.stderr.trim().split('\n').length };
}

describe('mus build --tilgang', () => {
  const checklists: Record<string, { text: string; pages: number }> = {};
  const written: Record<string, string[]> = {};

  beforeAll(async () => {
    for (const tilgang of ['1', '2']) {
      const out = build(['--tilgang', tilgang]);
      written[tilgang] = readdirSync(out).sort();
      const read = await readPdf(join(out, checklist));
      checklists[tilgang] = { text: flat(read.text), pages: read.pages.length };
    }
  }, 120_000);

  it('--tilgang 1: the checklist has Tilgang 1 only, on two A4 sheets duplex; the other documents are all written', () => {
    expect(checklists['1'].text).toContain(approach1);
    expect(checklists['1'].text).not.toContain('Tilgang 2.');
    expect(checklists['1'].pages).toBe(4);
    expect(written['1']).toEqual(allFiles);
  });

  it('--tilgang 2: Tilgang 2 only, on two A4 sheets duplex', () => {
    expect(checklists['2'].text).toContain(approach2);
    expect(checklists['2'].text).not.toContain('Tilgang 1.');
    expect(checklists['2'].pages).toBe(4);
    expect(written['2']).toEqual(allFiles);
  });

  it('an approach the checklist does not have, or not a number: one line naming the option, exit 1, nothing written', () => {
    const three = failing(['--tilgang', '3']);
    expect(three).toMatchObject({ code: 1, lines: 1 });
    expect(three.first).toBe('--tilgang: 3 is not an approach of the checklist; give 1 or 2');
    const word = failing(['--tilgang', 'to']);
    expect(word).toMatchObject({ code: 1, lines: 1 });
    expect(word.first).toBe('--tilgang: "to" is not an approach number; give 1 or 2');
  });
});

describe('mus build --workshop FILE', () => {
  const workshopFile = join(tempDir('mus-workshop-elsewhere-'), 'min-workshop.yaml');
  let out: string;
  const text: Record<string, string> = {};

  beforeAll(async () => {
    writeFileSync(workshopFile, 'unit: Lageret\ndate: 3. juni 2026\nfacilitator: Bo Berg\n');
    out = build(['--workshop', workshopFile]);
    for (const name of ['mus-test-leder.pdf', 'resultatskema-leder.pdf', checklist])
      text[name] = flat((await readPdf(join(out, name))).text);
  }, 120_000);

  it('prints the workshop of a file outside the content folder on the tests, the posters and the checklist', () => {
    expect(text['mus-test-leder.pdf']).toContain('Lageret');
    expect(text['resultatskema-leder.pdf']).toContain('Lageret · 3. juni 2026');
    expect(text[checklist]).toContain('Enhed: Lageret · Workshop: 3. juni 2026 · Procesansvarlig: Bo Berg');
  });

  it('without --tilgang the checklist has both approaches, in order', () => {
    const t = text[checklist];
    expect(t.indexOf(approach1)).toBeGreaterThan(-1);
    expect(t.indexOf(approach2)).toBeGreaterThan(t.indexOf(approach1));
  });

  it("is used instead of the content folder's workshop.yaml", async () => {
    const content = join(tempDir('mus-workshop-both-'), 'da');
    cpSync(join(repoRoot, 'content/da'), content, { recursive: true });
    writeFileSync(join(content, 'workshop.yaml'), 'unit: Kantinen\n');
    const both = build(['--content', content, '--workshop', workshopFile]);
    const test = flat((await readPdf(join(both, 'mus-test-leder.pdf'))).text);
    expect(test).toContain('Lageret');
    expect(test).not.toContain('Kantinen');
  }, 60_000);

  it('a missing file or a wrong field is one line naming the given file, exit 1, nothing written', () => {
    const missing = failing(['--workshop', join(repoRoot, 'ingen-workshop.yaml')]);
    expect(missing).toMatchObject({ code: 1, lines: 1 });
    expect(missing.first).toMatch(/ingen-workshop\.yaml.*not found/);
    const bad = join(tempDir('mus-workshop-bad-'), 'w.yaml');
    writeFileSync(bad, 'unit: HR\nrespondents: [Karen]\n');
    const wrong = failing(['--workshop', bad]);
    expect(wrong.code).toBe(1);
    expect(wrong.first).toMatch(/w\.yaml:1:1: unknown field respondents$/);
  });
});
