// Leaders and employees side by side (issue #17): the means and differences against the
// hand-worked numbers in fixtures/eksempel-svar.comparison.yaml, the edge cases (a
// statement nobody answered, ties, one leader, a small employee group), `mus tally`, and
// the comparison poster, dialogue poster and action plan read back from the PDFs.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  compareGroups,
  largestDifferences,
  mostAnswered,
  statementMean,
  type StatementComparison,
} from '../src/tally/compare.js';
import { fixture, repoRoot, runMus, fewLeadersNotice } from './helpers/cli.js';
import { A3, A4, flat, readPdf, tempDir } from './helpers/pdf.js';
import { textRuns } from './helpers/raster.js';
import { scratchFiles } from './helpers/scratch.js';

interface HandWorked {
  statements: { n: number; leaders: string; employees: string; difference: string }[];
  largest: number[];
  mostAnswered: Record<'leaders' | 'employees', string[][]>;
}
const hand = parse(readFileSync(fixture('eksempel-svar.comparison.yaml'), 'utf8')) as HandWorked;
const fraction = (text: string) => {
  const [a, b] = text.split('/').map(Number);
  return a / b;
};
/** One decimal with a comma, a real minus sign, "+" before a positive difference. */
const oneDecimal = (value: number, signed = false) => {
  const rounded = (Math.round(Math.abs(value) * 10) / 10).toFixed(1).replace('.', ',');
  if (rounded === '0,0') return rounded;
  return value < 0 ? `−${rounded}` : signed ? `+${rounded}` : rounded;
};

interface StatementsFile {
  themes: { title: string; statements: { leader: string; employee: string; short?: string }[] }[];
}
const themes = (parse(readFileSync(join(repoRoot, 'content/da/udsagn.yaml'), 'utf8')) as StatementsFile).themes;
const shown = themes.flatMap((t) => t.statements).map((s) => s.short ?? s.employee);
const expectedCounts = JSON.parse(readFileSync(fixture('eksempel-svar.expected.json'), 'utf8')) as Record<
  'leaders' | 'employees',
  { statements: { counts: number[] }[] }
>;
const texts = parse(readFileSync(join(repoRoot, 'content/da/sammenligning.yaml'), 'utf8')) as {
  step2: { smallGroupNote: string; dialogueLabel: string };
};

const points = [1, 2, 3, 4, 5];
const counts = (...c: number[]) => ({ counts: c });

describe('means and differences (src/tally/compare.ts)', () => {
  it('a mean is the points of the answers over how many answered; null when nobody did', () => {
    expect(statementMean(counts(0, 0, 0, 1, 1), points)).toBe(4.5); // Oftest + Altid
    expect(statementMean(counts(1, 0, 2, 0, 0), points)).toBeCloseTo(7 / 3, 12);
    expect(statementMean(counts(0, 0, 0, 0, 0), points)).toBeNull();
  });

  it('a statement nobody in a group answered has no difference and is never among the largest', () => {
    const leaders = { respondents: 2, statements: [counts(0, 0, 0, 0, 0), counts(2, 0, 0, 0, 0)] };
    const employees = { respondents: 3, statements: [counts(3, 0, 0, 0, 0), counts(0, 0, 0, 0, 3)] };
    const comparison = compareGroups(leaders, employees, points);
    expect(comparison).toEqual([
      { statement: 1, leader: null, employee: 1, difference: null },
      { statement: 2, leader: 1, employee: 5, difference: 4 },
    ]);
    expect(largestDifferences(comparison).map((c) => c.statement)).toEqual([2]);
  });

  it('the largest differences count in either direction; ties keep test order, also at the cut', () => {
    const c = (statement: number, difference: number): StatementComparison => ({
      statement,
      leader: 3,
      employee: 3 + difference,
      difference,
    });
    // 0.6 as 3.4 − 2.8 and as 4.6 − 4.0 differ in floating point, but are the same difference.
    const comparison = [c(1, 0.5), c(2, -1.5), c(3, 4.6 - 4.0), c(4, 1.5), c(5, -(3.4 - 2.8)), c(6, 0.2), c(7, 0.6)];
    expect(largestDifferences(comparison, 5).map((x) => x.statement)).toEqual([2, 4, 3, 5, 7]);
    expect(largestDifferences(comparison, 3).map((x) => x.statement)).toEqual([2, 4, 3]);
  });

  it('the most-answered category of some statements: all of them on a tie, none without answers', () => {
    expect(mostAnswered([counts(0, 1, 0, 2, 0), counts(0, 0, 0, 1, 1)])).toEqual([3]);
    expect(mostAnswered([counts(0, 0, 0, 1, 1), counts(0, 0, 0, 1, 1)])).toEqual([3, 4]);
    expect(mostAnswered([counts(0, 0, 0, 0, 0)])).toEqual([]);
  });
});

