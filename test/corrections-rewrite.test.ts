// Rewriting rettelser.yaml (a new scan reading, a decision in the browser app) keeps what the
// person wrote: their entries, their comments, and each value as they wrote it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { correctionsText } from '../src/responses/readers/scan/corrections.js';

const dir = mkdtempSync(join(tmpdir(), 'mus-corrections-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fileWith = (text: string): string => {
  const file = join(dir, `rettelser-${++n}.yaml`);
  writeFileSync(file, text);
  return file;
};

const personal = [
  '# Mine noter: ark 7 er Lones, spørg hende',
  '- sheet: "007" # kuglepen, svært at læse',
  '  statement: 3',
  '  answer: Enig',
  '# denne er jeg i tvivl om',
  '- sheet: 12',
  '  statement: .inf',
  '  answer:',
  '',
].join('\n');

describe('rewriting the corrections file', () => {
  it('keeps the person’s comments and entries, and .inf as .inf, when rows are added', () => {
    const text = correctionsText(['Skriv svaret'], fileWith(personal), [
      { sheet: '007', statement: 3, note: 'already there' },
      { sheet: '8', statement: 2, note: 'mere end ét kryds' },
    ]);
    expect(text.startsWith(personal)).toBe(true); // the person's text untouched, byte for byte
    expect(text).not.toMatch(/Infinity|already there|Skriv svaret/);
    expect(text.slice(personal.length)).toBe('- sheet: "8" # mere end ét kryds\n  statement: 2\n  answer:\n');
    expect(parse(text)).toEqual([
      { sheet: '007', statement: 3, answer: 'Enig' },
      { sheet: 12, statement: Number.POSITIVE_INFINITY, answer: null },
      { sheet: '8', statement: 2, answer: null },
    ]);
  });

  it('sets a decision on its entry and keeps everything else', () => {
    const text = correctionsText([], fileWith(personal), [], { sheet: '007', statement: 3, answer: '-' });
    expect(text).toBe(personal.replace('answer: Enig', 'answer: "-"'));
    expect(parse(text)[0].answer).toBe('-');
  });

  it('adds a decision for a row not in the file, with sheet names that look like numbers kept as text', () => {
    const file = fileWith('# kun en kommentar\n');
    const text = correctionsText(['Skriv svaret'], file, [], { sheet: '0x10', statement: 1, answer: 'true' });
    expect(text).toMatch(/^# kun en kommentar\n/);
    expect(parse(text)).toEqual([{ sheet: '0x10', statement: 1, answer: 'true' }]);
  });

  it('starts a new file with the program’s comment', () => {
    const text = correctionsText(['Skriv svaret', 'under answer'], join(dir, 'none.yaml'), [
      { sheet: '1e3', statement: 4, note: 'svagt kryds' },
    ]);
    expect(text).toBe('# Skriv svaret\n# under answer\n\n- sheet: "1e3" # svagt kryds\n  statement: 4\n  answer:\n');
    expect(parse(text)).toEqual([{ sheet: '1e3', statement: 4, answer: null }]);
  });
});
