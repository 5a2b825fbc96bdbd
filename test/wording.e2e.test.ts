// The printed wording, read back from the built PDFs: Danish fixes of issue 16, the leader
// statements kept verbatim from the source test, and one word ("udsagn") for the statements.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, runMus } from './helpers/cli.js';
import { A4, flat, readPdf, tempDir } from './helpers/pdf.js';
import { textRuns } from './helpers/raster.js';

const out = tempDir('mus-wording-');
const text: Record<string, string> = {};

beforeAll(async () => {
  const result = runMus(['build', '--out', out]);
  expect(result.stderr).toBe('');
  for (const name of [
    'mus-test-leder.pdf',
    'mus-test-medarbejder.pdf',
    'resultatskema-leder.pdf',
    'procesguide-tjekliste.pdf',
    'handleplan.pdf',
  ]) {
    text[name] = flat((await readPdf(join(out, name))).text);
  }
}, 60_000);

const sourceLeaderStatements = readFileSync(fixture('seeds/leder-udsagn.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'));

describe('Danish wording', () => {
  it('the leader test prints the 20 statements of the source leader test verbatim', () => {
    expect(sourceLeaderStatements).toHaveLength(20);
    for (const statement of sourceLeaderStatements) expect(text['mus-test-leder.pdf']).toContain(statement);
  });

  it('employee statements 5 and 9 read "aftalt de temaer" and "eller min fortsatte karriere"', () => {
    const employee = text['mus-test-medarbejder.pdf'];
    expect(employee).toContain(
      'Min leder og jeg har på forhånd aftalt de temaer for samtalen, som aktuelt er vigtigst',
    );
    expect(employee).toContain('employability eller min fortsatte karriere)');
    expect(employee).not.toContain('eller fortsatte karriere');
  });

  it('both tests say "to trin – helt" with an en dash', () => {
    for (const name of ['mus-test-leder.pdf', 'mus-test-medarbejder.pdf']) {
      expect(text[name]).toContain('Testen består af to trin – helt nemt og simpelt.');
      expect(text[name]).not.toContain('to trin - helt');
    }
  });

  it('round-2 Danish fixes: "med dem, der", "el.lign.", "post-its", "Introducér", "trin" (never "step"), the comma before "og i så fald"', () => {
    const guide = text['procesguide-tjekliste.pdf'];
    expect(guide).toContain('med dem, der har igangsat processen');
    expect(guide).not.toContain('med de, der');
    expect(guide).toContain('Outlook el.lign.');
    expect(guide).not.toMatch(/e\.lign\.|eller lign\./);
    expect(guide).toContain('post-its');
    expect(guide).not.toMatch(/post-it[’']s/i);
    expect(guide).toContain('Introducér deltagerne');
    expect(guide).not.toMatch(/Introducer\b/);
    expect(guide).toContain('Trin 1. Oversigt over tendenser');
    for (const name of Object.keys(text)) expect(text[name], name).not.toMatch(/\bsteps?\b/i);
    expect(text['handleplan.pdf']).toContain('styrke MUS-processen, og i så fald hvilke?');
  });

  it("the leader test's title and instructions are the original test's words (the employee test mirrors them)", () => {
    // Copied from the original leader test; only "to trin - helt" is set with an en dash.
    const original = [
      'MUS-testen. Til dig der er leder',
      'Hvor godt fungerer din MUS?',
      'Testen består af to trin – helt nemt og simpelt.',
      'Svar på en række spørgsmål, der belyser, hvordan din MUS fungerer i praksis. Besvar spørgsmålene så godt du kan ud fra, hvordan du oplever situationen. Ud for hvert spørgsmål sætter du et X ud for den svarkategori, der svarer til din oplevelse.',
      'Tæl antal krydser i hver svarkategori og udregn samlede antal point i RESULTAT.',
      'RESULTAT',
      'Tæl dine krydser i hver kategori og skriv antallet ind i skemaet.',
      'Efterfølgende udregner du pointene ved at gange.',
    ];
    for (const line of original) expect(text['mus-test-leder.pdf']).toContain(line);
    expect(text['mus-test-leder.pdf']).not.toContain('Tag stilling');
    expect(text['mus-test-medarbejder.pdf']).toContain(
      'Svar på en række spørgsmål, der belyser, hvordan MUS fungerer i praksis for dig som medarbejder. Besvar spørgsmålene så godt du kan',
    );
  });

  it('the statements are "udsagn" on the poster and in the checklist\'s calculation', () => {
    expect(text['resultatskema-leder.pdf']).not.toMatch(/spørgsmål/i);
    expect(text['procesguide-tjekliste.pdf']).toContain('Oversigt over spredning i besvarelser af udsagn');
    expect(text['procesguide-tjekliste.pdf']).not.toContain('besvarelser af spørgsmål');
  });
});

describe('the checklist holds what the process guide has', () => {
  const guide = () => text['procesguide-tjekliste.pdf'];
  const after = (marker: string) => guide().slice(guide().indexOf(marker));

  it("the guide's introduction, under the subtitle", () => {
    expect(guide()).toContain(
      'Vi guider dig gennem hele forløbet, så I nemt får en god dialog om, hvilken værdi I får ud af jeres udviklingssamtaler',
    );
    expect(guide().indexOf('Vi guider dig')).toBeLessThan(guide().indexOf('Vælg en procesansvarlig'));
  });

  it('the general questions of the calculation part', () => {
    const calculation = after('Sådan opgør du resultatet');
    for (const question of [
      'Hvordan opleves MUS-processen generelt?',
      'Er der områder, hvor der skal arbejdes med forbedringer?',
      'Og er der områder, hvor det fungerer godt?',
    ]) {
      expect(calculation).toContain(question);
    }
  });

  it('the Kompetencesekretariatet contact block, after the dialogue questions', () => {
    const end = after('Inspiration til dialog');
    expect(end).toContain('Kontakt Kompetencesekretariatets rådgivere');
    expect(end).toContain(
      'Kompetencesekretariatet er de statslige overenskomstparters fælles sekretariat for kompetenceudvikling.',
    );
    expect(end).toContain('kompetenceudvikling.dk');
  });

  it('Tilgang 2 tells to send the fillable tests and collect the returned ones', () => {
    const approach2 = after('Tilgang 2.');
    expect(approach2).toContain('Send de udfyldelige versioner af testen');
    expect(approach2).toContain('Saml de returnerede udfyldelige tests i én mappe');
    expect(guide().slice(0, guide().indexOf('Tilgang 2.'))).not.toContain('udfyldelige');
  });
});

describe("the test's front page", () => {
  it('says "Vend ▸" quietly at the foot of the front page, right-aligned; the back page does not', async () => {
    for (const name of ['mus-test-leder.pdf', 'mus-test-medarbejder.pdf']) {
      const pdf = await readPdf(join(out, name));
      expect(pdf.pages).toHaveLength(2);
      expect(
        flat(pdf.pages[0].text)
          .replace(/Side \d af \d/, '')
          .trim()
          .endsWith('Vend ▸'),
      ).toBe(true);
      expect(pdf.pages[1].text).not.toContain('Vend');
      const runs = (await textRuns(pdf.bytes))[0].filter((r) => !r.str.startsWith('Side '));
      const vend = runs.find((r) => r.str.includes('Vend'))!;
      const statement = runs.find((r) => r.str.startsWith('MUS gennemføres'))!;
      expect(vend.size).toBeLessThan(statement.size); // quiet: smaller than the statements
      expect(vend.x).toBeGreaterThan(A4.width / 2); // at the right
      expect(vend.y).toBeGreaterThan(Math.max(...runs.filter((r) => r !== vend).map((r) => r.y))); // below everything else (y from the top)
    }
  });
});