/** A responses file with these sheets (answers as points, null for none). */
const responsesFile = scratchFiles('mus-compare-', 'yaml');
const sheet = (value: number | null, changes: Record<number, number | null> = {}) =>
  Array.from({ length: 20 }, (_, i) => (i + 1 in changes ? changes[i + 1] : value));
const writeResponses = (leaders: (number | null)[][], employees: (number | null)[][]) =>
  responsesFile(
    `leaders:\n${leaders.map((s) => `  - ${JSON.stringify(s)}\n`).join('')}employees:\n${employees.map((s) => `  - ${JSON.stringify(s)}\n`).join('')}`,
  );

function build(args: string[]) {
  const out = tempDir('mus-compare-out-');
  const result = runMus(['build', ...args, '--out', out]);
  return { ...result, out };
}

describe('mus tally: means and the comparison', () => {
  it("--json: every statement's mean per group, and the comparison, as worked out by hand", () => {
    const result = runMus(['tally', fixture('eksempel-svar.yaml'), '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    hand.statements.forEach((s, i) => {
      expect(json.leaders.statements[i].mean, `leaders ${s.n}`).toBeCloseTo(fraction(s.leaders), 12);
      expect(json.employees.statements[i].mean, `employees ${s.n}`).toBeCloseTo(fraction(s.employees), 12);
      const row = json.comparison[i];
      expect(row.statement).toBe(s.n);
      expect(row.leaders).toBeCloseTo(fraction(s.leaders), 12);
      expect(row.employees).toBeCloseTo(fraction(s.employees), 12);
      expect(row.difference).toBeCloseTo(fraction(s.difference), 12);
    });
    expect(json.comparison).toHaveLength(20);
  });

  it('--json with one group only: means, null for a statement nobody answered, and no comparison', () => {
    const file = responsesFile(`leaders:\n  - ${JSON.stringify(sheet(4, { 3: null }))}\n`);
    const json = JSON.parse(runMus(['tally', file, '--json']).stdout);
    expect(json.leaders.statements[0].mean).toBe(4);
    expect(json.leaders.statements[2].mean).toBeNull();
    expect(json.employees.statements[0].mean).toBeNull();
    expect(json).not.toHaveProperty('comparison');
  });

  it('the terminal lists the five largest differences, ties in test order', () => {
    const result = runMus(['tally', fixture('eksempel-svar.yaml')]);
    expect(result.code).toBe(0);
    const listed = result.stdout.split('De fem største forskelle')[1];
    expect(listed).toBeDefined();
    const rows = listed
      .trim()
      .split('\n')
      .slice(3)
      .map((line) => line.trim().split(/\s+/));
    expect(rows.map((r) => Number(r[0]))).toEqual(hand.largest);
    rows.forEach((r, i) => {
      const s = hand.statements[hand.largest[i] - 1];
      expect(r.slice(-3), `statement ${s.n}`).toEqual([
        oneDecimal(fraction(s.leaders)),
        oneDecimal(fraction(s.employees)),
        oneDecimal(fraction(s.difference), true),
      ]);
    });
  });
});

