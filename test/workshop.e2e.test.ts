// workshop.yaml: whose workshop the material is for, printed where a facilitator would write
// it by hand — the tests' header (unit), the posters' header (unit, date), the checklist
// (date, facilitator, Tilgang 2's deadline), the tests' instructions (send to whom, by when).
// Without the file the material is the generic set. Nothing about respondents is accepted.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorkshop } from '../src/content/load.js';
import { loadContent } from '../src/documents/load.js';
import { renderTemplate } from '../src/layout/template.js';
import { checklistView } from '../src/documents/checklist/checklist.js';
import { testView } from '../src/documents/test/test.js';
import { renderPdf } from '../src/render/pdf.js';
import { repoRoot, runMus, fewLeadersNotice } from './helpers/cli.js';
import { flat, readPdf, tempDir } from './helpers/pdf.js';
import { printTest } from './helpers/scan/printed.js';
import { scanStack } from './helpers/scan/stack.js';

const workshop = [
  'workplace: Styrelsen for Eksempler',
  'unit: HR-afdelingen',
  'date: 12. marts 2026',
  'facilitator: Anne Hansen',
  'deadline: 5. marts 2026',
  'returnTo: mus@eksempel.dk',
].join('\n');

/** A copy of the Danish content, with this workshop.yaml (none when undefined). */
function contentWithWorkshop(text: string | undefined): string {
  const dir = join(tempDir('mus-workshop-'), 'da');
  cpSync(join(repoRoot, 'content/da'), dir, { recursive: true });
  if (text !== undefined) writeFileSync(join(dir, 'workshop.yaml'), `${text}\n`);
  return dir;
}

const pages: Record<string, string[]> = {};
const generic: Record<string, string> = {};
const names = [
  'mus-test-leder.pdf',
  'mus-test-medarbejder-udfyldelig.pdf',
  'resultatskema-medarbejder.pdf',
  'procesguide-tjekliste.pdf',
  'resultatskema-sammenligning.pdf',
  'dialogplakat.pdf',
  'handleplan.pdf',
];

beforeAll(async () => {
  const out = tempDir('mus-workshop-out-');
  const result = runMus([
    'build',
    '--content',
    contentWithWorkshop(workshop),
    '--out',
    out,
    '--responses',
    join(repoRoot, 'examples/svar.yaml'),
  ]);
  expect(result.stderr).toBe(fewLeadersNotice(2));
  expect(result.code).toBe(0);
  const plain = tempDir('mus-workshop-plain-');
  expect(runMus(['build', '--out', plain]).code).toBe(0);
  for (const name of names) {
    pages[name] = (await readPdf(join(out, name))).pages.map((p) => flat(p.text));
    // The comparison poster is made only with answers: the blank build has none.
    if (existsSync(join(plain, name))) generic[name] = flat((await readPdf(join(plain, name))).text);
  }
}, 90_000);

