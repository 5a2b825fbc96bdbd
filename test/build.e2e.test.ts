// The blank material set, end to end: build into a temp folder with the real CLI and read
// every PDF back with pdf-parse.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runMus, repoRoot, fixture } from './helpers/cli.js';
import { A3, A4, flat, readPdf, tempDir, type PdfReadout } from './helpers/pdf.js';

interface StatementsFile {
  themes: { title: string; statements: { leader: string; employee: string }[] }[];
}
const statements = parse(readFileSync(join(repoRoot, 'content/da/udsagn.yaml'), 'utf8')) as StatementsFile;
const all = statements.themes.flatMap((t) => t.statements);

// Page counts as the README's table states them: exact, so a page that spills over shows.
const expected = {
  'mus-test-leder.pdf': { size: A4, pages: 2 },
  'mus-test-medarbejder.pdf': { size: A4, pages: 2 },
  'resultatskema-leder.pdf': { size: A3, pages: 3 },
  'resultatskema-medarbejder.pdf': { size: A3, pages: 3 },
  'procesguide-tjekliste.pdf': { size: A4, pages: 6 },
  'dialogplakat.pdf': { size: A3, pages: 8 },
  'handleplan.pdf': { size: A4, pages: 1 },
} as const;
type Name = keyof typeof expected;

const out = tempDir();
const pdfs = {} as Record<Name, PdfReadout>;