describe('the comparison poster from eksempel-svar.yaml', () => {
  let text = '';
  let out = '';
  beforeAll(async () => {
    const result = build(['--responses', fixture('eksempel-svar.yaml')]);
    expect(result.stderr).toBe(fewLeadersNotice(2));
    expect(result.code).toBe(0);
    out = result.out;
    text = flat((await readPdf(join(out, 'resultatskema-sammenligning.pdf'))).text);
  }, 60_000);

  /** The text of statement n's row: from its text to the next statement's. */
  const rowOf = (n: number) => {
    const start = text.indexOf(`${n}. ${shown[n - 1]}`);
    expect(start, `statement ${n}`).toBeGreaterThanOrEqual(0);
    const end = n < shown.length ? text.indexOf(`${n + 1}. ${shown[n]}`, start) : text.length;
    return text.slice(start, end === -1 ? text.length : end);
  };

  it('is A3, two sheets', async () => {
    const pdf = await readPdf(join(out, 'resultatskema-sammenligning.pdf'));
    expect(pdf.pages).toHaveLength(2);
    for (const page of pdf.pages)
      expect([page.width, page.height]).toEqual([expect.closeTo(A3.width, 1), expect.closeTo(A3.height, 1)]);
  });

  it("each statement, in test order, with both groups' counts, how many answered, both means and the difference", () => {
    let last = -1;
    hand.statements.forEach((s) => {
      const row = rowOf(s.n);
      const at = text.indexOf(row);
      expect(at, `statement ${s.n} in order`).toBeGreaterThan(last);
      last = at;
      const [leaders, employees] = [
        expectedCounts.leaders.statements[s.n - 1].counts,
        expectedCounts.employees.statements[s.n - 1].counts,
      ];
      const answered = (c: number[]) => c.reduce((a, b) => a + b, 0);
      const bar = (c: number[]) => c.filter((x) => x > 0).join(' ');
      // Read in drawing order: the leaders' line, the difference (and its mark), the employees' line.
      const mark = hand.largest.includes(s.n) ? ` ${texts.step2.dialogueLabel}` : '';
      expect(row, `statement ${s.n}`).toContain(
        `Ledere ${bar(leaders)} ${answered(leaders)} svar ${oneDecimal(fraction(s.leaders))} ${oneDecimal(fraction(s.difference), true)}${mark} ` +
          `Medarbejdere ${bar(employees)} ${answered(employees)} svar ${oneDecimal(fraction(s.employees))}`,
      );
    });
  });

  it('marks the five largest differences, and only them', () => {
    hand.statements.forEach((s) => {
      expect(rowOf(s.n).includes(texts.step2.dialogueLabel), `statement ${s.n}`).toBe(hand.largest.includes(s.n));
    });
  });

  it("step 1 side by side: band counts of both groups, each group's tendency marked", () => {
    // Leaders' bands [0,0,0,0,2] (tendency 81–100), employees' [0,2,0,5,1] (tendency 61–80).
    expect(text).toContain('0–20 Jeres MUS-proces skaber næsten ingen værdi. 0 0');
    expect(text).toContain('61–80 Jeres MUS-proces skaber værdi. 0 5 TENDENS');
    expect(text).toContain('81–100 Jeres MUS-proces skaber stor værdi. 2 TENDENS 1');
  });

  it('statements ≥ 14 pt', async () => {
    const runs = (await textRuns(readFileSync(join(out, 'resultatskema-sammenligning.pdf')))).flat();
    const statementRuns = runs.filter((r) => r.str.length > 3 && shown.some((s) => s.includes(r.str.trim())));
    expect(statementRuns.length).toBeGreaterThan(20);
    // All but the page numbers, which are for putting the sheets in order.
    for (const run of runs.filter((r) => !/^Side \d+ af \d+$/.test(r.str.trim())))
      expect(run.size, run.str).toBeGreaterThanOrEqual(14);
  });

  it("the dialogue poster shows each group's answers per theme on the theme's first sheet (numbers: dialogue.e2e)", async () => {
    const poster = await readPdf(join(out, 'dialogplakat.pdf'));
    expect(poster.pages).toHaveLength(8);
    themes.forEach((theme, t) => {
      const sheet = flat(poster.pages[1 + 2 * t].text);
      expect(sheet).toContain(theme.title);
      expect(sheet).toContain(`Svarene på temaets ${theme.statements.length} udsagn`);
      expect(sheet).toContain('Ledere');
      expect(sheet).toContain('Medarbejdere');
    });
    expect(flat(poster.text)).not.toContain('flest svar');
  });
});

