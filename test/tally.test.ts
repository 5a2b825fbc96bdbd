// The poster numbers. Expected values are worked out by hand in the comments, never
// with the code under test; property tests check invariants over random groups.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTally } from '../src/app/tally.js';
import { loadContent } from '../src/documents/load.js';
import type { Scoring } from '../src/content/model.js';
import { InternalError } from '../src/errors.js';
import { readYamlResponses } from '../src/responses/readers/yaml.js';
import { answersByGroup } from '../src/responses/types.js';
import { createGroupTally, tallyGroup, tallyResponses, type GroupTally } from '../src/tally/tally.js';

// Small hand-checkable scoring: 3 categories worth 1, 2, 3 points; 3 statements, so totals are 3..9.
const small: Scoring = {
  scale: [
    { label: 'Nej', aliases: [], points: 1 },
    { label: 'Lidt', aliases: [], points: 2 },
    { label: 'Ja', aliases: [], points: 3 },
  ],
  bands: [
    { min: 3, max: 4, sentence: 'lav' },
    { min: 5, max: 6, sentence: 'middel' },
    { min: 7, max: 9, sentence: 'høj' },
  ],
  minGroupSize: 1,
};
const sheets = (...rows: (number | null)[][]) => rows;
const tally = (...rows: (number | null)[][]) => tallyGroup(sheets(...rows), small, 3);

describe('tallying a group by hand', () => {
  it('counts answers per statement and complete sheets per band, leaving incomplete sheets out of the bands', () => {
    // Totals: 1+1+1 = 3 (3–4), 3+3+3 = 9 (7–9), 2+2+1 = 5 (5–6); the fourth sheet is incomplete.
    expect(tally([0, 0, 0], [2, 2, 2], [1, 1, 0], [2, 1, null])).toEqual({
      respondents: 4,
      complete: 3,
      incomplete: 1,
      bands: [
        { min: 3, max: 4, count: 1 },
        { min: 5, max: 6, count: 1 },
        { min: 7, max: 9, count: 1 },
      ],
      // One sheet in each band: a three-way tie.
      tendency: [
        { min: 3, max: 4 },
        { min: 5, max: 6 },
        { min: 7, max: 9 },
      ],
      statements: [
        { counts: [1, 1, 2], unanswered: 0 }, // answers 0, 2, 1, 2
        { counts: [1, 2, 1], unanswered: 0 }, // answers 0, 2, 1, 1
        { counts: [2, 0, 1], unanswered: 1 }, // answers 0, 2, 0, –
      ],
    });
  });

  it('finds a single tendency band', () => {
    // Totals: 9 (7–9), 3+3+2 = 8 (7–9), 3 (3–4).
    const result = tally([2, 2, 2], [2, 2, 1], [0, 0, 0]);
    expect(result.bands.map((b) => b.count)).toEqual([1, 0, 2]);
    expect(result.tendency).toEqual([{ min: 7, max: 9 }]);
    expect(result.statements).toEqual([
      { counts: [1, 0, 2], unanswered: 0 },
      { counts: [1, 0, 2], unanswered: 0 },
      { counts: [1, 1, 1], unanswered: 0 },
    ]);
  });

  it('lists every band of a two-way tie, in ascending order', () => {
    // Totals: 3 (3–4), 1+2+1 = 4 (3–4), 9 (7–9), 8 (7–9).
    const result = tally([0, 0, 0], [0, 1, 0], [2, 2, 2], [2, 2, 1]);
    expect(result.bands.map((b) => b.count)).toEqual([2, 0, 2]);
    expect(result.tendency).toEqual([
      { min: 3, max: 4 },
      { min: 7, max: 9 },
    ]);
  });

  it('reports an empty group with zeros and no tendency', () => {
    expect(tally()).toEqual({
      respondents: 0,
      complete: 0,
      incomplete: 0,
      bands: [
        { min: 3, max: 4, count: 0 },
        { min: 5, max: 6, count: 0 },
        { min: 7, max: 9, count: 0 },
      ],
      tendency: [],
      statements: [
        { counts: [0, 0, 0], unanswered: 0 },
        { counts: [0, 0, 0], unanswered: 0 },
        { counts: [0, 0, 0], unanswered: 0 },
      ],
    });
  });

  it('has no tendency when no sheet is complete, but still counts the answers given', () => {
    expect(tally([null, null, null], [0, null, 2])).toEqual({
      respondents: 2,
      complete: 0,
      incomplete: 2,
      bands: [
        { min: 3, max: 4, count: 0 },
        { min: 5, max: 6, count: 0 },
        { min: 7, max: 9, count: 0 },
      ],
      tendency: [],
      statements: [
        { counts: [1, 0, 0], unanswered: 1 },
        { counts: [0, 0, 0], unanswered: 2 },
        { counts: [0, 0, 1], unanswered: 1 },
      ],
    });
  });

  it('orders bands ascending even when the content lists them otherwise', () => {
    const reversed = { ...small, bands: [...small.bands].reverse() };
    const result = tallyGroup(sheets([1, 1, 1]), reversed, 3); // total 6 (5–6)
    expect(result.bands).toEqual([
      { min: 3, max: 4, count: 0 },
      { min: 5, max: 6, count: 1 },
      { min: 7, max: 9, count: 0 },
    ]);
  });

  it('returns snapshots from the accumulator', () => {
    const accumulator = createGroupTally(small, 3);
    accumulator.add([0, 0, 0]);
    const first = accumulator.result();
    accumulator.add([2, 2, 2]);
    expect(first.respondents).toBe(1);
    expect(first.statements[0].counts).toEqual([1, 0, 0]);
    expect(accumulator.result().respondents).toBe(2);
  });

  it('stops with an internal error for a total outside every band', () => {
    const gap = { ...small, bands: small.bands.slice(0, 2) }; // nothing covers 7–9
    expect(() => tallyGroup(sheets([2, 2, 2]), gap, 3)).toThrow(InternalError);
    expect(() => tallyGroup(sheets([2, 2, 2]), gap, 3)).toThrow(/^total 9 lies in no band/);
  });

  it('stops with an internal error for sheets the parser should never produce', () => {
    expect(() => tally([0, 0])).toThrow(InternalError);
    expect(() => tally([0, 0])).toThrow(/^a sheet has 2 answers, expected 3/);
    expect(() => tally([0, 3, 0])).toThrow(/^answer 3 to statement 2/);
  });
});