describe('workshop.yaml printed where it would be written by hand', () => {
  it('the tests: unit and workplace under the title, where and by when to send it back under the instructions', () => {
    for (const name of ['mus-test-leder.pdf', 'mus-test-medarbejder-udfyldelig.pdf']) {
      const front = pages[name][0];
      expect(front.indexOf('HR-afdelingen · Styrelsen for Eksempler')).toBeGreaterThan(
        front.indexOf('Hvor godt fungerer din MUS?'),
      );
      expect(front.indexOf('HR-afdelingen')).toBeLessThan(front.indexOf('Testen består af to trin'));
      expect(pages[name]).toHaveLength(2);
    }
    // Where to send it: on the fillable test, after its last step ("save and send back"); the
    // paper test of a build for both approaches is filled in in the room (Tilgang 1).
    const screen = pages['mus-test-medarbejder-udfyldelig.pdf'][0];
    expect(screen).toContain('Send den udfyldte test til mus@eksempel.dk. Svarfrist: 5. marts 2026.');
    expect(screen.indexOf('Send den udfyldte test')).toBeGreaterThan(
      screen.indexOf('Gem filen, når du har svaret, og send den tilbage.'),
    );
    expect(pages['mus-test-leder.pdf'][0]).not.toContain('Send den udfyldte test');
    expect(pages['mus-test-leder.pdf'][0]).not.toContain('Svarfrist');
  });

  it('the paper test says where to send it only with --tilgang 2; the fillable test always', () => {
    const content = loadContent(contentWithWorkshop(workshop));
    const line = 'Send den udfyldte test til mus@eksempel.dk. Svarfrist: 5. marts 2026.';
    expect(testView(content, 'leader', false, { tilgang: 2 }).returnInstruction).toBe(line);
    expect(testView(content, 'leader', false, { tilgang: 1 }).returnInstruction).toBe('');
    expect(testView(content, 'employee', false, {}).returnInstruction).toBe('');
    expect(testView(content, 'employee', true, { tilgang: 1 }).returnInstruction).toBe(line);
  });

  it('the posters: unit, workplace and date under the title of every sheet', () => {
    const sheets = pages['resultatskema-medarbejder.pdf'];
    expect(sheets).toHaveLength(1); // pre-filled: one sheet
    for (const sheet of sheets)
      expect(sheet).toContain('Resultatskema – medarbejdere HR-afdelingen · Styrelsen for Eksempler · 12. marts 2026');
  });

  it('the comparison poster (numbered), the dialogue poster and the action plan: unit, workplace and date under the title', () => {
    const line = 'HR-afdelingen · Styrelsen for Eksempler · 12. marts 2026';
    const comparison = pages['resultatskema-sammenligning.pdf'];
    expect(comparison).toHaveLength(2);
    comparison.forEach((sheet, i) => {
      expect(sheet).toContain(`Resultatskema – ledere og medarbejdere ${line}`);
      expect(sheet).toContain(`Side ${i + 1} af 2`);
    });
    expect(pages['dialogplakat.pdf'][0]).toContain(`Dialog om resultaterne ${line}`);
    for (const sheet of pages['dialogplakat.pdf']) expect(sheet).toContain(line); // every sheet of the poster
    expect(pages['handleplan.pdf'][0]).toContain(`Handleplan – videre forløb ${line}`);
  });

  it('the checklist: workplace, unit, date and facilitator under the subtitle; deadline and address in Tilgang 2', () => {
    const text = pages['procesguide-tjekliste.pdf'].join(' ');
    expect(text).toContain(
      'Til dig som skal facilitere MUS-testen på din arbejdsplads Arbejdsplads: Styrelsen for Eksempler · Enhed: HR-afdelingen · Workshop: 12. marts 2026 · Procesansvarlig: Anne Hansen',
    );
    const approach2 = text.slice(text.indexOf('Tilgang 2. En selvstændig'));
    expect(approach2).toContain('Svarfrist for testen: 5. marts 2026 · Testen sendes retur til: mus@eksempel.dk');
    expect(text.indexOf('Svarfrist for testen')).toBeGreaterThan(text.indexOf('Tilgang 2. En selvstændig'));
  });

  it('without workshop.yaml none of it is printed', () => {
    for (const name of Object.keys(generic)) {
      for (const word of [
        'HR-afdelingen',
        'Styrelsen for Eksempler',
        'Svarfrist',
        'Anne Hansen',
        'mus@eksempel.dk',
        'Arbejdsplads:',
      ]) {
        expect(generic[name], `${name}: ${word}`).not.toContain(word);
      }
    }
  });

  it('only the fields given are printed; Tilgang 1 alone has no deadline line', async () => {
    const content = loadContent(contentWithWorkshop('unit: Lageret\ndeadline: 1. april'));
    const view = testView(content, 'leader', true);
    expect(view.workshopLine).toBe('Lageret');
    expect(view.returnInstruction).toBe('Svarfrist: 1. april.');
    expect(checklistView(content).workshopLine).toBe('Enhed: Lageret');
    expect(checklistView(content, { tilgang: 1 }).approaches.map((a) => a.workshopLine)).toEqual(['']);
    expect(checklistView(content, { tilgang: 2 }).approaches.map((a) => a.workshopLine)).toEqual([
      'Svarfrist for testen: 1. april',
    ]);
    expect(testView(loadContent(join(repoRoot, 'content/da')), 'leader')).toMatchObject({
      workshopLine: '',
      returnInstruction: '',
    });
  });

  it('Tilgang 2 with the workshop still prints on two A4 sheets duplex', async () => {
    const content = loadContent(contentWithWorkshop(workshop));
    const pdf = await renderPdf(await renderTemplate('checklist', checklistView(content, { tilgang: 2 })), {
      language: 'da-DK',
      author: 't',
      date: new Date(0),
      name: 'g.pdf',
    });
    const file = join(tempDir('mus-workshop-g-'), 'g.pdf');
    writeFileSync(file, pdf.bytes);
    const read = await readPdf(file);
    expect(read.pages).toHaveLength(4);
    expect(flat(read.text)).toContain('Svarfrist for testen: 5. marts 2026');
  });
});

