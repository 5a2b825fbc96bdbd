// Pre-filled posters, end to end: build with the shared example answers and read the
// numbers back out of the PDF text, against the hand-checked expected tally.
import { copyFileSync, cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, runMus, fixture, fewLeadersNotice } from './helpers/cli.js';
import { flat, readPdf, tempDir } from './helpers/pdf.js';

interface Expected {
  respondents: number;
  complete: number;
  bands: { min: number; max: number; count: number }[];
  statements: { counts: number[]; unanswered: number }[];
}
const expected = JSON.parse(readFileSync(fixture('eksempel-svar.expected.json'), 'utf8')) as Record<
  'leaders' | 'employees',
  Expected
>;
interface StatementsFile {
  themes: { statements: { leader: string; employee: string; short: string }[] }[];
}
const statements = (
  parse(readFileSync(join(repoRoot, 'content/da/udsagn.yaml'), 'utf8')) as StatementsFile
).themes.flatMap((t) => t.statements);
interface ScaleFile {
  bands: { min: number; max: number; sentence: string }[];
}
const bands = (parse(readFileSync(join(repoRoot, 'content/da/skala.yaml'), 'utf8')) as ScaleFile).bands;

/** The whole numbers printed right after `anchor` in the text. */
function numbersAfter(text: string, anchor: string, count: number): number[] {
  const at = text.indexOf(anchor);
  expect(at, `"${anchor}" not found`).toBeGreaterThanOrEqual(0);
  const rest = text
    .slice(at + anchor.length)
    .trim()
    .split(' ');
  return rest.slice(0, count).map(Number);
}

const posters = { leaders: 'resultatskema-leder.pdf', employees: 'resultatskema-medarbejder.pdf' } as const;
const texts = {} as Record<keyof typeof posters, string>;

beforeAll(async () => {
  const out = tempDir();
  // Five employees or more are needed for step 2 counts; the fixture has nine.
  const result = runMus(['build', '--responses', fixture('eksempel-svar.yaml'), '--out', out]);
  expect(result.stderr).toBe(fewLeadersNotice(2));
  expect(result.code).toBe(0);
  for (const group of Object.keys(posters) as (keyof typeof posters)[])
    texts[group] = flat((await readPdf(join(out, posters[group]))).text);
}, 60_000);

describe('pre-filled posters from eksempel-svar.yaml', () => {
  it.each(['leaders', 'employees'] as const)('%s: number of answer sheets', (group) => {
    expect(numbersAfter(texts[group], 'Antal besvarelser:', 1)).toEqual([expected[group].respondents]);
  });

  it.each(['leaders', 'employees'] as const)('%s: step 1 counts per band, in a row under the sentences', (group) => {
    expect(numbersAfter(texts[group], bands[bands.length - 1].sentence, bands.length)).toEqual(
      expected[group].bands.map((b) => b.count),
    );
  });

  it.each(['leaders', 'employees'] as const)(
    '%s: step 2 counts per statement (the categories chosen, in order: a category nobody chose has no segment), plus unanswered',
    (group) => {
      statements.forEach((s, i) => {
        const { counts, unanswered } = expected[group].statements[i];
        const chosen = counts.filter((c) => c > 0);
        expect(numbersAfter(texts[group], s.short, chosen.length + 1), `statement ${i + 1}`).toEqual([
          ...chosen,
          unanswered,
        ]);
      });
    },
  );

  it('marks the tendency band, and says how many incomplete sheets were left out', () => {
    // Employees: 61–80 holds 5 of the 8 complete sheets (hand-checked in the expected file).
    expect(texts.employees).toContain('61–80 TENDENS');
    expect(texts.leaders).toContain('81–100 TENDENS');
    expect(texts.employees).toContain('ikke er medregnet i trin 1: 1');
    expect(texts.leaders).not.toContain('medregnet i trin 1');
  });
});

describe('anonymity of small employee groups', () => {
  const small = join(tempDir(), 'svar.yaml');
  const sheet = (answer: string) => `[${Array(20).fill(answer).join(', ')}]`;
  writeFileSync(
    small,
    `ledere:\n  - ${sheet('Altid')}\nmedarbejdere:\n  - ${sheet('Oftest')}\n  - ${sheet('Sjældent')}\n  - ${sheet('Altid')}\n`,
  );

  it('leaves step 2 empty below the threshold and says why; leaders are exempt', async () => {
    const out = tempDir();
    const built = runMus(['build', '--responses', small, '--out', out]);
    expect(built.code).toBe(0);
    // The one leader's answers are shown, so the build and the poster say they can be recognised.
    expect(built.stderr).toBe(fewLeadersNotice(1));
    expect(flat((await readPdf(join(out, 'resultatskema-leder.pdf'))).text)).toContain(
      'Med 1 leder kan den enkeltes svar genkendes på plakaten.',
    );
    // Singular from content on the comparison poster: "Kun 1 medarbejder", not "medarbejdere".
    expect(flat((await readPdf(join(out, 'resultatskema-sammenligning.pdf'))).text)).toContain(
      'Kun 3 medarbejdere har svaret',
    );
    const employees = flat((await readPdf(join(out, 'resultatskema-medarbejder.pdf'))).text);
    expect(employees).toContain('Kun 3 har svaret – færre end 5');
    expect(employees).not.toMatch(/MUS gennemføres \d+ \d+ \d+/);
    expect(employees).toMatch(/Antal besvarelser: 3/);
    const leaders = flat((await readPdf(join(out, 'resultatskema-leder.pdf'))).text);
    expect(leaders).toMatch(/MUS gennemføres 1 0/); // one leader, Altid; none unanswered
  });

  it('shows the counts with --allow-small-groups', async () => {
    const out = tempDir();
    expect(runMus(['build', '--responses', small, '--allow-small-groups', '--out', out]).code).toBe(0);
    const employees = flat((await readPdf(join(out, 'resultatskema-medarbejder.pdf'))).text);
    expect(employees).toMatch(/MUS gennemføres 1 1 1 0/); // Sjældent, Oftest, Altid; none unanswered
    expect(employees).not.toContain('færre end 5');
  });
});

