// The dialogue poster as built: its sheets (the guide's overall questions, two per theme,
// INDSATSOMRÅDER), fields measured on the page (each holds six 76 × 76 mm post-its), the
// guide's texts, and with answers each group's answers per theme, read back from the page
// and checked against numbers worked out by hand from examples/svar.yaml.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, runMus } from './helpers/cli.js';
import { A3, tempDir } from './helpers/pdf.js';
import { strokedRects, textRuns, type TextRun } from './helpers/raster.js';

const mm = 72 / 25.4;
const postIt = 76 * mm;
const themes = ['Forberedelse og gennemførelse af MUS', 'Selve MUS-samtalen', 'Værdien af MUS'];
let blank: { runs: TextRun[][]; rects: Awaited<ReturnType<typeof strokedRects>> };
let filled: TextRun[][];

beforeAll(async () => {
  const out = tempDir('mus-dialogue-');
  expect(runMus(['build', '--out', join(out, 'blank')]).code).toBe(0);
  expect(runMus(['build', '--responses', join(repoRoot, 'examples/svar.yaml'), '--out', join(out, 'svar')]).code).toBe(
    0,
  );
  const blankBytes = readFileSync(join(out, 'blank', 'dialogplakat.pdf'));
  blank = { runs: await textRuns(blankBytes), rects: await strokedRects(blankBytes) };
  filled = await textRuns(readFileSync(join(out, 'svar', 'dialogplakat.pdf')));
}, 120_000);

const pageText = (runs: TextRun[]) => runs.map((r) => r.str).join(' ');

describe('the dialogue poster', () => {
  it("8 A3 sheets: the overall questions, two sheets per theme under the guide's theme names, INDSATSOMRÅDER; numbered", () => {
    const texts = blank.runs.map(pageText);
    expect(texts).toHaveLength(8);
    expect(texts[0]).toContain('VÆRDIEN AF MUS – POINT');
    themes.forEach((theme, t) => {
      expect(texts[1 + 2 * t].startsWith(theme), theme).toBe(true);
      expect(texts[2 + 2 * t].startsWith(`${theme} (fortsat)`), theme).toBe(true);
    });
    expect(texts[7].startsWith('INDSATSOMRÅDER')).toBe(true);
    texts.forEach((text, i) => expect(text).toContain(`Side ${i + 1} af 8`));
    expect(texts.join(' ')).not.toMatch(/\bSamtalen\b/);
  });

  it("the guide's VÆRDIEN AF MUS – POINT questions on the first sheet, the three questions once per theme", () => {
    const first = pageText(blank.runs[0]).replace(/\s+/g, ' ');
    for (const question of [
      'Hvad tænker I overordnet om tendensen – både for medarbejderne og lederne/lederen?',
      'Er det overraskende? Er det forventeligt? Andet?',
      'Vil I fortælle lidt om jeres generelle oplevelse af MUS og den værdi, som den skaber for jer?',
      'Hvad fungerer godt? Hvad fungerer mindre godt?',
    ])
      expect(first).toContain(question);
    const all = blank.runs.map(pageText).join(' ');
    for (const question of [
      'Hvad fungerer godt? / Hvad er vi gode til?',
      'Hvad fungerer mindre godt? / Hvad er vi knapt så gode til?',
      'Hvordan kan vi forbedre os fremadrettet?',
    ])
      expect(all.split(question)).toHaveLength(4);
  });

  it('every field, measured on the page, holds six 76 × 76 mm post-its: 1 on the first sheet, 3 per theme, 1 for INDSATSOMRÅDER', () => {
    const fields = blank.rects.map((page) => page.filter((r) => r.width > A3.width / 2 && r.height > 100 * mm));
    expect(fields.map((f) => f.length)).toEqual([1, 1, 2, 1, 2, 1, 2, 1]);
    for (const field of fields.flat()) {
      const across = Math.floor(field.width / postIt);
      const down = Math.floor(field.height / postIt);
      expect(
        across * down,
        `${(field.width / mm).toFixed(0)} × ${(field.height / mm).toFixed(0)} mm`,
      ).toBeGreaterThanOrEqual(6);
    }
    // INDSATSOMRÅDER has its field to write in, under its questions.
    const last = blank.runs[7];
    const question = last.find((r) => r.str.startsWith('Hvad tænker I generelt'))!;
    expect(fields[7][0].y).toBeGreaterThan(question.y);
  });

  it("without answers no distribution; with examples/svar.yaml each group's answers per theme, as worked out by hand", () => {
    expect(blank.runs.map(pageText).join(' ')).not.toContain('Svarene på temaets');
    // Per theme (statements 1–5, 6–12, 13–20), the categories chosen in scale order, then the
    // unanswered. Leaders (2): theme 1 Oftest 2 + 3, Altid 3 + 2; theme 2 Af og til 1 + 1,
    // Oftest 1, Altid 5 + 6; theme 3 Af og til 1, Oftest 3 + 2, Altid 4 + 6. Employees (9),
    // theme 1: Aldrig 2 + 4, Sjældent 1 + 3 + 1, Af og til 2 + 1 + 2 + 4, Oftest 1 + 4 + 4 + 1
    // + 3 + 1 + 2, Altid 1 + 1 + 4 + 3 (45 answers, 9 × 5).
    const expected: Record<string, number[][]> = {
      Ledere: [
        [5, 5, 0],
        [2, 1, 11, 0],
        [1, 5, 10, 0],
      ],
      Medarbejdere: [[6, 5, 9, 16, 9, 0]],
    };
    themes.forEach((theme, t) => {
      const page = filled[1 + 2 * t];
      expect(pageText(page)).toContain(`Svarene på temaets ${[5, 7, 8][t]} udsagn`);
      for (const [group, rows] of Object.entries(expected)) {
        if (!rows[t]) continue;
        const label = page.find((r) => r.str === group)!;
        expect(label, `${group} on ${theme}`).toBeDefined();
        const numbers = page
          .filter(
            (r) => /^\d+$/.test(r.str.trim()) && Math.abs(r.y - r.size * 0.35 - (label.y - label.size * 0.35)) < 6,
          )
          .sort((a, b) => a.x - b.x)
          .map((r) => Number(r.str));
        expect(numbers, `${group}, ${theme}`).toEqual(rows[t]);
      }
    });
  });
});