describe('tallying both groups', () => {
  const content = { scoring: small, numbered: [1, 2, 3] }; // only the number of statements matters

  it('names the groups leader and employee, and reports an absent group with zero respondents', () => {
    const result = tallyResponses({ leader: sheets([0, 1, 2]), employee: [] }, content);
    expect(Object.keys(result)).toEqual(['leader', 'employee']);
    expect(result.leader.respondents).toBe(1);
    expect(result.leader.bands.map((b) => b.count)).toEqual([0, 1, 0]); // 1+2+3 = 6
    expect(result.employee).toEqual(tally());
  });
});

/** mulberry32: a tiny seeded generator, so failures reproduce. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('tally invariants over random groups', () => {
  // The real shape: 5 categories worth 1–5, 20 statements, five bands of 20 points.
  const scoring: Scoring = {
    scale: [1, 2, 3, 4, 5].map((points) => ({ label: `C${points}`, aliases: [], points })),
    bands: [
      { min: 0, max: 20, sentence: 'a' },
      { min: 21, max: 40, sentence: 'b' },
      { min: 41, max: 60, sentence: 'c' },
      { min: 61, max: 80, sentence: 'd' },
      { min: 81, max: 100, sentence: 'e' },
    ],
    minGroupSize: 5,
  };
  const statementCount = 20;
  const random = seededRandom(20240611);
  const groups = Array.from({ length: 300 }, () => {
    const size = Math.floor(random() * 40);
    const nullChance = [0, 0.01, 0.3][Math.floor(random() * 3)];
    const skew = random(); // some groups lean towards one end, so ties and clear tendencies both occur
    return Array.from({ length: size }, () =>
      Array.from({ length: statementCount }, () =>
        random() < nullChance ? null : Math.min(4, Math.floor((random() + skew) * 2.5)),
      ),
    );
  });

  const check = (name: string, property: (rows: (number | null)[][], result: GroupTally) => void) =>
    it(name, () => {
      for (const rows of groups) property(rows, tallyGroup(sheets(...rows), scoring, statementCount));
    });

  check('every statement has counts plus unanswered equal to respondents', (rows, result) => {
    expect(result.respondents).toBe(rows.length);
    for (const statement of result.statements) {
      expect(statement.counts.reduce((a, b) => a + b, 0) + statement.unanswered).toBe(rows.length);
    }
  });

  check('band counts add up to the complete sheets', (rows, result) => {
    const complete = rows.filter((row) => row.every((answer) => answer !== null)).length;
    expect(result.complete).toBe(complete);
    expect(result.complete + result.incomplete).toBe(result.respondents);
    expect(result.bands.reduce((sum, b) => sum + b.count, 0)).toBe(complete);
  });

  check('the tendency is exactly the bands with the largest count', (_rows, result) => {
    const most = Math.max(...result.bands.map((b) => b.count));
    const expected =
      most === 0 ? [] : result.bands.filter((b) => b.count === most).map(({ min, max }) => ({ min, max }));
    expect(result.tendency).toEqual(expected);
    expect(result.tendency.length === 0).toBe(result.complete === 0);
  });

  check('the order of the sheets does not matter', (rows, result) => {
    const reversed = tallyGroup(sheets(...[...rows].reverse()), scoring, statementCount);
    expect(reversed).toEqual(result);
  });
});

describe('the shared example responses', () => {
  const contentDir = fileURLToPath(new URL('../content/da', import.meta.url));
  const examples = fileURLToPath(new URL('./fixtures/eksempel-svar.yaml', import.meta.url));
  const expectedFile = fileURLToPath(new URL('./fixtures/eksempel-svar.expected.json', import.meta.url));

  const withoutDerived = ({ tendency: _t, incomplete: _i, ...rest }: GroupTally) => rest;

  it('tallies to the expected numbers', () => {
    const content = loadContent(contentDir);
    const result = tallyResponses(answersByGroup(readYamlResponses(examples, content)), content);
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8'));
    expect({ leaders: withoutDerived(result.leader), employees: withoutDerived(result.employee) }).toEqual(expected);
    // From the expected band counts: leaders [0,0,0,0,2], employees [0,2,0,5,1].
    expect(result.leader.tendency).toEqual([{ min: 81, max: 100 }]);
    expect(result.employee.tendency).toEqual([{ min: 61, max: 80 }]);
    expect(result.employee.incomplete).toBe(1);
  });

  it('prints the same numbers as JSON from the tally command', async () => {
    let printed = '';
    await runTally({ sources: { file: examples }, contentDir, json: true }, { stdout: (text) => (printed += text) });
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8'));
    const result = JSON.parse(printed);
    expect(result.leaders.respondents).toBe(expected.leaders.respondents);
    // Each statement gains its mean (issue #17): employee statement 1 is 2 × 3 + 4 × 4 + 2 × 5 … = 33 points / 9.
    expect(result.employees.statements.map(({ mean: _m, ...counts }: { mean: number | null }) => counts)).toEqual(
      expected.employees.statements,
    );
    expect(result.employees.statements[0].mean).toBeCloseTo(33 / 9, 12);
    expect(result.employees.tendency).toEqual([{ min: 61, max: 80 }]);
  });

  it('prints a table per group with the tendency marked', async () => {
    let printed = '';
    await runTally({ sources: { file: examples }, contentDir, json: false }, { stdout: (text) => (printed += text) });
    const content = loadContent(contentDir);
    const { step1 } = content.resultSheet;
    expect(printed).toContain(content.resultSheet.leader.title);
    expect(printed).toContain(content.resultSheet.employee.title);
    expect(printed).toMatch(new RegExp(`81–100 +2 +◀ ${step1.tendencyLabel}`));
    expect(printed).toMatch(new RegExp(`61–80 +5 +◀ ${step1.tendencyLabel}`));
    // Employee statement 15: counts 1, 0, 2, 4, 1 and one unanswered (from the expected file).
    expect(printed).toMatch(/\n +15 +.+ 1 +0 +2 +4 +1 +1\n/);
  });
});