beforeAll(async () => {
  const result = runMus(['build', '--out', out]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  for (const name of Object.keys(expected) as Name[]) pdfs[name] = await readPdf(join(out, name));
}, 60_000);

describe('mus build (blank set)', () => {
  it.each(Object.keys(expected) as Name[])('%s has the right paper size and page count', (name) => {
    const pdf = pdfs[name];
    expect(pdf.pages).toHaveLength(expected[name].pages);
    for (const page of pdf.pages) {
      expect(page.width).toBeCloseTo(expected[name].size.width, 1);
      expect(page.height).toBeCloseTo(expected[name].size.height, 1);
    }
  });

  it.each(Object.keys(expected) as Name[])('%s has title and language metadata', (name) => {
    expect(pdfs[name].info.Language).toBe('da-DK');
    expect(String(pdfs[name].info.Title)).not.toBe('');
  });

  it.each(Object.keys(expected) as Name[])('%s embeds Source Sans 3 as subset fonts, no standard fonts', (name) => {
    const raw = pdfs[name].bytes.toString('latin1');
    const fontNames = [...raw.matchAll(/\/BaseFont \/([A-Za-z0-9+-]+)/g)].map((m) => m[1]);
    expect(fontNames.length).toBeGreaterThan(0);
    for (const font of fontNames) expect(font).toMatch(/^[A-Z]{6}\+SourceSans3-/);
    expect(raw).toMatch(/\/FontFile2 /);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('the leader test holds every leader statement verbatim, the themes and the scale', () => {
    const text = flat(pdfs['mus-test-leder.pdf'].text);
    expect(text).toContain('MUS-testen. Til dig der er leder');
    expect(text).toContain('Hvor godt fungerer din MUS?');
    for (const s of all) expect(text).toContain(s.leader);
    expect(text).toContain('Forberedelse og gennemførelse af MUS');
    expect(text).not.toContain('GEMMEMFØRELSE');
    for (const label of ['Aldrig', 'Sjældent', 'Af og til', 'Oftest', 'Altid']) expect(text).toContain(label);
    expect(text).toContain('RESULTAT');
    expect(text).toContain('Jeres MUS-proces skaber næsten ingen værdi.');
  });

  it('the employee test has 20 statements in 3 themes, mirrored from the leader test', () => {
    expect(statements.themes.map((t) => t.statements.length)).toEqual([5, 7, 8]);
    const text = flat(pdfs['mus-test-medarbejder.pdf'].text);
    expect(text).toContain('MUS-testen. Til dig der er medarbejder');
    for (const s of all) expect(text).toContain(s.employee);
    for (const theme of statements.themes) expect(text).toContain(theme.title);
    for (let n = 1; n <= 20; n++) expect(text).toContain(`${n}.`);
    // Mirrored, not copied: most employee statements differ from the leader's.
    expect(all.filter((s) => s.employee !== s.leader).length).toBeGreaterThanOrEqual(15);
  });

  it('æ, ø and å come back out of the PDFs intact', () => {
    const text = pdfs['mus-test-leder.pdf'].text + pdfs['procesguide-tjekliste.pdf'].text;
    expect(text).toContain('Sjældent');
    expect(text).toContain('værdi');
    expect(text).toContain('Tæl');
    expect(text).toMatch(/på/);
    expect(text).toContain('FØR');
  });

  it('the posters show both steps, the bands with their sentences and the statements', () => {
    const leader = flat(pdfs['resultatskema-leder.pdf'].text);
    const employee = flat(pdfs['resultatskema-medarbejder.pdf'].text);
    expect(leader).toContain('Resultatskema – ledere');
    expect(employee).toContain('Resultatskema – medarbejdere');
    for (const text of [leader, employee]) {
      expect(text).toContain('1. Oversigt over tendenser');
      expect(text).toContain('2. Oversigt over spredning i besvarelser af udsagn');
      for (const range of ['0–20', '21–40', '41–60', '61–80', '81–100']) expect(text).toContain(range);
      expect(text).toContain('Jeres MUS-proces skaber stor værdi.');
    }
    for (const s of all) {
      expect(leader).toContain(s.leader);
      expect(employee).toContain(s.employee);
    }
  });

  it('the checklist has both approaches with FØR / UNDER / EFTER, tools and dialogue prompts', () => {
    const text = flat(pdfs['procesguide-tjekliste.pdf'].text);
    for (const phrase of [
      'Tilgang 1',
      'Tilgang 2',
      'FØR',
      'UNDER',
      'EFTER',
      'Evt. brug af redskab',
      'Post-its',
      'Inspiration til dialog',
      'Hvad fungerer godt?',
      'Hvordan kan vi forbedre os fremadrettet?',
      'INDSATSOMRÅDER',
      'VÆRDIEN AF MUS – POINT',
      'Trin 1',
      'Trin 2',
      'procesansvarlig',
    ]) {
      expect(text).toContain(phrase);
    }
  });

  it('building twice gives byte-identical files', async () => {
    const again = tempDir();
    expect(runMus(['build', '--out', again]).code).toBe(0);
    for (const name of Object.keys(expected) as Name[]) {
      expect(readFileSync(join(again, name)).equals(pdfs[name].bytes), name).toBe(true);
    }
  });

  it('building the pre-filled set twice gives byte-identical files, in any folder', async () => {
    const [first, second] = [tempDir(), tempDir('other-')];
    for (const dir of [first, second])
      expect(runMus(['build', '--responses', fixture('eksempel-svar.yaml'), '--out', dir]).code).toBe(0);
    for (const name of Object.keys(expected) as Name[]) {
      expect(readFileSync(join(second, name)).equals(readFileSync(join(first, name))), name).toBe(true);
    }
  });

  it('SOURCE_DATE_EPOCH sets the creation date, and the same epoch gives the same bytes', async () => {
    const [dir, again] = [tempDir(), tempDir()];
    for (const out of [dir, again])
      expect(runMus(['build', '--out', out], { env: { SOURCE_DATE_EPOCH: '1700000000' } }).code).toBe(0);
    const pdf = await readPdf(join(dir, 'mus-test-leder.pdf'));
    expect(String(pdf.info.CreationDate)).toContain('20231114');
    for (const name of Object.keys(expected) as Name[]) {
      const bytes = readFileSync(join(dir, name));
      expect(bytes.equals(readFileSync(join(again, name))), name).toBe(true);
      expect(bytes.equals(pdfs[name].bytes), `${name} carries the date`).toBe(false);
      expect(bytes.toString('latin1'), name).toContain('<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>');
    }
  });
});

describe('mus --help and --version', () => {
  it('prints the commands', () => {
    const help = runMus(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('build');
    expect(help.stdout).toContain('tally');
  });
  it('prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(runMus(['--version']).stdout.trim()).toBe(pkg.version);
  });
});