describe('workshop.yaml is checked like the other content', () => {
  const problem = (text: string) => {
    const dir = contentWithWorkshop(text);
    const result = runMus(['build', '--content', dir, '--out', tempDir('mus-workshop-bad-')]);
    expect(result.code).toBe(1);
    return result.stderr.split('\n')[0];
  };

  it('a field about respondents (or any unknown field) is refused, at its line', () => {
    expect(problem('unit: HR\nrespondents: [Karen, Ole]')).toMatch(/workshop\.yaml:1:1: unknown field respondents$/);
  });

  it('a list where a text belongs names file, line and field', () => {
    expect(problem('unit: HR\ndate:\n  - 12. marts')).toMatch(/workshop\.yaml:3:3 date: must be string, not array$/);
  });

  it('a YAML syntax error gives line and column; a bare number is printed as written', () => {
    expect(problem('unit: "HR')).toMatch(/workshop\.yaml:2:1: YAML syntax: Missing closing "quote$/);
    const dir = contentWithWorkshop('unit: 2026');
    expect(loadWorkshop(join(dir, 'workshop.yaml'))).toEqual({ unit: '2026' });
  });

  it('adding workshop.yaml after a build is seen by the next build (nothing kept between runs)', async () => {
    const dir = contentWithWorkshop(undefined);
    const out = tempDir('mus-workshop-cache-');
    expect(runMus(['build', '--content', dir, '--out', out]).code).toBe(0);
    expect(flat((await readPdf(join(out, 'mus-test-leder.pdf'))).text)).not.toContain('Lageret');
    writeFileSync(join(dir, 'workshop.yaml'), 'unit: Lageret\n');
    expect(runMus(['build', '--content', dir, '--out', out]).code).toBe(0);
    expect(flat((await readPdf(join(out, 'mus-test-leder.pdf'))).text)).toContain('Lageret');
    expect(readFileSync(join(dir, 'workshop.yaml'), 'utf8')).toBe('unit: Lageret\n');
  });
});

describe('mus tally --workshop: scans of tests printed with a workshop file', () => {
  it('are read with the same workshop file, and refused without it (their fingerprint holds its lines)', async () => {
    const dir = tempDir('mus-workshop-scan-');
    const workshopFile = join(dir, 'lageret.yaml');
    writeFileSync(workshopFile, 'unit: Lageret\ndate: 12. marts 2026\n');
    const content = loadContent(join(repoRoot, 'content/da'), { workshopFile });
    const leader = await printTest(content, 'leader');
    // Answers by hand: statement n gets category (n mod 5) + 1, so each category 4 times.
    const answers = Array.from({ length: 20 }, (_, i) => i % 5);
    const scan = await scanStack([{ test: leader, answers }], { dpi: 150, encoding: 'jpeg', seed: 7 });
    writeFileSync(join(dir, 'scan.pdf'), scan);

    const read = runMus(['tally', join(dir, 'scan.pdf'), '--workshop', workshopFile, '--json']);
    expect(read.stderr).toBe('');
    expect(read.code).toBe(0);
    const { leaders } = JSON.parse(read.stdout) as {
      leaders: { respondents: number; bands: { min: number; count: number }[]; statements: { counts: number[] }[] };
    };
    expect(leaders.respondents).toBe(1);
    // 4 × (1 + 2 + 3 + 4 + 5) = 60 points: the band 41–60.
    expect(leaders.bands.map((b) => b.count)).toEqual([0, 0, 1, 0, 0]);
    expect(leaders.statements[6].counts).toEqual([0, 1, 0, 0, 0]);
    expect(leaders.statements[19].counts).toEqual([0, 0, 0, 0, 1]);

    const refused = runMus(['tally', join(dir, 'scan.pdf'), '--json']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/scan\.pdf/);
  });
});