describe("the threshold is the content's minGroupSize, not a fixed number", () => {
  /** A copy of the Danish content whose skala.yaml sets minGroupSize to `size`. */
  function contentWithMinimum(size: number): string {
    const dir = join(tempDir('mus-min-group-'), 'da');
    cpSync(join(repoRoot, 'content/da'), dir, { recursive: true });
    const scale = join(dir, 'skala.yaml');
    const text = readFileSync(scale, 'utf8');
    expect(text).toMatch(/^minGroupSize: 5$/m);
    writeFileSync(scale, text.replace(/^minGroupSize: 5$/m, `minGroupSize: ${size}`));
    return dir;
  }
  /** One leader, and one employee sheet per answer given, each answer to all 20 statements. */
  function answers(...employees: string[]): string {
    const file = join(tempDir('mus-min-group-svar-'), 'svar.yaml');
    const sheet = (answer: string) => `[${Array(20).fill(answer).join(', ')}]`;
    writeFileSync(
      file,
      `ledere:\n  - ${sheet('Altid')}\nmedarbejdere:\n${employees.map((a) => `  - ${sheet(a)}\n`).join('')}`,
    );
    return file;
  }

  it('minGroupSize 3: three employees are enough, their counts are shown', async () => {
    const [content, file] = [contentWithMinimum(3), answers('Oftest', 'Sjældent', 'Altid')];
    const out = tempDir();
    expect(runMus(['build', '--content', content, '--responses', file, '--out', out]).code).toBe(0);
    const employees = flat((await readPdf(join(out, 'resultatskema-medarbejder.pdf'))).text);
    expect(employees).toMatch(/MUS gennemføres 1 1 1 0/); // Sjældent, Oftest, Altid; none unanswered
    expect(employees).not.toContain('færre end');
    const tally = runMus(['tally', '--content', content, file]);
    expect(tally.code).toBe(0);
    expect(tally.stdout).not.toContain('færre end');
  });

  it('minGroupSize 8: six employees are too few, on the poster, the comparison, the dialogue poster and in mus tally', async () => {
    const six = ['Oftest', 'Oftest', 'Sjældent', 'Altid', 'Altid', 'Altid'];
    const [content, file] = [contentWithMinimum(8), answers(...six)];
    const out = tempDir();
    expect(runMus(['build', '--content', content, '--responses', file, '--out', out]).code).toBe(0);
    const employees = flat((await readPdf(join(out, 'resultatskema-medarbejder.pdf'))).text);
    expect(employees).toContain('Kun 6 har svaret – færre end 8.');
    expect(employees).not.toMatch(/MUS gennemføres \d+ \d+ \d+/);
    const comparison = flat((await readPdf(join(out, 'resultatskema-sammenligning.pdf'))).text);
    expect(comparison).toContain('Kun 6 medarbejdere har svaret – færre end 8.');
    const dialogue = flat((await readPdf(join(out, 'dialogplakat.pdf'))).text);
    expect(dialogue).toContain('vises ikke (færre end 8 har svaret)');
    const tally = runMus(['tally', '--content', content, file]);
    expect(tally.code).toBe(0);
    expect(tally.stdout).toContain('Kun 6 har svaret – færre end 8.');
  });
});

describe('bad answers stop the build and leave existing output alone', () => {
  it('exit code 1, file and line on stderr, no stack trace, PDFs untouched', () => {
    const out = tempDir();
    expect(runMus(['build', '--out', out]).code).toBe(0);
    const before = statSync(join(out, 'resultatskema-leder.pdf')).mtimeMs;
    const bad = join(tempDir(), 'svar.yaml');
    copyFileSync(fixture('eksempel-svar.yaml'), bad);
    writeFileSync(bad, readFileSync(bad, 'utf8').replace('"Sjældent", 1, 1,', '"Måske", 1, 7,'));
    const result = runMus(['build', '--responses', bad, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/svar\.yaml:\d+:\d+/);
    expect(result.stderr).toContain('"Måske" is not an answer');
    expect(result.stderr).toMatch(/7/);
    expect(result.stderr).not.toMatch(/\bat .*\.(js|ts):\d+/);
    expect(statSync(join(out, 'resultatskema-leder.pdf')).mtimeMs).toBe(before);
  });

  it('a missing file is one line naming it', () => {
    const result = runMus(['tally', 'findes-ikke.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('findes-ikke.yaml');
  });

  it('--debug adds the stack trace', () => {
    const result = runMus(['tally', 'findes-ikke.yaml', '--debug']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/at .*\.js:\d+/);
  });
});