describe('edge cases of the comparison', () => {
  it("one leader only: that leader's points are the leaders' means", async () => {
    const employees = Array.from({ length: 5 }, (_, i) => sheet(i + 1)); // points 1 … 5: mean 3
    const file = writeResponses([sheet(5, { 2: 2, 7: null })], employees);
    const { code, stderr, out } = build(['--responses', file]);
    expect(stderr).toBe(fewLeadersNotice(1));
    expect(code).toBe(0);
    const text = flat((await readPdf(join(out, 'resultatskema-sammenligning.pdf'))).text);
    expect(text).toContain('Antal besvarelser – ledere: 1 · medarbejdere: 5');
    expect(text).toContain(`1. ${shown[0]} Ledere 1 1 svar 5,0 −2,0 DIALOG Medarbejdere 1 1 1 1 1 5 svar 3,0`);
    expect(text).toContain(`2. ${shown[1]} Ledere 1 1 svar 2,0 +1,0 Medarbejdere`);
    // Statement 7 unanswered by the only leader: no mean, no difference, no mark.
    expect(text).toMatch(
      new RegExp(`7\\. ${shown[6]} Ledere 0 svar ingen svar Medarbejdere 1 1 1 1 1 5 svar 3,0 8\\.`),
    );
  });

  it('a small employee group: no statement compared, the poster says why; --allow-small-groups shows them', async () => {
    const file = writeResponses([sheet(5), sheet(4)], [sheet(3), sheet(2), sheet(4)]);
    const small = build(['--responses', file]);
    expect(small.code).toBe(0);
    const text = flat((await readPdf(join(small.out, 'resultatskema-sammenligning.pdf'))).text);
    expect(text).toContain(
      texts.step2.smallGroupNote
        .replace('{{count}}', '3')
        .replace('{{minimum}}', '5')
        .replace('{{employees}}', 'medarbejdere'),
    );
    expect(text).not.toContain(shown[0]);
    expect(text).not.toContain(' svar ');
    expect(text).toContain('61–80'); // step 1 stays, as on the group posters
    const dialogue = flat((await readPdf(join(small.out, 'dialogplakat.pdf'))).text);
    expect(dialogue).toContain('Medarbejdere: vises ikke (færre end 5 har svaret)');

    const allowed = build(['--responses', file, '--allow-small-groups']);
    const shownText = flat((await readPdf(join(allowed.out, 'resultatskema-sammenligning.pdf'))).text);
    // Leaders 5 and 4, employees 3, 2 and 4 on every statement: all differences tie, the first five are marked.
    expect(shownText).toContain(`1. ${shown[0]} Ledere 1 1 2 svar 4,5 −1,5 DIALOG Medarbejdere 1 1 1 3 svar 3,0`);
    expect(shownText).toContain(`6. ${shown[5]} Ledere 1 1 2 svar 4,5 −1,5 Medarbejdere 1 1 1 3 svar 3,0`);
  });

  it('answers from one group only: no comparison poster, a notice why, an older copy removed', () => {
    const file = writeResponses([sheet(5)], []);
    const out = tempDir('mus-compare-out-');
    writeFileSync(join(out, 'resultatskema-sammenligning.pdf'), 'from an earlier build');
    const result = runMus(['build', '--responses', file, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual([
      fewLeadersNotice(1).trim(),
      'ingen svar fra gruppen Medarbejdere: resultatskema-medarbejder.pdf er den tomme plakat, til at udfylde i hånden.',
      'resultatskema-sammenligning.pdf: ikke lavet: sammenligningen kræver svar fra både ledere og medarbejdere (kopien fra en tidligere udgave er fjernet, så den ikke viser andre svar).',
    ]);
    expect(existsSync(join(out, 'resultatskema-sammenligning.pdf'))).toBe(false);
    expect(existsSync(join(out, 'dialogplakat.pdf'))).toBe(true);
    expect(existsSync(join(out, 'handleplan.pdf'))).toBe(true);
  });
});

describe('the dialogue poster and the action plan (every build)', () => {
  it('blank: 8 A3 sheets with the three questions, the themes and INDSATSOMRÅDER; an A4 plan to fill in', async () => {
    const { code, stderr, out } = build([]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(existsSync(join(out, 'resultatskema-sammenligning.pdf'))).toBe(false);
    const poster = await readPdf(join(out, 'dialogplakat.pdf'));
    expect(poster.pages).toHaveLength(8);
    expect([poster.pages[0].width, poster.pages[0].height]).toEqual([
      expect.closeTo(A3.width, 1),
      expect.closeTo(A3.height, 1),
    ]);
    const text = flat(poster.text);
    for (const q of [
      'Hvad fungerer godt? / Hvad er vi gode til?',
      'Hvad fungerer mindre godt?',
      'Hvordan kan vi forbedre os fremadrettet?',
      'INDSATSOMRÅDER',
    ])
      expect(text).toContain(q);
    for (const theme of themes) expect(text).toContain(theme.title);
    expect(text).not.toContain('flest svar');
    // All but the page numbers, which are for putting the sheets in order.
    for (const run of (await textRuns(readFileSync(join(out, 'dialogplakat.pdf'))))
      .flat()
      .filter((r) => !/^Side \d+ af \d+$/.test(r.str.trim())))
      expect(run.size, run.str).toBeGreaterThanOrEqual(14);
    const plan = await readPdf(join(out, 'handleplan.pdf'));
    expect(plan.pages).toHaveLength(1);
    expect([plan.pages[0].width, plan.pages[0].height]).toEqual([
      expect.closeTo(A4.width, 1),
      expect.closeTo(A4.height, 1),
    ]);
    const planText = flat(plan.text);
    for (const part of [
      'Skal der igangsættes yderligere indsatser for at styrke MUS-processen',
      'Hvordan skal processen styres og faciliteres herfra?',
      'Indsats Hvem Hvornår Opfølgning',
    ]) {
      expect(planText).toContain(part);
    }
  });

  it('a short label too long for a poster stops the build naming its line', () => {
    const dir = join(tempDir('mus-compare-content-'), 'da');
    cpSync(join(repoRoot, 'content/da'), dir, { recursive: true });
    const file = join(dir, 'udsagn.yaml');
    const label = 'short: Konkrete aktiviteter mod udviklingsmålene aftales';
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(label, `short: ${'Vi aftaler konkrete aktiviteter '.repeat(12).trim()}`),
    );
    const result = runMus([
      'build',
      '--content',
      dir,
      '--responses',
      fixture('eksempel-svar.yaml'),
      '--out',
      tempDir(),
    ]);
    expect(result.code).toBe(1);
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('short: Vi aftaler konkrete aktiviteter Vi')) + 1;
    expect(result.stderr.trim()).toMatch(
      new RegExp(
        `udsagn\\.yaml:${line} statement 14 short "Vi aftaler.*": is too long for the A3 sheet \\(page \\d of resultatskema-[a-z]+\\.pdf\\) even at the smallest type \\(14 pt\\); shorten it$`,
      ),
    );
  });
});
